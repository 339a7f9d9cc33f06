package org.vivacite.portal.incidents;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An incident one of the rules found on a dwelling's water: which rule, over which local days, and
 * the numbers that triggered it.
 *
 * @param rule the rule that found it
 * @param dwelling the dwelling's IRI
 * @param from the first local day (or night) of the incident in the days looked at
 * @param to the last local day (or night) of the incident
 * @param current whether it lasts up to the latest day with data (ongoing), rather than ended before
 * @param measured what was measured: the lowest hourly volume of its days (litres, {@link
 *     Rule#NEVER_ZERO}), the lowest mean night flow of its nights (litres an hour, {@link
 *     Rule#NIGHT_FLOW}), the volume of the period (litres, {@link Rule#ABNORMAL})
 * @param limit what it was compared with: the hourly volume that counts as no flow (litres), the
 *     night-flow threshold (litres an hour), the factor times the average of the same period of
 *     previous years (litres)
 * @param count how many days or nights it lasted; for {@link Rule#ABNORMAL}, how many previous
 *     years the average is of
 */
public record Incident(
        Rule rule,
        String dwelling,
        LocalDate from,
        LocalDate to,
        boolean current,
        BigDecimal measured,
        BigDecimal limit,
        int count) {

    /** The rules, with the alert kind each raises ({@link org.vivacite.portal.alerts.Alert#kind()}). */
    public enum Rule {
        /** Water leak: every hour of a day has consumption (docs/portal.md, "Incidents"). */
        NEVER_ZERO("never-zero", "leak"),
        /** Water leak: the night flow stays above a threshold for several nights in a row. */
        NIGHT_FLOW("night-flow", "leak"),
        /** Abnormal consumption: above twice the average of the same period of previous years. */
        ABNORMAL("abnormal", "abnormal");

        public final String id;
        public final String kind;

        Rule(String id, String kind) {
            this.id = id;
            this.kind = kind;
        }

        public String getId() {
            return id;
        }
    }
}
