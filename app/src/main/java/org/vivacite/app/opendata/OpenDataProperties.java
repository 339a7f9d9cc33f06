package org.vivacite.app.opendata;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.vivacite.opendata.DisclosureRules;

/**
 * Settings of open-data releases, under {@code vivacite.open-data.*} (docs/configuration.md).
 * The disclosure rules default to the legal values (docs/disclosure.md).
 *
 * @param gasCalorificValue kWh (PCS) per m³, to publish gas consumption in kWh
 * @param degreeDays a CSV file of {@code date,degree_days} (base 18 °C), for consumption per
 *     degree-day; by default {@code {data}/degree-days.csv} when it exists (the demo city uses its own
 *     weather)
 * @param contactEmail the catalogue's contact point
 * @param licence the IRI of the datasets' licence (Etalab Licence Ouverte 2.0 by default)
 * @param licenceTitle its title
 */
@ConfigurationProperties("vivacite.open-data")
public record OpenDataProperties(
        @DefaultValue("11.2") BigDecimal gasCalorificValue,
        Path degreeDays,
        @DefaultValue Rules rules,
        String contactEmail,
        String licence,
        String licenceTitle) {

    /** {@code vivacite.open-data.rules.*}: the disclosure rules' parameters. */
    public record Rules(
            @DefaultValue("10") int minHouseholds,
            @DefaultValue("3") int minContributors,
            @DefaultValue("0.85") BigDecimal dominanceShare,
            @DefaultValue("true") boolean dominanceForHouseholds,
            @DefaultValue("100") int seriesPointsDaily,
            @DefaultValue("500") int seriesPointsSubDaily,
            @DefaultValue("5000") int seriesPointsLong,
            @DefaultValue("0.10") BigDecimal protectionLevel) {

        DisclosureRules disclosureRules() {
            return new DisclosureRules(
                    minHouseholds,
                    minContributors,
                    dominanceShare,
                    dominanceForHouseholds,
                    seriesPointsDaily,
                    seriesPointsSubDaily,
                    seriesPointsLong,
                    protectionLevel);
        }
    }
}
