package org.vivacite.app.stores;

import java.nio.file.Path;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.StoreHealth;
import org.vivacite.triplestore.StoreProperties;

/** Opens the two stores at start, closes them at stop, and reports their health. */
@Configuration
class StoresConfiguration {

    @Bean(destroyMethod = "close")
    @PrivateStore
    QuadStore privateStore(StoreProperties stores, VivaciteProperties app) {
        return open(stores.privateStore(), StoreProperties.PRIVATE, app.data());
    }

    @Bean(destroyMethod = "close")
    @PublicStore
    QuadStore publicStore(StoreProperties stores, VivaciteProperties app) {
        return open(stores.publicStore(), StoreProperties.PUBLIC, app.data());
    }

    @Bean
    GraphNames graphNames(VivaciteProperties app) {
        return new GraphNames(app.baseIri());
    }

    /** {@code /actuator/health} component {@code stores}, with {@code private} and {@code public}. */
    @Bean
    HealthContributor stores(@PrivateStore QuadStore privateStore, @PublicStore QuadStore publicStore) {
        return CompositeHealthContributor.fromMap(java.util.Map.of(
                StoreProperties.PRIVATE, indicator(privateStore), StoreProperties.PUBLIC, indicator(publicStore)));
    }

    private static HealthIndicator indicator(QuadStore store) {
        return () -> {
            StoreHealth health = store.health();
            Health.Builder builder = health.up() ? Health.up() : Health.down();
            return builder.withDetail("kind", store.kind())
                    .withDetail("detail", health.detail())
                    .build();
        };
    }

    private static QuadStore open(StoreProperties.Role role, String name, Path data) {
        return QuadStores.open(name, role.directory() != null ? role : role.withDirectory(data.resolve(name)));
    }
}
