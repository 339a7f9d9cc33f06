package org.vivacite.simulator.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One local day of the simulation, cut into its half hours (46, 48 or 50 of them, with the clock
 * changes), with the facts every load profile needs: the local hour of each half hour, heating
 * degree-days, the mean outdoor temperature, weekend, public and school holidays.
 */
public record Day(
        LocalDate date,
        Instant start,
        double[] hour,
        double degreeDays,
        double meanTemperature,
        boolean weekend,
        boolean publicHoliday,
        boolean schoolClosed) {

    /** Length of a slot, seconds. */
    public static final int SLOT_SECONDS = 1800;

    public static Day of(LocalDate date, ZoneId zone, Weather weather) {
        ZonedDateTime midnight = date.atStartOfDay(zone);
        Instant start = midnight.toInstant();
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        int slots = (int) ((end.getEpochSecond() - start.getEpochSecond()) / SLOT_SECONDS);
        double[] hour = new double[slots];
        for (int i = 0; i < slots; i++) {
            ZonedDateTime local = start.plusSeconds((long) i * SLOT_SECONDS).atZone(zone);
            hour[i] = local.getHour() + local.getMinute() / 60.0;
        }
        return new Day(
                date,
                start,
                hour,
                weather.degreeDays(date),
                weather.mean(date),
                Calendar.weekend(date),
                Calendar.publicHoliday(date),
                Calendar.schoolClosed(date));
    }

    public int slots() {
        return hour.length;
    }

    /** The instant slot {@code i} begins. */
    public Instant slotStart(int i) {
        return start.plusSeconds((long) i * SLOT_SECONDS);
    }

    /** Whether offices and town halls work: not a weekend, not a public holiday. */
    public boolean workingDay() {
        return !weekend && !publicHoliday;
    }
}
