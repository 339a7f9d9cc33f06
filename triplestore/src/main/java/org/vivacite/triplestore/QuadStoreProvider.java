package org.vivacite.triplestore;

/**
 * Opens stores of one kind. Adapters register an implementation in
 * {@code META-INF/services/org.vivacite.triplestore.QuadStoreProvider}; it must have a public
 * no-argument constructor without side effects.
 */
public interface QuadStoreProvider {

    /** The kind named in configuration ({@code vivacite.store.private.kind}), for example {@code lmdb}. */
    String kind();

    /**
     * Opens (creating if needed) the store.
     *
     * @param role {@code private} or {@code public}, for messages and health
     * @param settings the role's settings; for embedded kinds {@link StoreProperties.Role#directory()} is set
     * @throws StoreException when the store cannot be opened; the message says which and why
     */
    QuadStore open(String role, StoreProperties.Role settings);
}
