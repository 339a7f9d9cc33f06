package org.vivacite.triplestore;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.Quad;

/**
 * The store port: a set of named graphs of RDF, whatever engine keeps them. The platform holds two
 * stores through it, {@code private} (readings, never served publicly) and {@code public} (linked
 * open data). Adapters are found through {@link QuadStoreProvider}; none of their engine classes
 * appear here.
 *
 * <p>Every write is one transaction: when it returns, its data are durable; when it throws, none of
 * it is kept. Writes are idempotent: adding a triple already in a graph leaves one copy. The
 * platform writes named graphs only. Implementations are thread-safe.
 */
public interface QuadStore extends SparqlQueries, AutoCloseable {

    /** The role this store plays: {@code private} or {@code public}. */
    String role();

    /** The adapter kind, as configured: {@code lmdb}, {@code tdb2}, {@code remote}… */
    String kind();

    /** Adds the triples to the named graph, in one transaction. */
    void add(String graphIri, Graph triples);

    /** Adds quads, which may span several named graphs, in one transaction. */
    void add(Collection<Quad> quads);

    /** Removes some quads and adds others, in one transaction (removals first). */
    void apply(Collection<Quad> remove, Collection<Quad> add);

    /** Replaces the content of the named graph with the triples, in one transaction. */
    void replace(String graphIri, Graph triples);

    /** Removes a named graph; nothing happens if there is none. */
    void drop(String graphIri);

    /**
     * Those of the quads the store holds, each looked up whole (graph, subject, predicate, object)
     * in one read. Much cheaper than a query for many point lookups: the write path checks with it
     * which readings it already has.
     */
    Set<Quad> contained(Collection<Quad> quads);

    /** Runs a SPARQL 1.1 Update request in one transaction. */
    void update(String update);

    /** A copy of the named graph, empty if there is none. Meant for small graphs (vocabulary, territory, one household). */
    Graph read(String graphIri);

    /**
     * A copy of the triples of the named graph whose predicate is one of {@code predicateIris}, empty
     * if there are none: what a reader that needs only these predicates reads, without converting
     * and copying the others (a household's provenance, types and units).
     */
    default Graph read(String graphIri, Set<String> predicateIris) {
        Graph all = read(graphIri);
        Graph some = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        all.find()
                .filterKeep(t -> predicateIris.contains(t.getPredicate().getURI()))
                .forEach(some::add);
        return some;
    }

    /**
     * A copy of the triples of the named graph that match one of the patterns (IRIs, {@link
     * org.apache.jena.graph.Node#ANY} for any, a literal as object: matched as written, lexical form
     * and datatype), empty if none do: point lookups for a reader that knows what it needs (the day
     * rollups of a meter, by their IRIs; the readings of one result time) instead of a pass over the
     * graph. Only the named graph is read, whatever the patterns.
     *
     * @throws IllegalArgumentException for a pattern holding a blank node, or a literal elsewhere than as object
     */
    default Graph find(String graphIri, java.util.Collection<org.apache.jena.graph.Triple> patterns) {
        Graph all = read(graphIri);
        Graph some = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        patterns.forEach(t -> all.find(t).forEach(some::add));
        return some;
    }

    /** The number of triples in each non-empty named graph. */
    Map<String, Long> statistics();

    /** Writes every quad of the store to {@code out} as N-Quads; does not close it. */
    void backup(OutputStream out);

    /**
     * Replaces the whole content of the store with the N-Quads read from {@code in}, loaded in
     * transactions of bounded size; does not close it. Not atomic: the store is emptied first, so
     * check the input whole beforehand ({@link Backups#validate}), as {@code vivacite store restore} does.
     */
    void restore(InputStream in);

    /**
     * Reclaims disk space left by past transactions, where the engine needs it (TDB2 keeps every
     * old version until compacted).
     *
     * @return whether anything was done; {@code false} for engines that reuse space themselves
     */
    boolean compact();

    /**
     * The platform writes named graphs only: every writer checks its quads with this.
     *
     * @throws StoreException naming the first quad outside a named graph
     */
    static void requireNamedGraphs(Collection<Quad> quads) {
        for (Quad q : quads) {
            if (q.isDefaultGraph() || !q.getGraph().isURI()) {
                throw new StoreException("the platform writes named graphs only, not " + q);
            }
        }
    }

    /** Whether the store is open and answers a read. Never throws. */
    StoreHealth health();

    /** Closes the store; later calls fail with {@link StoreException}. Idempotent. */
    @Override
    void close();
}
