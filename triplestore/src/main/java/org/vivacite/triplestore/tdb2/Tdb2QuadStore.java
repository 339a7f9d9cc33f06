package org.vivacite.triplestore.tdb2;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.text.DatasetGraphText;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.vivacite.triplestore.QueryRequest;
import org.vivacite.triplestore.SelectResult;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreLockedException;
import org.vivacite.triplestore.support.AbstractQuadStore;
import org.vivacite.triplestore.support.JenaQueries;

/**
 * An embedded Jena TDB2 database ({@code {dir}/tdb2}) with a Lucene text index ({@code {dir}/text})
 * and GeoSPARQL functions ({@link SearchIndexes}): the default public store, written in large
 * transactions (territory loads, releases) and read by the linked-data side. Queries run with
 * TDB2's union default graph.
 *
 * <p>TDB2 is copy-on-write: every write transaction leaves the blocks it replaced on disk until the
 * database is compacted (measured here: 200 one-triple commits grow a small store from 0.3 to
 * 20 MB; a bulk load of 1 million observations in 100 transactions leaves 33.7 GB that compact to
 * 2.9 GB). The store therefore compacts itself once {@value #COMMITS_BETWEEN_COMPACTIONS} write
 * transactions or {@value #QUADS_BETWEEN_COMPACTIONS} written quads have accumulated since the
 * last compaction, and on {@link #compact()}.
 */
final class Tdb2QuadStore extends AbstractQuadStore {

    static final int COMMITS_BETWEEN_COMPACTIONS = 200;
    static final long QUADS_BETWEEN_COMPACTIONS = 1_000_000;

    private final int commitsBetweenCompactions;
    private final long quadsBetweenCompactions;
    private final java.util.concurrent.atomic.AtomicInteger commitsSinceCompaction =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong quadsSinceCompaction =
            new java.util.concurrent.atomic.AtomicLong();

    /** The TDB2 database seen through its text index: every read and write goes through it. */
    private final DatasetGraph dataset;
    /** The TDB2 database itself, for compaction. */
    private final DatasetGraph database;

    private final Context unionDefaultGraph;

    Tdb2QuadStore(String role, Path directory) {
        this(role, directory, COMMITS_BETWEEN_COMPACTIONS, QUADS_BETWEEN_COMPACTIONS);
    }

    Tdb2QuadStore(String role, Path directory, int commitsBetweenCompactions, long quadsBetweenCompactions) {
        super(role, "TDB2 store in " + directory);
        this.commitsBetweenCompactions = commitsBetweenCompactions;
        this.quadsBetweenCompactions = quadsBetweenCompactions;
        JenaSystem.init(); // before touching TDB2's constants, or its class initialisation fails
        this.unionDefaultGraph = Context.create().set(TDB2.symUnionDefaultGraph, true);
        SearchIndexes.init();
        try {
            java.nio.file.Files.createDirectories(directory.resolve("text"));
            this.database =
                    DatabaseMgr.connectDatasetGraph(directory.resolve("tdb2").toString());
            this.dataset = SearchIndexes.withText(database, directory.resolve("text"));
        } catch (java.io.IOException e) {
            throw new StoreException("cannot open the " + role + " TDB2 store in " + directory + ": " + e, e);
        } catch (RuntimeException e) {
            if (StoreLockedException.isLock(e)) {
                throw new StoreLockedException(role, directory, e);
            }
            throw new StoreException(
                    "cannot open the " + role + " TDB2 store in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String kind() {
        return Tdb2Provider.KIND;
    }

    @Override
    protected void write(String graphIri, boolean clearFirst, Graph triples) {
        Node g = NodeFactory.createURI(graphIri);
        Txn.executeWrite(dataset, () -> {
            if (clearFirst) {
                dataset.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
            }
            triples.find().forEach(t -> dataset.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        });
        committed(triples.size());
    }

    @Override
    protected void writeQuads(Collection<Quad> quads) {
        Txn.executeWrite(dataset, () -> quads.forEach(dataset::add));
        committed(quads.size());
    }

    @Override
    protected java.util.Set<Quad> findQuads(Collection<Quad> quads) {
        return Txn.calculateRead(dataset, () -> {
            java.util.Set<Quad> found = new java.util.HashSet<>();
            quads.stream().filter(dataset::contains).forEach(found::add);
            return found;
        });
    }

    @Override
    protected void applyQuads(Collection<Quad> remove, Collection<Quad> add) {
        boolean load = Txn.calculateWrite(dataset, () -> {
            remove.forEach(dataset::delete);
            if (remove.isEmpty() && intoEmptyGraphs(add)) {
                loadNew(add);
                return true;
            }
            add.forEach(dataset::add);
            return false;
        });
        // A load into empty graphs replaces no block of theirs: what it leaves behind is bounded by
        // the store's size before it, not by its own, so it does not count towards compaction by
        // volume (compacting right after a first territory load took a sixth of the import).
        committed(load ? 0 : remove.size() + add.size());
    }

    /** Whether every graph the quads go to is empty (a first load, e.g. of the territory). */
    private boolean intoEmptyGraphs(Collection<Quad> quads) {
        java.util.Set<Node> graphs = new java.util.HashSet<>();
        quads.forEach(q -> graphs.add(q.getGraph()));
        return graphs.stream().allMatch(g -> database.getGraph(g).isEmpty());
    }

    /**
     * Adds quads to empty graphs, in the text index's write transaction: straight to TDB2 and to the
     * index, without the index wrapper's lookup of each quad before adding it (a quarter of the
     * cost of a territory load), which only guards against indexing a quad the store has already.
     */
    private void loadNew(Collection<Quad> quads) {
        TextIndex index = ((DatasetGraphText) dataset).getTextIndex();
        EntityDefinition entities = index.getDocDef();
        for (Quad q : new java.util.LinkedHashSet<>(quads)) {
            database.add(q);
            Entity entity = TextQueryFuncs.entityFromQuad(entities, q);
            if (entity != null) {
                index.addEntity(entity);
            }
        }
    }

    @Override
    protected void dropGraph(String graphIri) {
        Node g = NodeFactory.createURI(graphIri);
        Txn.executeWrite(dataset, () -> dataset.deleteAny(g, Node.ANY, Node.ANY, Node.ANY));
        committed();
    }

    @Override
    protected void clearAll() {
        // Graph by graph through the text index, so the index forgets what the store forgets.
        Txn.executeWrite(dataset, () -> {
            java.util.List<Node> graphs = new java.util.ArrayList<>();
            dataset.listGraphNodes().forEachRemaining(graphs::add);
            graphs.forEach(g -> dataset.deleteAny(g, Node.ANY, Node.ANY, Node.ANY));
            dataset.getDefaultGraph().clear();
        });
        committed();
    }

    @Override
    protected void runUpdate(String update) {
        Txn.executeWrite(dataset, () -> JenaQueries.update(dataset, update, unionDefaultGraph));
        committed();
    }

    @Override
    protected SelectResult runSelect(String query) {
        return Txn.calculateRead(dataset, () -> JenaQueries.select(dataset, query, unionDefaultGraph));
    }

    @Override
    protected void runStream(QueryRequest request, java.util.function.Consumer<QueryExec> results) {
        // Only text:query needs the text index's view; every other query reads TDB2 directly, without
        // the index's transaction (a Lucene reader) and the wrapper's cost on each lookup.
        DatasetGraph base = usesTextSearch(request.query()) ? dataset : database;
        Txn.executeRead(base, () -> {
            DatasetGraph target = base;
            if (!request.defaultGraphs().isEmpty() || !request.namedGraphs().isEmpty()) {
                target = DynamicDatasets.dynamicDataset(
                        nodes(request.defaultGraphs()), nodes(request.namedGraphs()), target, false);
            }
            QueryExecBuilder builder = QueryExec.dataset(target)
                    .query(request.query())
                    .timeout(request.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!request.hasDataset()) {
                builder.set(TDB2.symUnionDefaultGraph, true);
            }
            request.context()
                    .keys()
                    .forEach(k -> builder.set(k, request.context().get(k)));
            try (QueryExec exec = builder.build()) {
                results.accept(exec);
            }
        });
    }

    private static final String TEXT = "http://jena.apache.org/text#";

    /** Whether the query may call a jena-text property function (a cheap look, no serialisation). */
    private static boolean usesTextSearch(org.apache.jena.query.Query query) {
        if (query.getPrefixMapping().getNsPrefixMap().containsValue(TEXT)) {
            return true;
        }
        boolean[] found = {false};
        if (query.getQueryPattern() != null) {
            org.apache.jena.sparql.syntax.ElementWalker.walk(
                    query.getQueryPattern(), new org.apache.jena.sparql.syntax.ElementVisitorBase() {
                        @Override
                        public void visit(org.apache.jena.sparql.syntax.ElementPathBlock el) {
                            el.patternElts().forEachRemaining(t -> {
                                org.apache.jena.graph.Node p = t.getPredicate();
                                if (p != null && p.isURI() && p.getURI().startsWith(TEXT)) {
                                    found[0] = true;
                                }
                            });
                        }

                        @Override
                        public void visit(org.apache.jena.sparql.syntax.ElementSubQuery el) {
                            found[0] |= usesTextSearch(el.getQuery());
                        }
                    });
        }
        return found[0];
    }

    private static java.util.List<org.apache.jena.graph.Node> nodes(java.util.List<String> iris) {
        return iris.stream().map(org.apache.jena.graph.NodeFactory::createURI).toList();
    }

    @Override
    protected boolean runAsk(String query) {
        return Txn.calculateRead(dataset, () -> JenaQueries.ask(dataset, query, unionDefaultGraph));
    }

    @Override
    protected Graph runConstruct(String query) {
        return Txn.calculateRead(dataset, () -> JenaQueries.construct(dataset, query, unionDefaultGraph));
    }

    @Override
    protected Graph readGraph(String graphIri) {
        Graph copy = GraphFactory.createDefaultGraph();
        Txn.executeRead(
                dataset,
                () -> dataset.getGraph(NodeFactory.createURI(graphIri)).find().forEach(copy::add));
        return copy;
    }

    /** A lookup per predicate in the graph (TDB2's {@code GPOS} index). */
    @Override
    protected Graph readGraph(String graphIri, java.util.Set<String> predicateIris) {
        Graph copy = GraphFactory.createDefaultGraph();
        Txn.executeRead(dataset, () -> {
            Graph graph = dataset.getGraph(NodeFactory.createURI(graphIri));
            predicateIris.forEach(p ->
                    graph.find(Node.ANY, NodeFactory.createURI(p), Node.ANY).forEach(copy::add));
        });
        return copy;
    }

    @Override
    protected Graph findInGraph(String graphIri, java.util.Collection<org.apache.jena.graph.Triple> patterns) {
        Graph copy = GraphFactory.createDefaultGraph();
        Txn.executeRead(dataset, () -> {
            Graph graph = dataset.getGraph(NodeFactory.createURI(graphIri));
            patterns.forEach(t -> graph.find(t).forEach(copy::add));
        });
        return copy;
    }

    @Override
    protected Map<String, Long> countGraphs() {
        Map<String, Long> counts = new TreeMap<>();
        Txn.executeRead(
                dataset,
                () -> dataset.listGraphNodes().forEachRemaining(g -> {
                    long size = dataset.getGraph(g).size();
                    if (size > 0) {
                        counts.put(g.getURI(), size);
                    }
                }));
        return counts;
    }

    @Override
    protected void readAll(StreamRDF sink) {
        Txn.executeRead(dataset, () -> dataset.find().forEachRemaining(sink::quad));
    }

    @Override
    protected boolean compactStorage() {
        DatabaseMgr.compact(database, true); // keeps only the latest generation, deletes the old one
        commitsSinceCompaction.set(0);
        quadsSinceCompaction.set(0);
        return true;
    }

    private void committed() {
        committed(0);
    }

    private void committed(long quads) {
        long written = quadsSinceCompaction.addAndGet(quads);
        if (commitsSinceCompaction.incrementAndGet() >= commitsBetweenCompactions
                || written >= quadsBetweenCompactions) {
            compactStorage();
        }
    }

    @Override
    protected void probe() {
        Txn.executeRead(
                dataset,
                () -> dataset.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).hasNext());
    }

    @Override
    protected void shutDown() {
        dataset.close(); // closes the text index
        // Releases the files and the location cache, so the directory can be opened again.
        TDBInternal.expel(database);
    }
}
