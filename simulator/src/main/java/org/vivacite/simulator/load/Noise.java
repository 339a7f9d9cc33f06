package org.vivacite.simulator.load;

/**
 * Seeded noise that can be read at any point without generating what comes before: the same seed
 * and coordinates always give the same value, so a day's weather or a meter's half hour does not
 * depend on where a simulation started.
 */
public final class Noise {

    private Noise() {}

    /** A well-mixed 64-bit hash of these coordinates (SplitMix64's finaliser). */
    public static long mix(long seed, long a, long b) {
        long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xC2B2AE3D27D4EB4FL * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform value in [0, 1) for these coordinates. */
    static double uniform(long seed, long a, long b) {
        return (mix(seed, a, b) >>> 11) * 0x1.0p-53;
    }

    /** An approximately normal value (mean 0, standard deviation 1) for these coordinates. */
    static double normal(long seed, long a, long b) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += uniform(seed + i * 0x632BE59BD9B4E019L, a, b);
        }
        return (sum - 2) * Math.sqrt(3);
    }

    /** Normal noise that varies smoothly over {@code x}, with knots every {@code period}. */
    static double smooth(long seed, long stream, double x, double period) {
        double k = Math.floor(x / period);
        double f = x / period - k;
        double s = f * f * (3 - 2 * f);
        return normal(seed, stream, (long) k) * (1 - s) + normal(seed, stream, (long) k + 1) * s;
    }
}
