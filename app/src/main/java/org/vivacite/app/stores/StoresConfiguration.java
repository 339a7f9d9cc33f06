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
import org.vivacite.triplestore.PublicOnlyStore;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.StoreException;
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

    /** Refuses any write to a private graph, whatever calls it (PublicOnlyStore). */
    @Bean(destroyMethod = "close")
    @PublicStore
    QuadStore publicStore(StoreProperties stores, VivaciteProperties app) {
        StoreProperties.Role pub = stores.publicStore();
        StoreProperties.Role priv = stores.privateStore();
        if (pub.remote() != null
                && priv.remote() != null
                && pub.remote().endpoint() != null
                && pub.remote().endpoint().equals(priv.remote().endpoint())) {
            throw new StoreException("the private and public stores are configured at the same endpoint "
                    + pub.remote().endpoint() + ": they must be different stores");
        }
        if (pub.directory() != null && pub.directory().equals(priv.directory())) {
            throw new StoreException("the private and public stores are configured in the same directory "
                    + pub.directory() + ": they must be different stores");
        }
        return new PublicOnlyStore(open(pub, StoreProperties.PUBLIC, app.data()), new GraphNames(app.baseIri()));
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
