package org.vivacite.triplestore;

import java.nio.file.Path;

/**
 * Opens stores of one kind. Adapters register an implementation in
 * {@code META-INF/services/org.vivacite.triplestore.QuadStoreProvider}; it must have a public
 * no-argument constructor without side effects.
 */
public interface QuadStoreProvider {

    /** The kind named in configuration ({@code vivacite.store.private.kind}), for example {@code lmdb}. */
    String kind();

    /**
     * Opens (creating if needed) the store kept in {@code directory}.
     *
     * @param role {@code private} or {@code public}, for messages and health
     * @throws StoreException when the store cannot be opened; the message names the directory
     */
    QuadStore open(String role, Path directory);
}
