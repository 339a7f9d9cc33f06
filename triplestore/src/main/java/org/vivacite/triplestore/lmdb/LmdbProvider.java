package org.vivacite.triplestore.lmdb;

import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStoreProvider;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreProperties;

/** Kind {@code lmdb}: an embedded RDF4J LMDB store in a directory. */
public final class LmdbProvider implements QuadStoreProvider {

    static final String KIND = "lmdb";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public QuadStore open(String role, StoreProperties.Role settings) {
        if (settings.directory() == null) {
            throw new StoreException("the " + role + " store of kind '" + KIND + "' needs a directory");
        }
        return new LmdbQuadStore(role, settings.directory());
    }
}
