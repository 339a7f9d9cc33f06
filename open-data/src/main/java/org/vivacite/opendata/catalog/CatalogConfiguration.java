package org.vivacite.opendata.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.opendata.ReleaseIndex;

/**
 * Declares the {@code /catalog} controller. The application provides the {@link ReleaseIndex} and
 * the {@link CatalogSettings} beans.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    CatalogController catalogController(ReleaseIndex index, CatalogSettings settings) {
        return new CatalogController(index, settings);
    }
}
