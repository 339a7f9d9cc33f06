package org.vivacite.portal.money;

import org.springframework.beans.factory.ObjectProvider;
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

    /** Electricity at the contract a household gave ({@link ContractStore}, when the application has one). */
    @Bean
    Billing billing(Tariffs tariffs, PersonalData data, ObjectProvider<ContractStore> contracts) {
        ContractStore store = contracts.getIfAvailable();
        return store == null ? new Billing(tariffs, data.zone()) : new Billing(tariffs, data.zone(), store);
    }

    @Bean
    Bills bills(PersonalData data, Billing billing) {
        return new Bills(data, billing);
    }
}
