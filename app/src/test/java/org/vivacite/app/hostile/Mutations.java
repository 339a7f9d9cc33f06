package org.vivacite.app.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of real inputs, as a fuzzer makes them: bit flips, interesting bytes, insertions,
 * deletions, repeated ranges, truncations and splices of two inputs. Deterministic for a given
 * {@link Random}; every result is at most {@link #MAX_LENGTH} bytes.
 */
final class Mutations {

    /** No mutated input grows past this, so the fuzz stays bounded in memory and time. */
    static final int MAX_LENGTH = 256 * 1024;

    private static final byte[] INTERESTING = {
        0,
        -1,
        0x7f,
        (byte) 0x80,
        '\n',
        '\r',
        ';',
        ',',
        '"',
        '\'',
        '{',
        '}',
        '[',
        ']',
        ':',
        '\\',
        ' ',
        '\t',
        0x02,
        0x03,
        '-',
        '.',
        'e',
        'E',
        '9',
        '0'
    };

    private final Random random;

    Mutations(Random random) {
        this.random = random;
    }

    /** One to three mutations of {@code seed}; {@code others} lends the second half of a splice. */
    byte[] mutate(byte[] seed, List<byte[]> others) {
        byte[] b = seed.clone();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            b = once(b, others);
        }
        return b.length > MAX_LENGTH ? Arrays.copyOf(b, MAX_LENGTH) : b;
    }

    private byte[] once(byte[] b, List<byte[]> others) {
        if (b.length == 0) {
            return randomBytes(1 + random.nextInt(32));
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(8)) {
            case 0 -> {
                byte[] c = b.clone();
                for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                    int p = random.nextInt(c.length);
                    c[p] ^= (byte) (1 << random.nextInt(8));
                }
                return c;
            }
            case 1 -> {
                byte[] c = b.clone();
                c[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                return c;
            }
            case 2 -> {
                return splice(b, at, at, randomBytes(1 + random.nextInt(16)));
            }
            case 3 -> {
                int end = Math.min(b.length, at + 1 + random.nextInt(Math.max(1, b.length / 4)));
                return splice(b, at, end, new byte[0]);
            }
            case 4 -> {
                int end = Math.min(b.length, at + 1 + random.nextInt(64));
                byte[] range = Arrays.copyOfRange(b, at, end);
                int times = 1 + random.nextInt(Math.max(1, Math.min(512, MAX_LENGTH / (4 * range.length))));
                byte[] repeated = new byte[range.length * times];
                for (int k = 0; k < times; k++) {
                    System.arraycopy(range, 0, repeated, k * range.length, range.length);
                }
                return splice(b, end, end, repeated);
            }
            case 5 -> {
                return Arrays.copyOf(b, at);
            }
            case 6 -> {
                byte[] other = others.get(random.nextInt(others.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return splice(b, at, b.length, Arrays.copyOfRange(other, from, other.length));
            }
            default -> {
                return digit(b);
            }
        }
    }

    /** Another digit in place of a digit, as a corrupted value or time would read. */
    private byte[] digit(byte[] b) {
        byte[] c = b.clone();
        int start = random.nextInt(c.length);
        for (int k = 0; k < c.length; k++) {
            int p = (start + k) % c.length;
            if (c[p] >= '0' && c[p] <= '9') {
                c[p] = (byte) ('0' + random.nextInt(10));
                return c;
            }
        }
        return c;
    }

    private byte[] randomBytes(int n) {
        byte[] r = new byte[n];
        random.nextBytes(r);
        return r;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] middle) {
        byte[] c = new byte[from + middle.length + (b.length - to)];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(middle, 0, c, from, middle.length);
        System.arraycopy(b, to, c, from + middle.length, b.length - to);
        return c;
    }

    /** A string mutated as bytes, read back as UTF-8 (malformed sequences become U+FFFD). */
    String mutate(String seed, List<byte[]> others) {
        return new String(mutate(seed.getBytes(StandardCharsets.UTF_8), others), StandardCharsets.UTF_8);
    }
}
