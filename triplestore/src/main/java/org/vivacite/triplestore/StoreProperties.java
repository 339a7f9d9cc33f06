package org.vivacite.triplestore;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings of the two stores, under {@code vivacite.store.*}.
 *
 * @param privateStore {@code vivacite.store.private.*}: kind {@code lmdb} by default
 * @param publicStore {@code vivacite.store.public.*}: kind {@code tdb2} by default
 */
@ConfigurationProperties("vivacite.store")
public record StoreProperties(
        @Name("private") Role privateStore, @Name("public") Role publicStore) {

    public static final String PRIVATE = "private";
    public static final String PUBLIC = "public";

    /**
     * @param kind the adapter ({@link QuadStoreProvider#kind()})
     * @param directory where an embedded store keeps its files; by default {@code {data}/private} or
     *     {@code {data}/public}
     */
    public record Role(String kind, Path directory) {}

    public StoreProperties {
        privateStore = withDefaultKind(privateStore, "lmdb");
        publicStore = withDefaultKind(publicStore, "tdb2");
    }

    private static Role withDefaultKind(Role role, String kind) {
        if (role == null) {
            return new Role(kind, null);
        }
        return role.kind() == null || role.kind().isBlank() ? new Role(kind, role.directory()) : role;
    }
}
