package org.vivacite.triplestore.tdb2;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.support.AbstractQuadStore;

/**
 * An embedded Jena TDB2 database: the default public store, written in large transactions
 * (territory loads, releases) and read by the linked-data side.
 */
final class Tdb2QuadStore extends AbstractQuadStore {

    private final DatasetGraph dataset;

    Tdb2QuadStore(String role, Path directory) {
        super(role, "TDB2 store in " + directory);
        try {
            this.dataset = DatabaseMgr.connectDatasetGraph(directory.toString());
        } catch (RuntimeException e) {
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
    }

    @Override
    public Graph read(String graphIri) {
        ensureOpen();
        Graph copy = GraphFactory.createDefaultGraph();
        try {
            Txn.executeRead(
                    dataset,
                    () -> dataset.getGraph(NodeFactory.createURI(graphIri))
                            .find()
                            .forEach(copy::add));
        } catch (RuntimeException e) {
            throw failure("read of <" + graphIri + ">", e);
        }
        return copy;
    }

    @Override
    public Map<String, Long> statistics() {
        ensureOpen();
        Map<String, Long> counts = new TreeMap<>();
        try {
            Txn.executeRead(
                    dataset,
                    () -> dataset.listGraphNodes().forEachRemaining(g -> {
                        long size = dataset.getGraph(g).size();
                        if (size > 0) {
                            counts.put(g.getURI(), size);
                        }
                    }));
        } catch (RuntimeException e) {
            throw failure("statistics", e);
        }
        return counts;
    }

    @Override
    protected void probe() {
        Txn.executeRead(
                dataset,
                () -> dataset.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).hasNext());
    }

    @Override
    protected void shutDown() {
        // Releases the files and the location cache, so the directory can be opened again.
        TDBInternal.expel(dataset);
    }
}
