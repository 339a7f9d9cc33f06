package org.vivacite.triplestore;

import java.net.URI;
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
     * @param kind the adapter ({@link QuadStoreProvider#kind()}): {@code lmdb}, {@code tdb2} or {@code remote}
     * @param directory where an embedded store keeps its files; by default {@code {data}/private} or
     *     {@code {data}/public}
     * @param remote the endpoint of a {@code remote} store
     */
    public record Role(String kind, Path directory, Remote remote) {

        public Role withDirectory(Path dir) {
            return new Role(kind, dir, remote);
        }
    }

    /**
     * A SPARQL 1.1 dataset service.
     *
     * @param endpoint the dataset's base URL, for example {@code http://127.0.0.1:3030/city}
     * @param query the query service, relative to the endpoint ({@code query} for Fuseki)
     * @param update the update service ({@code update} for Fuseki)
     * @param data the Graph Store Protocol service ({@code data} for Fuseki)
     */
    public record Remote(URI endpoint, String query, String update, String data) {

        public Remote {
            query = query == null ? "query" : query;
            update = update == null ? "update" : update;
            data = data == null ? "data" : data;
        }
    }

    public StoreProperties {
        privateStore = withDefaultKind(privateStore, "lmdb");
        publicStore = withDefaultKind(publicStore, "tdb2");
    }

    private static Role withDefaultKind(Role role, String kind) {
        if (role == null) {
            return new Role(kind, null, null);
        }
        return role.kind() == null || role.kind().isBlank() ? new Role(kind, role.directory(), role.remote()) : role;
    }
}
