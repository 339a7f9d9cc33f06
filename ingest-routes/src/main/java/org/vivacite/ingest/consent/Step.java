package org.vivacite.ingest.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A consented step in a zone: {@code P1D} (local days), or a step that divides a day (its
 * boundaries are the local times of day that are multiples of it).
 */
public record Step(Duration length, ZoneId zone) {

    /** The step of daily data, which needs no consent beyond the service. */
    public static final Duration DAY = Duration.ofDays(1);

    public boolean daily() {
        return length.compareTo(DAY) >= 0;
    }

    /** Whether an instant is a step boundary. */
    public boolean boundary(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        if (daily()) {
            return z.toLocalTime().equals(LocalTime.MIDNIGHT);
        }
        return z.getNano() == 0 && z.toLocalTime().toSecondOfDay() % length.toSeconds() == 0;
    }

    /** The boundary that begins the step an instant is in. */
    public Instant floor(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        if (daily()) {
            return z.toLocalDate().atStartOfDay(zone).toInstant();
        }
        return t.minusSeconds(z.toLocalTime().toSecondOfDay() % length.toSeconds())
                .minusNanos(z.getNano());
    }

    /** The boundary after a boundary. */
    public Instant next(Instant boundary) {
        if (daily()) {
            return boundary.atZone(zone)
                    .toLocalDate()
                    .plusDays(1)
                    .atStartOfDay(zone)
                    .toInstant();
        }
        return boundary.plus(length);
    }

    /**
     * @throws ConsentException naming the step, unless it is {@code P1D} or a step of whole
     *     seconds, shorter than a day, that divides it
     */
    public static Duration check(Duration step) {
        if (step == null
                || step.isNegative()
                || step.isZero()
                || step.getNano() != 0
                || (!step.equals(DAY) && (step.compareTo(DAY) > 0 || DAY.toSeconds() % step.toSeconds() != 0))) {
            throw new ConsentException("step '" + step + "' is neither P1D nor a step of whole seconds that divides a"
                    + " day (PT1H, PT30M, PT15M…)");
        }
        return step;
    }
}
