package org.vivacite.triplestore;

import java.util.Map;
import org.apache.jena.graph.Graph;

/**
 * The store port: a set of named graphs of RDF, whatever engine keeps them. The platform holds two
 * stores through it, {@code private} (readings, never served publicly) and {@code public} (linked
 * open data). Adapters are found through {@link QuadStoreProvider}; none of their engine classes
 * appear here.
 *
 * <p>Every write is one transaction: when it returns, its data are durable; when it throws, none of
 * it is kept. Writes are idempotent: adding a triple already in a graph leaves one copy.
 * Implementations are thread-safe.
 */
public interface QuadStore extends AutoCloseable {

    /** The role this store plays: {@code private} or {@code public}. */
    String role();

    /** The adapter kind, as configured: {@code lmdb}, {@code tdb2}, … */
    String kind();

    /** Adds the triples to the named graph, in one transaction. */
    void add(String graphIri, Graph triples);

    /** Replaces the content of the named graph with the triples, in one transaction. */
    void replace(String graphIri, Graph triples);

    /** A copy of the named graph, empty if there is none. Meant for small graphs (vocabulary, territory). */
    Graph read(String graphIri);

    /** The number of triples in each non-empty named graph. */
    Map<String, Long> statistics();

    /** Whether the store is open and answers a read. Never throws. */
    StoreHealth health();

    /** Closes the store; later calls fail with {@link StoreException}. Idempotent. */
    @Override
    void close();
}
