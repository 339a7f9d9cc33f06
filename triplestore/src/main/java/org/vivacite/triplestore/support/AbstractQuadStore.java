package org.vivacite.triplestore.support;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.update.UpdateFactory;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QueryException;
import org.vivacite.triplestore.QueryRequest;
import org.vivacite.triplestore.SelectResult;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreHealth;

/**
 * What every adapter shares: its role, the closed state, health from a cheap probe, errors that
 * name the store, query checking with Jena's SPARQL 1.1 parser (so every adapter refuses the same
 * queries with the same message), and restore in bounded transactions. An adapter implements the
 * engine calls, each of which runs in one transaction.
 */
public abstract class AbstractQuadStore implements QuadStore {

    /** Quads per transaction when restoring a backup. */
    static final int RESTORE_BATCH = 50_000;

    private final String role;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param role {@code private} or {@code public}
     * @param description the engine and where it lives, for health and messages ("LMDB store in /srv/data/private")
     */
    protected AbstractQuadStore(String role, String description) {
        this.role = role;
        this.description = description;
    }

    // ---- engine calls, each one transaction ----

    /** Writes the triples into the graph, clearing the graph first if asked. */
    protected abstract void write(String graphIri, boolean clearFirst, Graph triples);

    protected abstract void writeQuads(Collection<Quad> quads);

    protected abstract void applyQuads(Collection<Quad> remove, Collection<Quad> add);

    protected abstract void dropGraph(String graphIri);

    protected abstract java.util.Set<Quad> findQuads(Collection<Quad> quads);

    protected abstract void clearAll();

    protected abstract void runUpdate(String update);

    protected abstract SelectResult runSelect(String query);

    protected abstract boolean runAsk(String query);

    protected abstract Graph runConstruct(String query);

    protected abstract Graph readGraph(String graphIri);

    /** The triples of the graph with one of the predicates; adapters that can skip the others override this. */
    protected Graph readGraph(String graphIri, java.util.Set<String> predicateIris) {
        return QuadStore.super.read(graphIri, predicateIris);
    }

    /** The triples of the graph matching one of the patterns; adapters with indexes override this. */
    protected Graph findInGraph(String graphIri, java.util.Collection<org.apache.jena.graph.Triple> patterns) {
        return QuadStore.super.find(graphIri, patterns);
    }

    protected abstract java.util.Map<String, Long> countGraphs();

    /** Sends every quad of the store to {@code sink}, in one read transaction. */
    protected abstract void readAll(StreamRDF sink);

    /** Compacts the storage if the engine needs it; see {@link QuadStore#compact()}. */
    protected boolean compactStorage() {
        return false;
    }

    /** A cheap read that fails when the store does not answer. */
    protected abstract void probe();

    /** Releases the engine; called once. */
    protected abstract void shutDown();

    // ---- the port ----

    @Override
    public final String role() {
        return role;
    }

    @Override
    public final void add(String graphIri, Graph triples) {
        guarded("write to <" + graphIri + ">", () -> write(graphIri, false, triples));
    }

    @Override
    public final void add(Collection<Quad> quads) {
        QuadStore.requireNamedGraphs(quads);
        guarded("write of " + quads.size() + " quads", () -> writeQuads(quads));
    }

    @Override
    public final java.util.Set<Quad> contained(Collection<Quad> quads) {
        return guarded("lookup of " + quads.size() + " quads", () -> findQuads(quads));
    }

    @Override
    public final void apply(Collection<Quad> remove, Collection<Quad> add) {
        QuadStore.requireNamedGraphs(add);
        guarded("change of " + remove.size() + " + " + add.size() + " quads", () -> applyQuads(remove, add));
    }

    @Override
    public final void replace(String graphIri, Graph triples) {
        guarded("replacement of <" + graphIri + ">", () -> write(graphIri, true, triples));
    }

    @Override
    public final void drop(String graphIri) {
        guarded("drop of <" + graphIri + ">", () -> dropGraph(graphIri));
    }

    @Override
    public final void update(String update) {
        try {
            UpdateFactory.create(update);
        } catch (QueryParseException e) {
            throw new QueryException("SPARQL update does not parse: " + e.getMessage(), e);
        }
        guarded("update", () -> runUpdate(update));
    }

    /**
     * Streams a query's results (SparqlQueries). Exceptions pass through as they are, so that an
     * endpoint can tell a time limit, a client gone and a store failure apart.
     */
    @Override
    public final void stream(
            QueryRequest request, java.util.function.Consumer<org.apache.jena.sparql.exec.QueryExec> results) {
        if (closed.get()) {
            throw new StoreException("the " + this + " is closed");
        }
        runStream(request, results);
    }

    /** Streams a query; adapters that can override this. */
    protected void runStream(
            QueryRequest request, java.util.function.Consumer<org.apache.jena.sparql.exec.QueryExec> results) {
        throw new QueryException(
                "the " + this + " cannot serve a SPARQL endpoint: give the public store the kind " + "tdb2 or remote");
    }

    @Override
    public final SelectResult select(String query) {
        check(query, Query::isSelectType, "SELECT");
        return guarded("query", () -> runSelect(query));
    }

    @Override
    public final boolean ask(String query) {
        check(query, Query::isAskType, "ASK");
        return guarded("query", () -> runAsk(query));
    }

    @Override
    public final Graph construct(String query) {
        check(query, q -> q.isConstructType() || q.isDescribeType(), "CONSTRUCT or DESCRIBE");
        return guarded("query", () -> runConstruct(query));
    }

    @Override
    public final Graph read(String graphIri) {
        return guarded("read of <" + graphIri + ">", () -> readGraph(graphIri));
    }

    @Override
    public final Graph read(String graphIri, java.util.Set<String> predicateIris) {
        return guarded("read of <" + graphIri + ">", () -> readGraph(graphIri, predicateIris));
    }

    @Override
    public final Graph find(String graphIri, java.util.Collection<org.apache.jena.graph.Triple> patterns) {
        for (var t : patterns) {
            for (var n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                if (!n.isURI() && !n.equals(org.apache.jena.graph.Node.ANY) && !(n == t.getObject() && n.isLiteral())) {
                    throw new IllegalArgumentException(
                            "a pattern holds IRIs or ANY (and literal objects), not " + n + " in " + t);
                }
            }
        }
        return guarded("read of <" + graphIri + ">", () -> findInGraph(graphIri, patterns));
    }

    @Override
    public final java.util.Map<String, Long> statistics() {
        return guarded("statistics", this::countGraphs);
    }

    @Override
    public final void backup(OutputStream out) {
        StreamRDF writer =
                org.apache.jena.riot.system.StreamRDFWriter.getWriterStream(out, org.apache.jena.riot.RDFFormat.NQUADS);
        guarded("backup", () -> {
            writer.start();
            readAll(writer);
            writer.finish();
        });
    }

    @Override
    public final void restore(InputStream in) {
        guarded("restore", () -> {
            clearAll();
            List<Quad> batch = new ArrayList<>(RESTORE_BATCH);
            StreamRDF collector = new StreamRDFBase() {
                @Override
                public void quad(Quad quad) {
                    batch.add(quad);
                    if (batch.size() == RESTORE_BATCH) {
                        add(batch);
                        batch.clear();
                    }
                }

                @Override
                public void triple(org.apache.jena.graph.Triple triple) {
                    throw new StoreException("backup holds a triple outside any named graph: " + triple);
                }
            };
            try {
                RDFParser.source(in).lang(Lang.NQUADS).parse(collector);
            } catch (RiotException e) {
                throw new StoreException("backup is not valid N-Quads: " + e.getMessage(), e);
            }
            if (!batch.isEmpty()) {
                add(batch);
            }
        });
    }

    @Override
    public final boolean compact() {
        return guarded("compaction", this::compactStorage);
    }

    @Override
    public final StoreHealth health() {
        if (closed.get()) {
            return StoreHealth.down(description + " is closed");
        }
        try {
            probe();
            return StoreHealth.up(description);
        } catch (RuntimeException e) {
            return StoreHealth.down(description + " does not answer: " + e.getMessage());
        }
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            shutDown();
        }
    }

    @Override
    public String toString() {
        return role + " store (" + description + ")";
    }

    private static void check(String query, java.util.function.Predicate<Query> form, String expected) {
        Query parsed;
        try {
            parsed = QueryFactory.create(query);
        } catch (QueryParseException e) {
            throw new QueryException("SPARQL query does not parse: " + e.getMessage(), e);
        }
        if (!form.test(parsed)) {
            throw new QueryException("expected a " + expected + " query, got " + parsed.queryType());
        }
    }

    private void guarded(String operation, Runnable work) {
        guarded(operation, () -> {
            work.run();
            return null;
        });
    }

    private <T> T guarded(String operation, java.util.function.Supplier<T> work) {
        if (closed.get()) {
            throw new StoreException("the " + this + " is closed");
        }
        try {
            return work.get();
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(operation + " in the " + role + " store failed: " + e.getMessage(), e);
        }
    }
}
