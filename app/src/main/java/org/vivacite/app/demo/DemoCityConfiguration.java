package org.vivacite.app.demo;

import java.time.LocalDate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.simulator.DemoCity;

/**
 * With {@code --demo}: the demo city (simulator module), the same at every start of a data
 * directory, and the feed that loads its history and keeps its devices reporting.
 */
@Configuration
@ConditionalOnProperty(name = "vivacite.demo", havingValue = "true")
class DemoCityConfiguration {

    @Bean
    DemoCityState demoCityState(VivaciteProperties properties) {
        VivaciteProperties.DemoCity settings = properties.demoCity();
        if (settings.historyDays() < 1) {
            throw new IllegalArgumentException(
                    "vivacite.demo-city.history-days must be at least 1, not " + settings.historyDays());
        }
        LocalDate today = LocalDate.now(DemoCity.ZONE);
        return DemoCityState.openOrCreate(
                properties.data(), settings.seed(), settings.households(), today.minusDays(settings.historyDays()));
    }

    @Bean
    DemoCity demoCity(DemoCityState state) {
        // One water meter is replaced 180 days after the first simulated day, as happens in a real
        // city; a fixed offset, so that every start regenerates the same city.
        return city(state);
    }

    /** The demo city of a state: the same at every start. */
    static DemoCity city(DemoCityState state) {
        LocalDate replacement = state.start().plusDays(180);
        return DemoCity.generate(state.seed(), state.households(), state.start(), replacement);
    }
}
