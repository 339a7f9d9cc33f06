package org.vivacite.triplestore.lmdb;

import java.nio.file.Path;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStoreProvider;

/** Kind {@code lmdb}: an embedded RDF4J LMDB store in a directory. */
public final class LmdbProvider implements QuadStoreProvider {

    static final String KIND = "lmdb";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public QuadStore open(String role, Path directory) {
        return new LmdbQuadStore(role, directory);
    }
}
