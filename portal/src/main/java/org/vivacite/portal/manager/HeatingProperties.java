package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a building's heating cost is split between its dwellings ({@code vivacite.heating.*},
 * docs/configuration.md).
 *
 * @param commonShare the share of the cost divided by the dwellings' keys, from 0 to 1; the rest is
 *     divided by their measured units (30 % by default: code de la construction et de
 *     l'habitation, R.174-10)
 * @param commonBasis what the common share is divided by: {@code floor-area}, each dwelling's
 *     {@code vc:floorArea} (m²) in the private store, or {@code shares}, the <i>tantièmes</i> given in
 *     {@code shares}
 * @param shares with {@code common-basis: shares}, each dwelling's tantièmes, by dwelling key (the
 *     last segment of its IRI)
 * @param coefficients correction coefficients of thermally disadvantaged dwellings (a top floor, a
 *     gable wall), by dwelling key: its measured units count times this; 1 for a dwelling not named
 */
@ConfigurationProperties("vivacite.heating")
public record HeatingProperties(
        @DefaultValue("0.30") BigDecimal commonShare,
        @DefaultValue("floor-area") String commonBasis,
        Map<String, BigDecimal> shares,
        Map<String, BigDecimal> coefficients) {

    /** The values {@code common-basis} takes. */
    public static final String FLOOR_AREA = "floor-area";

    public static final String SHARES = "shares";

    public HeatingProperties {
        if (commonShare.signum() < 0 || commonShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(
                    "vivacite.heating.common-share: " + commonShare + " is not between 0 and 1");
        }
        if (!FLOOR_AREA.equals(commonBasis) && !SHARES.equals(commonBasis)) {
            throw new IllegalArgumentException(
                    "vivacite.heating.common-basis: '" + commonBasis + "' is neither " + FLOOR_AREA + " nor " + SHARES);
        }
        shares = shares == null ? Map.of() : Map.copyOf(shares);
        coefficients = coefficients == null ? Map.of() : Map.copyOf(coefficients);
        shares.forEach((k, v) -> {
            if (v.signum() < 0) {
                throw new IllegalArgumentException("vivacite.heating.shares." + k + ": " + v + " is negative");
            }
        });
        coefficients.forEach((k, v) -> {
            if (v.signum() <= 0) {
                throw new IllegalArgumentException(
                        "vivacite.heating.coefficients." + k + ": " + v + " is not positive");
            }
        });
    }

    /** The defaults, as application.yml has them. */
    public static HeatingProperties defaults() {
        return new HeatingProperties(new BigDecimal("0.30"), FLOOR_AREA, Map.of(), Map.of());
    }

    /** A dwelling's correction coefficient, by its key. */
    public BigDecimal coefficient(String dwellingKey) {
        return coefficients.getOrDefault(dwellingKey, BigDecimal.ONE);
    }
}
