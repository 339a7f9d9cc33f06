package org.vivacite.triplestore.tdb2;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreHealth;

/**
 * An embedded Jena TDB2 database: the default public store, written in large transactions
 * (territory loads, releases) and read by the linked-data side.
 */
final class Tdb2QuadStore implements QuadStore {

    private final String role;
    private final Path directory;
    private final DatasetGraph dataset;
    private final AtomicBoolean closed = new AtomicBoolean();

    Tdb2QuadStore(String role, Path directory) {
        this.role = role;
        this.directory = directory;
        try {
            this.dataset = DatabaseMgr.connectDatasetGraph(directory.toString());
        } catch (RuntimeException e) {
            throw new StoreException(
                    "cannot open the " + role + " TDB2 store in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public String kind() {
        return Tdb2Provider.KIND;
    }

    @Override
    public void add(String graphIri, Graph triples) {
        write(graphIri, false, triples);
    }

    @Override
    public void replace(String graphIri, Graph triples) {
        write(graphIri, true, triples);
    }

    private void write(String graphIri, boolean clearFirst, Graph triples) {
        open();
        Node g = NodeFactory.createURI(graphIri);
        try {
            Txn.executeWrite(dataset, () -> {
                if (clearFirst) {
                    dataset.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
                }
                triples.find().forEach(t -> dataset.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
            });
        } catch (RuntimeException e) {
            throw new StoreException(
                    "write to <" + graphIri + "> in the " + role + " store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Graph read(String graphIri) {
        open();
        Graph copy = GraphFactory.createDefaultGraph();
        Txn.executeRead(
                dataset,
                () -> dataset.getGraph(NodeFactory.createURI(graphIri)).find().forEach(copy::add));
        return copy;
    }

    @Override
    public Map<String, Long> statistics() {
        open();
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
    public StoreHealth health() {
        if (closed.get()) {
            return StoreHealth.down("TDB2 store in " + directory + " is closed");
        }
        try {
            Txn.executeRead(
                    dataset,
                    () -> dataset.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).hasNext());
            return StoreHealth.up("TDB2 store in " + directory);
        } catch (RuntimeException e) {
            return StoreHealth.down("TDB2 store in " + directory + " does not answer: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Releases the files and the location cache, so the directory can be opened again.
            TDBInternal.expel(dataset);
        }
    }

    private void open() {
        if (closed.get()) {
            throw new StoreException("the " + role + " store in " + directory + " is closed");
        }
    }
}
