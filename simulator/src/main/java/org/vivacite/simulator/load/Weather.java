package org.vivacite.simulator.load;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A generated outdoor temperature series for a Grenoble-like climate: daily means from about
 * 2 °C in mid-January to 21 °C in mid-July, spells of a few days warmer or colder than normal,
 * day-to-day noise, and a daily swing that is wider in summer. Heating degree-days follow the
 * French convention, base 18 °C over the heating season (1 October – 20 May).
 */
public final class Weather {

    /** Base temperature of heating degree-days, °C. */
    public static final double BASE = 18.0;

    private static final MonthDay SEASON_END = MonthDay.of(5, 20);
    private static final MonthDay SEASON_START = MonthDay.of(10, 1);

    private final long seed;

    public Weather(long seed) {
        this.seed = seed ^ 0x7EA7_4E55L;
    }

    /** The day's mean temperature, °C. */
    public double mean(LocalDate day) {
        long d = day.toEpochDay();
        double normal = 11.5 - 9.5 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 15) / 365.25);
        return normal + 2.6 * Noise.smooth(seed, 1, d, 5) + 1.1 * Noise.normal(seed, 2, d);
    }

    /** The day's swing between minimum and maximum, °C: about 7 in winter, 12 in summer. */
    public double swing(LocalDate day) {
        return 9.5
                - 2.5 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 15) / 365.25)
                + 1.5 * Noise.normal(seed, 3, day.toEpochDay());
    }

    public double min(LocalDate day) {
        return mean(day) - swing(day) / 2;
    }

    public double max(LocalDate day) {
        return mean(day) + swing(day) / 2;
    }

    /**
     * The temperature at a local hour of the day (0–24, fractional): the minimum at 6:00 and the
     * maximum at 15:00, joined by half cosines.
     */
    public double at(LocalDate day, double hour) {
        double min = min(day);
        double max = max(day);
        if (hour >= 6 && hour <= 15) {
            return min + (max - min) * (1 - Math.cos(Math.PI * (hour - 6) / 9)) / 2;
        }
        // From the maximum at 15:00 down to the next (or from the previous) day's minimum at 6:00.
        double sinceMax = hour > 15 ? hour - 15 : hour + 9;
        double nextMin = hour > 15 ? min(day.plusDays(1)) : min;
        double prevMax = hour > 15 ? max : max(day.minusDays(1));
        return nextMin + (prevMax - nextMin) * (1 + Math.cos(Math.PI * sinceMax / 15)) / 2;
    }

    /** Whether the day is in the heating season, 1 October to 20 May. */
    public static boolean heatingSeason(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        return !md.isAfter(SEASON_END) || !md.isBefore(SEASON_START);
    }

    /** Heating degree-days of the day: max(0, 18 − (Tmin + Tmax) / 2) in the season, else 0. */
    public double degreeDays(LocalDate day) {
        if (!heatingSeason(day)) {
            return 0;
        }
        return Math.max(0, BASE - (min(day) + max(day)) / 2);
    }
}
