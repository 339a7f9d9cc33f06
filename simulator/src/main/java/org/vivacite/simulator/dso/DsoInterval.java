package org.vivacite.simulator.dso;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * One value of a DSO export: the energy a delivery point drew over an interval, which a load curve
 * shows as the average power over the interval and a daily series as energy.
 *
 * @param start the interval's beginning, in the DSO's local time zone
 * @param length the interval's length: 30 minutes for a load curve, 23 to 25 hours for a day
 * @param wattHours the energy drawn over the interval, Wh
 */
public record DsoInterval(String usagePointId, ZonedDateTime start, Duration length, double wattHours) {

    public ZonedDateTime end() {
        return start.plus(length);
    }

    /**
     * Whether this is a load-curve point rather than a day's energy: a day runs from one local
     * midnight to the next, 23, 24 or 25 hours.
     */
    public boolean loadCurve() {
        ZonedDateTime end = end();
        return !(start.toLocalTime().equals(LocalTime.MIDNIGHT)
                && end.toLocalTime().equals(LocalTime.MIDNIGHT)
                && end.toLocalDate().equals(start.toLocalDate().plusDays(1)));
    }

    /** The average power over the interval, W, rounded to the watt as DSOs publish it. */
    public long averageWatts() {
        return Math.round(wattHours * 3600.0 / length.toSeconds());
    }

    /** The energy, Wh, rounded to the watt-hour. */
    public long roundedWattHours() {
        return Math.round(wattHours);
    }
}
