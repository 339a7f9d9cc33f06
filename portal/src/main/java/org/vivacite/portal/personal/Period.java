package org.vivacite.portal.personal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The period a series is asked over, from the {@code from} and {@code to} parameters of the
 * personal and the managers' APIs: each an ISO instant or a local date (its start, in the city's
 * zone); by default the seven days before now.
 */
public record Period(Instant from, Instant to) {

    /** The period asked when none is: the last seven days. */
    public static final Duration DEFAULT = Duration.ofDays(7);

    /**
     * @param from the parameter, or null: seven days before {@code to}
     * @param to the parameter (exclusive), or null: now
     * @throws PersonalException naming the parameter that is neither an instant nor a date
     */
    public static Period of(String from, String to, Instant now, ZoneId zone) {
        Instant end = to == null ? now : instant("to", to, zone);
        return new Period(from == null ? end.minus(DEFAULT) : instant("from", from, zone), end);
    }

    private static Instant instant(String name, String value, ZoneId zone) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(zone).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeException e) {
            throw new PersonalException(name + ": '" + value
                    + "' is neither an ISO 8601 instant (2026-05-01T00:00:00Z) nor a date (2026-05-01)");
        }
    }
}
