package org.vivacite.simulator.dso;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The platform's documented CSV for DSO load curves and daily energies (docs/simulator.md): a
 * header row, then one row per interval:
 *
 * <pre>
 * usage_point_id,start,end,value,unit
 * 16401220101758,2026-01-15T00:00:00+01:00,2026-01-15T00:30:00+01:00,540,W
 * 16401220101758,2026-01-15T00:00:00+01:00,2026-01-16T00:00:00+01:00,12345,Wh
 * </pre>
 *
 * {@code start} and {@code end} are ISO 8601 with their UTC offset; {@code unit} is {@code W} for
 * the average power over the interval (load curve), {@code Wh} for the energy over it (daily).
 */
public final class DsoCsv {

    public static final String HEADER = "usage_point_id,start,end,value,unit\n";

    private DsoCsv() {}

    public static String row(DsoInterval i) {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        return i.usagePointId() + "," + iso.format(i.start()) + "," + iso.format(i.end()) + ","
                + (i.loadCurve() ? i.averageWatts() + ",W" : i.roundedWattHours() + ",Wh") + "\n";
    }

    /** A whole file: the header and a row per interval. */
    public static String file(List<DsoInterval> intervals) {
        StringBuilder csv = new StringBuilder(HEADER);
        intervals.forEach(i -> csv.append(row(i)));
        return csv.toString();
    }
}
