package org.vivacite.portal.manager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.portal.money.Tariffs;

/**
 * The tertiary-sector decree's reports ({@code vivacite.tertiary.*}) over the {@link BuildingData}
 * and {@link BuildingFacts} the application provides, the platform's degree-days (none known when
 * it has none) and the gas calorific value of the money's tariffs; found by {@code RolesApi}'s scan.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TertiaryProperties.class)
class TertiaryConfiguration {

    @Bean
    TertiaryReports tertiaryReports(
            BuildingData data,
            BuildingFacts facts,
            ObjectProvider<DegreeDays> degreeDays,
            Tariffs tariffs,
            TertiaryProperties properties) {
        return new TertiaryReports(
                data, facts, degreeDays.getIfAvailable(() -> DegreeDays.NONE), tariffs, new TertiaryDecree(properties));
    }
}
