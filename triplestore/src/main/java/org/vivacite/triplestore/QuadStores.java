package org.vivacite.triplestore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.vivacite.triplestore.support.OwnerOnly;

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
     * Opens a store. The directory of an embedded private store, and every file in it, is made
     * owner-only ({@link OwnerOnly}) before and after the adapter opens it: the engines create
     * their files with the umask's modes.
     *
     * @throws StoreException when no provider has that kind, or the store cannot be opened
     */
    public static QuadStore open(String role, StoreProperties.Role settings) {
        Map<String, QuadStoreProvider> providers = providers();
        QuadStoreProvider provider = providers.get(settings.kind());
        if (provider == null) {
            throw new StoreException("unknown store kind '" + settings.kind() + "' for the " + role
                    + " store; known kinds: " + String.join(", ", providers.keySet()));
        }
        Path ownerOnly = StoreProperties.PRIVATE.equals(role) ? settings.directory() : null;
        if (ownerOnly != null) {
            restrict(role, ownerOnly);
        }
        QuadStore store = provider.open(role, settings);
        if (ownerOnly != null) {
            try {
                restrict(role, ownerOnly);
            } catch (StoreException e) {
                store.close();
                throw e;
            }
        }
        return store;
    }

    private static void restrict(String role, Path directory) {
        try {
            OwnerOnly.directories(directory);
            OwnerOnly.restrictTree(directory, p -> false);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(
                    "cannot open the " + role + " store in " + directory + ": " + e.getFile() + " is not a directory",
                    e);
        } catch (IOException e) {
            throw new StoreException(
                    "cannot make the " + role + " store in " + directory + " readable by its owner only: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Opens an embedded store of the given kind in a directory. */
    public static QuadStore open(String kind, String role, Path directory) {
        return open(role, new StoreProperties.Role(kind, directory, null));
    }
}
