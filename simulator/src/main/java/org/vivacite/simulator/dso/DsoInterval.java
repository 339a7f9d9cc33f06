package org.vivacite.simulator.dso;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * One value of a DSO export: the energy a delivery point drew over an interval, which a load curve
 * shows as the average power over the interval and a daily series as energy.
 *
 * @param start the interval's beginning, in the DSO's local time zone
 * @param wattHours the energy drawn over the interval, Wh
 */
public record DsoInterval(String usagePointId, ZonedDateTime start, Duration length, double wattHours) {

    public ZonedDateTime end() {
        return start.plus(length);
    }

    /** Whether this is a load-curve point (shorter than a day) rather than a daily energy. */
    public boolean loadCurve() {
        return length.compareTo(Duration.ofDays(1)) < 0;
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
