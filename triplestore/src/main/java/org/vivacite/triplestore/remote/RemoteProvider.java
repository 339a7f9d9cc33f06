package org.vivacite.triplestore.remote;

import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStoreProvider;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreProperties;

/** Kind {@code remote}: any SPARQL 1.1 Query/Update/Graph Store endpoint ({@code vivacite.store.<role>.remote.*}). */
public final class RemoteProvider implements QuadStoreProvider {

    static final String KIND = "remote";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public QuadStore open(String role, StoreProperties.Role settings) {
        if (settings.remote() == null || settings.remote().endpoint() == null) {
            throw new StoreException(
                    "the " + role + " store is of kind 'remote' but has no endpoint: set vivacite.store." + role
                            + ".remote.endpoint (for Fuseki: http://host:3030/dataset)");
        }
        return new RemoteQuadStore(role, settings.remote());
    }
}
