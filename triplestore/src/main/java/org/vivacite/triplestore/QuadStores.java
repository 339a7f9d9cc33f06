package org.vivacite.triplestore;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Opens a store of a configured kind through the providers found on the classpath. */
public final class QuadStores {

    private QuadStores() {}

    /** The providers on the classpath, by kind. */
    public static Map<String, QuadStoreProvider> providers() {
        Map<String, QuadStoreProvider> byKind = new TreeMap<>();
        for (QuadStoreProvider p : ServiceLoader.load(QuadStoreProvider.class)) {
            byKind.put(p.kind(), p);
        }
        return byKind;
    }

    /**
     * @throws StoreException when no provider has that kind, or the store cannot be opened
     */
    public static QuadStore open(String role, StoreProperties.Role settings) {
        Map<String, QuadStoreProvider> providers = providers();
        QuadStoreProvider provider = providers.get(settings.kind());
        if (provider == null) {
            throw new StoreException("unknown store kind '" + settings.kind() + "' for the " + role
                    + " store; known kinds: " + String.join(", ", providers.keySet()));
        }
        return provider.open(role, settings);
    }

    /** Opens an embedded store of the given kind in a directory. */
    public static QuadStore open(String kind, String role, Path directory) {
        return open(role, new StoreProperties.Role(kind, directory, null));
    }
}
