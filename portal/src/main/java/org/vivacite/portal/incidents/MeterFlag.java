package org.vivacite.portal.incidents;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An alarm a dwelling's water meter reports of itself (wM-Bus status flags: leak, burst, backflow,
 * dry), over the days looked at.
 *
 * @param meter the meter's IRI
 * @param kind {@code leak}, {@code burst}, {@code backflow} or {@code dry}
 * @param first the first reading in the days looked at that carried it
 * @param last the latest one
 * @param hours how long the meter said, at its latest report, that it had lasted at least (0: it
 *     did not say)
 * @param since when it began, at the latest: the earlier of {@code first} and {@code last} minus
 *     {@code hours}
 * @param current whether no reading of the meter's water after {@code last} came without it
 */
public record MeterFlag(
        String meter, String kind, Instant first, Instant last, BigDecimal hours, Instant since, boolean current) {

    /** The alarm's kind by its quantity ({@code waterMeterLeakAlarm} → {@code leak}). */
    static String kind(String quantity) {
        return switch (quantity) {
            case "waterMeterLeakAlarm" -> "leak";
            case "waterMeterBurstAlarm" -> "burst";
            case "waterMeterBackflowAlarm" -> "backflow";
            case "waterMeterDryAlarm" -> "dry";
            default -> throw new IllegalArgumentException("not a meter's alarm: " + quantity);
        };
    }

    /** How long the meter says, in whole days when at least two, else hours: the number. */
    public long duration() {
        long h = hours.longValue();
        return h >= 48 ? h / 24 : h;
    }

    /** Whether {@link #duration} is in days. */
    public boolean inDays() {
        return hours.longValue() >= 48;
    }
}
