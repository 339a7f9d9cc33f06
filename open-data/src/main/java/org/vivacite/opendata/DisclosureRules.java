package org.vivacite.opendata;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The disclosure rules' parameters (docs/disclosure.md), legal values by default. Every
 * release records the parameters it used ({@link #parameters()}).
 *
 * @param minHouseholds active household delivery points an annual residential cell needs (D.111-53: 10)
 * @param minContributors contributors a tertiary, public or industry cell needs (INSEE: 3)
 * @param dominanceShare no single contributor may exceed this share of a cell (INSEE (1, 85 %))
 * @param dominanceForHouseholds whether household cells follow the dominance rule too: stricter than
 *     the law, and on by default, so that a street where one household dominates is not published
 * @param seriesPointsDaily consumption points a household time series with a daily or longer step
 *     needs (D.111-63: 100)
 * @param seriesPointsSubDaily … with a sub-daily step over more than a day, up to 31 days (500)
 * @param seriesPointsLong … with a sub-daily step over more than 31 days (5 000)
 * @param protectionLevel interval protection (τ-ARGUS, sdcTable): for every primary-suppressed cell
 *     of value v, what an attacker can deduce from everything published (non-negativity and every
 *     relation at once, by linear programming) must still allow any value in [v(1 − p), v(1 + p)]
 *     (0.10); 0 checks exact recovery only
 */
public record DisclosureRules(
        int minHouseholds,
        int minContributors,
        BigDecimal dominanceShare,
        boolean dominanceForHouseholds,
        int seriesPointsDaily,
        int seriesPointsSubDaily,
        int seriesPointsLong,
        BigDecimal protectionLevel) {

    public static final BigDecimal DEFAULT_PROTECTION_LEVEL = new BigDecimal("0.10");

    public static final DisclosureRules DEFAULTS =
            new DisclosureRules(10, 3, new BigDecimal("0.85"), true, 100, 500, 5_000, DEFAULT_PROTECTION_LEVEL);

    public DisclosureRules {
        if (minHouseholds < 1 || minContributors < 1 || seriesPointsDaily < 1) {
            throw new OpenDataException("disclosure minimums must be at least 1");
        }
        if (dominanceShare.signum() <= 0 || dominanceShare.compareTo(BigDecimal.ONE) > 0) {
            throw new OpenDataException("the dominance share must be in (0, 1], not " + dominanceShare);
        }
        if (protectionLevel == null || protectionLevel.signum() < 0 || protectionLevel.compareTo(BigDecimal.ONE) >= 0) {
            throw new OpenDataException("the protection level must be in [0, 1), not " + protectionLevel);
        }
    }

    /** The parameters by name, as a release records them. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("min-households", Integer.toString(minHouseholds));
        p.put("min-contributors", Integer.toString(minContributors));
        p.put("dominance-share", dominanceShare.toPlainString());
        p.put("dominance-for-households", Boolean.toString(dominanceForHouseholds));
        p.put("series-points-daily", Integer.toString(seriesPointsDaily));
        p.put("series-points-sub-daily", Integer.toString(seriesPointsSubDaily));
        p.put("series-points-long", Integer.toString(seriesPointsLong));
        p.put("series-min-step", "PT30M");
        // without trailing zeros: JSON-LD writes a decimal as a number, which would lose them
        p.put("protection-level", protectionLevel.stripTrailingZeros().toPlainString());
        return p;
    }
}
