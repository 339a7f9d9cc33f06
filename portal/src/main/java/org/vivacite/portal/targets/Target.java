package org.vivacite.portal.targets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * A ceiling a person set on a fluid's consumption of one of their dwellings, for each calendar
 * month or year (local time).
 *
 * @param id its identifier
 * @param dwelling the dwelling's IRI
 * @param fluid a fluid's code ({@code electricity}, {@code gas}, {@code water}, {@code heat})
 * @param span the period the ceiling is for
 * @param measure what the ceiling counts
 * @param ceiling the most the person wants to use in a period, in the measure's unit
 * @param created when it was set
 */
public record Target(
        String id, String dwelling, String fluid, Span span, Measure measure, BigDecimal ceiling, Instant created) {

    /** The period a ceiling is for: a calendar month or year ({@code time:unitMonth}, {@code time:unitYear}). */
    public enum Span {
        MONTH("unitMonth"),
        YEAR("unitYear");

        /** The OWL-Time temporal unit's local name. */
        public final String timeUnit;

        Span(String timeUnit) {
            this.timeUnit = timeUnit;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a ceiling counts: the fluid's own unit (kWh, m³), euros, or kilograms of CO2 equivalent. */
    public enum Measure {
        AMOUNT,
        EUROS,
        CO2;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
