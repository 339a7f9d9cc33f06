package org.vivacite.triplestore.lmdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.eclipse.rdf4j.common.transaction.IsolationLevels;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.GraphQueryResult;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryResult;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.lmdb.LmdbStore;
import org.eclipse.rdf4j.sail.lmdb.VivaciteDirectWrite;
import org.eclipse.rdf4j.sail.lmdb.VivaciteValuePrecommit;
import org.eclipse.rdf4j.sail.lmdb.config.LmdbStoreConfig;
import org.vivacite.triplestore.SelectResult;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreLockedException;
import org.vivacite.triplestore.support.AbstractQuadStore;

/**
 * An embedded RDF4J LMDB store: fast small commits and no growth under continuous ingest, hence
 * the default private store. Commits are forced to disk ({@code forceSync}). RDF4J's default
 * graph in queries is the union of all graphs, as the port requires. LMDB reuses the pages that
 * transactions free, so there is nothing to compact.
 *
 * <p>Writes are serialised, and each one first commits the values it uses in their own
 * transaction ({@link VivaciteValuePrecommit}): RDF4J 5.2.0 commits triples before values, and a
 * crash in between would leave triples pointing at missing values. Values that a SPARQL update
 * computes (with BIND, aggregates…) cannot be known beforehand and keep that window; the platform
 * writes readings through {@link #add}, never through computed updates.
 */
final class LmdbQuadStore extends AbstractQuadStore {

    private final LmdbStore sail;
    private final SailRepository repository;
    private final Rdf4jValues values;
    /**
     * One read or write at a time: RDF4J LMDB 5.2 fails reads that run beside another connection's
     * read or commit ("This store does not support multiple datasets" when a connection's branch
     * would fork; contexts whose value is not readable yet). LMDB reads take milliseconds, so the
     * private store serialises them; {@code LmdbConcurrentReadsTest} reads from several threads
     * while large transactions commit. The lock is fair, first come first served: the ingest
     * writer, which commits again as soon as it has committed, would otherwise keep it from the
     * reads of the next batch for as long as it has work (seconds, under a flood).
     */
    private final ReentrantLock lock = new ReentrantLock(true);

    /** When the read or write holding {@link #lock} took it ({@link System#nanoTime()}), or 0. */
    private volatile long busySince;

    /** How long the health probe waits for its turn before it judges the store by the one it waits for. */
    private static final long PROBE_WAIT_MILLIS = 200;

    /** A read or write that holds the store longer than this means it is stuck, not busy. */
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(60);

    LmdbQuadStore(String role, Path directory) {
        super(role, "LMDB store in " + directory);
        LmdbStoreConfig config =
                new LmdbStoreConfig("spoc,posc,cspo").setForceSync(true).setAutoGrow(true);
        try {
            this.sail = new LmdbStore(directory.toFile(), config);
            this.repository = new SailRepository(sail);
            this.repository.init();
        } catch (RuntimeException e) {
            if (StoreLockedException.isLock(e)) {
                throw new StoreLockedException(role, directory, e);
            }
            throw new StoreException(
                    "cannot open the " + role + " LMDB store in " + directory + ": " + e.getMessage(), e);
        }
        this.values = new Rdf4jValues(repository.getValueFactory());
    }

    @Override
    public String kind() {
        return LmdbProvider.KIND;
    }

    @Override
    protected void write(String graphIri, boolean clearFirst, Graph triples) {
        IRI context = repository.getValueFactory().createIRI(graphIri);
        List<Statement> statements = new ArrayList<>(triples.size());
        triples.find().forEach(t -> statements.add(values.statement(t, context)));
        inTransaction(valuesOf(statements), conn -> {
            if (clearFirst) {
                conn.clear(context);
            }
            conn.add(statements);
        });
    }

    @Override
    protected void writeQuads(Collection<Quad> quads) {
        List<Statement> statements = statements(quads);
        inTransaction(valuesOf(statements), conn -> conn.add(statements));
    }

    @Override
    protected Set<Quad> findQuads(Collection<Quad> quads) {
        acquire();
        try {
            Set<Quad> found = new HashSet<>();
            try (RepositoryConnection conn = repository.getConnection()) {
                conn.begin(IsolationLevels.NONE); // one read for all
                try {
                    List<Quad> asked = new ArrayList<>(quads);
                    List<Statement> statements = statements(asked);
                    for (int i = 0; i < asked.size(); i++) {
                        Statement s = statements.get(i);
                        if (conn.hasStatement(s.getSubject(), s.getPredicate(), s.getObject(), false, s.getContext())) {
                            found.add(asked.get(i));
                        }
                    }
                } finally {
                    conn.rollback();
                }
            }
            return found;
        } finally {
            release();
        }
    }

    @Override
    protected void applyQuads(Collection<Quad> remove, Collection<Quad> add) {
        List<Statement> removed = statements(remove);
        List<Statement> added = statements(add);
        // Without isolation: straight into LMDB's write transaction, not through an in-memory
        // changeset of the whole batch; still one LMDB commit, and aborted on failure.
        inTransaction(valuesOf(added), IsolationLevels.NONE, conn -> {
            conn.remove(removed);
            conn.add(added);
        });
    }

    private List<Statement> statements(Collection<Quad> quads) {
        List<Statement> statements = new ArrayList<>(quads.size());
        for (Quad q : quads) {
            statements.add(values.statement(q.asTriple(), values.resource(q.getGraph())));
        }
        return statements;
    }

    @Override
    protected void dropGraph(String graphIri) {
        inTransaction(List.of(), conn -> conn.clear(conn.getValueFactory().createIRI(graphIri)));
    }

    @Override
    protected void clearAll() {
        inTransaction(List.of(), RepositoryConnection::clear);
    }

    @Override
    protected void runUpdate(String update) {
        inTransaction(
                UpdateConstants.of(update, values),
                conn -> conn.prepareUpdate(QueryLanguage.SPARQL, update).execute());
    }

    @Override
    protected SelectResult runSelect(String query) {
        acquire();
        try {
            try (RepositoryConnection conn = repository.getConnection();
                    TupleQueryResult result =
                            conn.prepareTupleQuery(QueryLanguage.SPARQL, query).evaluate()) {
                List<Map<String, Node>> rows = new ArrayList<>();
                for (BindingSet bindings : result) {
                    Map<String, Node> row = new LinkedHashMap<>();
                    bindings.forEach(b -> row.put(b.getName(), Rdf4jValues.node(b.getValue())));
                    rows.add(row);
                }
                return new SelectResult(result.getBindingNames(), rows);
            }
        } finally {
            release();
        }
    }

    @Override
    protected boolean runAsk(String query) {
        acquire();
        try {
            try (RepositoryConnection conn = repository.getConnection()) {
                return conn.prepareBooleanQuery(QueryLanguage.SPARQL, query).evaluate();
            }
        } finally {
            release();
        }
    }

    @Override
    protected Graph runConstruct(String query) {
        acquire();
        try {
            Graph graph = GraphFactory.createDefaultGraph();
            try (RepositoryConnection conn = repository.getConnection();
                    GraphQueryResult result =
                            conn.prepareGraphQuery(QueryLanguage.SPARQL, query).evaluate()) {
                result.forEach(s -> graph.add(Rdf4jValues.triple(s)));
            }
            return graph;
        } finally {
            release();
        }
    }

    @Override
    protected Graph readGraph(String graphIri) {
        acquire();
        try {
            Graph graph = GraphFactory.createDefaultGraph();
            try (RepositoryConnection conn = repository.getConnection();
                    RepositoryResult<Statement> result = conn.getStatements(
                            null, null, null, false, conn.getValueFactory().createIRI(graphIri))) {
                result.forEach(s -> graph.add(Rdf4jValues.triple(s)));
            }
            return graph;
        } finally {
            release();
        }
    }

    /**
     * One pass over the graph (the {@code cspo} index: one household's data, however large the
     * store), converting only the statements with one of the predicates. A lookup per predicate
     * would use {@code posc} and pass over that predicate in every graph of the store.
     */
    @Override
    protected Graph readGraph(String graphIri, Set<String> predicateIris) {
        acquire();
        try {
            Graph graph = GraphFactory.createDefaultGraph();
            try (RepositoryConnection conn = repository.getConnection()) {
                var vf = conn.getValueFactory();
                Set<IRI> predicates = new HashSet<>();
                predicateIris.forEach(p -> predicates.add(vf.createIRI(p)));
                try (RepositoryResult<Statement> result =
                        conn.getStatements(null, null, null, false, vf.createIRI(graphIri))) {
                    for (Statement s : result) {
                        if (predicates.contains(s.getPredicate())) {
                            graph.add(Rdf4jValues.triple(s));
                        }
                    }
                }
            }
            return graph;
        } finally {
            release();
        }
    }

    /**
     * One lookup per pattern in the graph: RDF4J LMDB takes the index with the longest bound
     * prefix ({@code cspo} for a subject, {@code posc} for a predicate and object; the latter
     * passes over that predicate and object in every graph, keeping this one's).
     */
    @Override
    protected Graph findInGraph(String graphIri, java.util.Collection<org.apache.jena.graph.Triple> patterns) {
        acquire();
        try {
            Graph graph = GraphFactory.createDefaultGraph();
            try (RepositoryConnection conn = repository.getConnection()) {
                var vf = conn.getValueFactory();
                IRI g = vf.createIRI(graphIri);
                for (var t : patterns) {
                    try (RepositoryResult<Statement> result = conn.getStatements(
                            iriOrAny(vf, t.getSubject()),
                            iriOrAny(vf, t.getPredicate()),
                            t.getObject().equals(Node.ANY) ? null : values.value(t.getObject()),
                            false,
                            g)) {
                        result.forEach(s -> graph.add(Rdf4jValues.triple(s)));
                    }
                }
            }
            return graph;
        } finally {
            release();
        }
    }

    private static IRI iriOrAny(org.eclipse.rdf4j.model.ValueFactory vf, Node n) {
        if (n == null || n.equals(Node.ANY)) {
            return null;
        }
        if (!n.isURI()) {
            throw new IllegalArgumentException("a pattern holds IRIs or ANY, not " + n);
        }
        return vf.createIRI(n.getURI());
    }

    @Override
    protected Map<String, Long> countGraphs() {
        acquire();
        try {
            return countGraphsNow();
        } finally {
            release();
        }
    }

    private Map<String, Long> countGraphsNow() {
        Map<String, Long> counts = new TreeMap<>();
        try (RepositoryConnection conn = repository.getConnection();
                RepositoryResult<Resource> contexts = conn.getContextIDs()) {
            for (Resource context : contexts) {
                long size = conn.size(context);
                if (size > 0) {
                    counts.put(context.stringValue(), size);
                }
            }
        }
        return counts;
    }

    @Override
    protected void readAll(StreamRDF sink) {
        acquire();
        try {
            try (RepositoryConnection conn = repository.getConnection();
                    RepositoryResult<Statement> result = conn.getStatements(null, null, null, false)) {
                for (Statement s : result) {
                    Node graph = s.getContext() == null ? Quad.defaultGraphIRI : Rdf4jValues.node(s.getContext());
                    sink.quad(Quad.create(graph, Rdf4jValues.triple(s)));
                }
            }
        } finally {
            release();
        }
    }

    @Override
    protected void probe() {
        // The probe reads like any other read, in its turn: a read beside a commit fails in RDF4J
        // LMDB ("does not support multiple datasets"), which turned health DOWN under load. When its
        // turn does not come soon, the store is busy, which is health too, unless one read or write
        // has held it so long that the store is stuck.
        boolean turn;
        try {
            turn = lock.tryLock(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("the health probe was interrupted");
        }
        if (!turn) {
            long since = busySince;
            long busy = since == 0 ? 0 : System.nanoTime() - since;
            if (busy > STUCK_NANOS) {
                throw new StoreException(
                        "one read or write has held it for " + TimeUnit.NANOSECONDS.toSeconds(busy) + " s");
            }
            return;
        }
        try (RepositoryConnection conn = repository.getConnection()) {
            conn.hasStatement(null, null, null, false);
        } finally {
            lock.unlock();
        }
    }

    private void acquire() {
        lock.lock();
        if (lock.getHoldCount() == 1) {
            busySince = System.nanoTime();
        }
    }

    private void release() {
        if (lock.getHoldCount() == 1) {
            busySince = 0;
        }
        lock.unlock();
    }

    @Override
    protected void shutDown() {
        repository.shutDown();
    }

    private void inTransaction(Collection<? extends Value> newValues, Consumer<RepositoryConnection> work) {
        inTransaction(newValues, null, work);
    }

    /**
     * Runs {@code work} in one transaction, of the repository's default isolation or of {@code
     * level}; for {@link IsolationLevels#NONE}, a failure aborts what the work wrote
     * ({@link VivaciteDirectWrite}).
     */
    private void inTransaction(
            Collection<? extends Value> newValues, IsolationLevels level, Consumer<RepositoryConnection> work) {
        acquire();
        try {
            try {
                VivaciteValuePrecommit.storeValues(sail, newValues);
            } catch (IOException e) {
                throw new StoreException("could not store values in the " + role() + " store: " + e.getMessage(), e);
            }
            try (RepositoryConnection conn = repository.getConnection()) {
                if (level == null) {
                    conn.begin();
                } else {
                    conn.begin(level);
                }
                try {
                    work.accept(conn);
                    conn.commit();
                } catch (RuntimeException e) {
                    try {
                        conn.rollback();
                    } finally {
                        if (level == IsolationLevels.NONE) {
                            VivaciteDirectWrite.abort(sail);
                        }
                    }
                    throw e;
                }
            }
        } finally {
            release();
        }
    }

    private static Set<Value> valuesOf(List<Statement> statements) {
        Set<Value> all = new LinkedHashSet<>();
        for (Statement s : statements) {
            all.add(s.getSubject());
            all.add(s.getPredicate());
            all.add(s.getObject());
            if (s.getContext() != null) {
                all.add(s.getContext());
            }
        }
        return all;
    }
}
