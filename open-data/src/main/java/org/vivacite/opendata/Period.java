package org.vivacite.opendata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A period of a cell: {@code step} long, from the local midnight that begins {@code start}. A year
 * is the twelve months from its start, which need not be the first of January (the annual dataset
 * is the latest year of complete days).
 */
public record Period(LocalDate start, Step step) implements Comparable<Period> {

    public enum Step {
        DAY("P1D"),
        MONTH("P1M"),
        YEAR("P1Y");

        /** The ISO 8601 duration. */
        public final String duration;

        Step(String duration) {
            this.duration = duration;
        }
    }

    /** The first day after the period. */
    public LocalDate end() {
        return switch (step) {
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end());
    }

    /** Whether this period lies within the other. */
    public boolean within(Period other) {
        return !start.isBefore(other.start) && !end().isAfter(other.end());
    }

    public Instant startInstant(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    /**
     * The interval's IRI, {@code {base}id/interval/{start instant}/{duration}}, the same shape as the
     * intervals of derived consumption (docs/ontology.md).
     */
    public String iri(String base, ZoneId zone) {
        return base + "id/interval/" + startInstant(zone) + "/" + step.duration;
    }

    /** A readable label: {@code 2026-03-14}, {@code 2026-03}, {@code 2025-11-29/P1Y}. */
    public String label() {
        return switch (step) {
            case DAY -> start.toString();
            case MONTH -> start.toString().substring(0, 7);
            case YEAR -> start.getDayOfYear() == 1 ? Integer.toString(start.getYear()) : start + "/P1Y";
        };
    }

    @Override
    public int compareTo(Period o) {
        int c = start.compareTo(o.start);
        return c != 0 ? c : step.compareTo(o.step);
    }
}
