package org.vivacite.triplestore.tdb2;

import java.nio.file.Path;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStoreProvider;

/** Kind {@code tdb2}: an embedded Jena TDB2 database in a directory. */
public final class Tdb2Provider implements QuadStoreProvider {

    static final String KIND = "tdb2";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public QuadStore open(String role, Path directory) {
        return new Tdb2QuadStore(role, directory);
    }
}
