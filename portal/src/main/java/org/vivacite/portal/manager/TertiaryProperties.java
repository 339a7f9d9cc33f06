package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tertiary-sector decree's parameters ({@code vivacite.tertiary.*}, docs/configuration.md),
 * with the decree's values as defaults (code de la construction et de l'habitation, R.174-22 and
 * R.174-23).
 *
 * @param thresholdM2 the floor area from which a building is subject, m² (1 000)
 * @param uses the {@code vc:use} notations of the buildings subject ({@code public}, {@code tertiary})
 * @param earliestReferenceYear the earliest reference year the decree allows (2010)
 * @param targets the cut of each target year against the reference year, from 0 to 1 (2030: 0.40,
 *     2040: 0.50, 2050: 0.60)
 * @param referenceYears a building's reference year, by its id (RNB id), when its manager chose one;
 *     otherwise the earliest complete year with data, not before {@code earliestReferenceYear}
 */
@ConfigurationProperties("vivacite.tertiary")
public record TertiaryProperties(
        @DefaultValue("1000") BigDecimal thresholdM2,
        @DefaultValue({"public", "tertiary"}) List<String> uses,
        @DefaultValue("2010") int earliestReferenceYear,
        Map<Integer, BigDecimal> targets,
        Map<String, Integer> referenceYears) {

    public TertiaryProperties {
        if (thresholdM2.signum() < 0) {
            throw new IllegalArgumentException("vivacite.tertiary.threshold-m2: " + thresholdM2 + " is negative");
        }
        uses = List.copyOf(uses);
        SortedMap<Integer, BigDecimal> t =
                new TreeMap<>(targets == null || targets.isEmpty() ? DEFAULT_TARGETS : targets);
        t.forEach((year, cut) -> {
            if (cut.signum() < 0 || cut.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(
                        "vivacite.tertiary.targets." + year + ": " + cut + " is not between 0 and 1");
            }
        });
        targets = java.util.Collections.unmodifiableSortedMap(t);
        referenceYears = referenceYears == null ? Map.of() : Map.copyOf(referenceYears);
        int earliest = earliestReferenceYear;
        referenceYears.forEach((b, y) -> {
            if (y < earliest) {
                throw new IllegalArgumentException("vivacite.tertiary.reference-years." + b + ": " + y + " is before "
                        + earliest + ", the earliest the decree allows");
            }
        });
    }

    /** The decree's targets: −40 % in 2030, −50 % in 2040, −60 % in 2050. */
    public static final Map<Integer, BigDecimal> DEFAULT_TARGETS =
            Map.of(2030, new BigDecimal("0.40"), 2040, new BigDecimal("0.50"), 2050, new BigDecimal("0.60"));

    /** The defaults, as application.yml has them, with these reference years. */
    public static TertiaryProperties defaults(Map<String, Integer> referenceYears) {
        return new TertiaryProperties(
                new BigDecimal("1000"), List.of("public", "tertiary"), 2010, DEFAULT_TARGETS, referenceYears);
    }
}
