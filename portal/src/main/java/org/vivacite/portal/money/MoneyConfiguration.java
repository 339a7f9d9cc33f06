package org.vivacite.portal.money;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.vivacite.portal.personal.PersonalData;

/**
 * Money and carbon for the application to import beside {@code PersonalApi}: the timelines of
 * {@code vivacite.money.*}, read at start (a wrong file stops the start, naming it), the {@link
 * Prices} the citizen's pages share, and the bill's API and page. The application provides the
 * {@link PersonalData}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(MoneyProperties.class)
public class MoneyConfiguration {

    @Bean
    Tariffs tariffs(MoneyProperties properties, ResourceLoader loader) {
        return new Tariffs(properties, loader);
    }

    @Bean
    Billing billing(Tariffs tariffs, PersonalData data) {
        return new Billing(tariffs, data.zone());
    }

    @Bean
    Bills bills(PersonalData data, Billing billing) {
        return new Bills(data, billing);
    }
}
