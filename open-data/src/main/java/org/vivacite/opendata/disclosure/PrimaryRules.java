package org.vivacite.opendata.disclosure;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection.Rule;
import org.vivacite.opendata.Sector;

/**
 * The primary rules, applied to a cell or to any aggregate an attacker could work out (the sum of
 * the unknown members of a relation, the days a rolling year gained or lost).
 */
final class PrimaryRules {

    /** Which rules an aggregate follows. */
    enum Category {
        /** Residential delivery points: minimum households (or series points), dominance if configured. */
        HOUSEHOLD,
        /** Tertiary, industry, and public cells that are not an individually published building. */
        BUSINESS,
        /** A community-owned building flagged for individual publication: exempt. */
        PUBLIC_BUILDING
    }

    private final DisclosureRules rules;

    PrimaryRules(DisclosureRules rules) {
        this.rules = rules;
    }

    /** The share of its value by which a primary cell's deducible range must extend either side. */
    BigDecimal protectionLevel() {
        return rules.protectionLevel();
    }

    static Category category(Dataset dataset, Sector sector) {
        if (dataset == Dataset.PUBLIC_BUILDINGS_MONTHLY) {
            return Category.PUBLIC_BUILDING;
        }
        return sector.households() ? Category.HOUSEHOLD : Category.BUSINESS;
    }

    /**
     * The household minimum of a dataset's cells over a period: {@code minHouseholds}, or for a
     * series dataset the larger of it and the series minimum (D.111-63): daily or longer step, or a
     * span of at most a day, {@code seriesPointsDaily}; a sub-daily step (the load profile) over up
     * to 31 days, {@code seriesPointsSubDaily}; beyond, {@code seriesPointsLong}.
     */
    int householdMinimum(Dataset dataset, Period period) {
        if (!dataset.series) {
            return rules.minHouseholds();
        }
        int series;
        if (!dataset.profile()) {
            series = rules.seriesPointsDaily();
        } else {
            long days = period == null ? 31 : ChronoUnit.DAYS.between(period.start(), period.end());
            series = days <= 1
                    ? rules.seriesPointsDaily()
                    : days <= 31 ? rules.seriesPointsSubDaily() : rules.seriesPointsLong();
        }
        return Math.max(series, rules.minHouseholds());
    }

    /**
     * The rule an aggregate breaks, or {@link Rule#NONE}.
     *
     * @param dataset whose thresholds apply (series or not)
     * @param period the aggregate's span, for the load profile's series minimum
     * @param count its contributors (active delivery points)
     * @param largest its largest contributor's amount, null when unknown (then dominance fails)
     * @param total its total
     */
    Rule check(Category category, Dataset dataset, Period period, long count, BigDecimal largest, BigDecimal total) {
        switch (category) {
            case PUBLIC_BUILDING:
                return Rule.NONE;
            case HOUSEHOLD: {
                int min = householdMinimum(dataset, period);
                if (count < min) {
                    return dataset.series ? Rule.MIN_SERIES_POINTS : Rule.MIN_HOUSEHOLDS;
                }
                if (rules.dominanceForHouseholds() && dominated(largest, total)) {
                    return Rule.DOMINANCE;
                }
                return Rule.NONE;
            }
            default: {
                if (count < rules.minContributors()) {
                    return Rule.MIN_CONTRIBUTORS;
                }
                return dominated(largest, total) ? Rule.DOMINANCE : Rule.NONE;
            }
        }
    }

    /** Whether the largest contributor exceeds the dominance share of the total. */
    boolean dominated(BigDecimal largest, BigDecimal total) {
        if (largest == null || total == null) {
            return true;
        }
        if (total.signum() <= 0) {
            return largest.signum() > 0;
        }
        return largest.compareTo(rules.dominanceShare().multiply(total)) > 0;
    }
}
