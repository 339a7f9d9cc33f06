package org.vivacite.portal.manager;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The heating statements of building managers ({@code vivacite.heating.*}), over the {@link
 * BuildingData} the application provides; found by {@code RolesApi}'s scan.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HeatingProperties.class)
class HeatingConfiguration {

    @Bean
    HeatingStatements heatingStatements(BuildingData data, HeatingProperties properties) {
        return new HeatingStatements(data, properties);
    }
}
