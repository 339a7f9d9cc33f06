package org.vivacite.triplestore.tdb2;

import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStoreProvider;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreProperties;

/** Kind {@code tdb2}: an embedded Jena TDB2 database in a directory. */
public final class Tdb2Provider implements QuadStoreProvider {

    static final String KIND = "tdb2";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public QuadStore open(String role, StoreProperties.Role settings) {
        if (settings.directory() == null) {
            throw new StoreException("the " + role + " store of kind '" + KIND + "' needs a directory");
        }
        return new Tdb2QuadStore(role, settings.directory());
    }
}
