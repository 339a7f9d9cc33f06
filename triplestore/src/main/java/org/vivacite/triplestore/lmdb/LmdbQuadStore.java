package org.vivacite.triplestore.lmdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryResult;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.lmdb.LmdbStore;
import org.eclipse.rdf4j.sail.lmdb.config.LmdbStoreConfig;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.support.AbstractQuadStore;

/**
 * An embedded RDF4J LMDB store: fast small commits and no growth under continuous ingest, hence
 * the default private store. Commits are forced to disk ({@code forceSync}).
 */
final class LmdbQuadStore extends AbstractQuadStore {

    private final SailRepository repository;
    private final Rdf4jValues values;

    LmdbQuadStore(String role, Path directory) {
        super(role, "LMDB store in " + directory);
        LmdbStoreConfig config =
                new LmdbStoreConfig("spoc,posc,cspo").setForceSync(true).setAutoGrow(true);
        try {
            this.repository = new SailRepository(new LmdbStore(directory.toFile(), config));
            this.repository.init();
        } catch (RuntimeException e) {
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
        try (RepositoryConnection conn = repository.getConnection()) {
            conn.begin();
            try {
                if (clearFirst) {
                    conn.clear(context);
                }
                conn.add(statements);
                conn.commit();
            } catch (RuntimeException e) {
                conn.rollback();
                throw e;
            }
        }
    }

    @Override
    public Graph read(String graphIri) {
        ensureOpen();
        Graph graph = GraphFactory.createDefaultGraph();
        try (RepositoryConnection conn = repository.getConnection();
                RepositoryResult<Statement> result = conn.getStatements(
                        null, null, null, false, conn.getValueFactory().createIRI(graphIri))) {
            result.forEach(s -> graph.add(Rdf4jValues.triple(s)));
        } catch (RuntimeException e) {
            throw failure("read of <" + graphIri + ">", e);
        }
        return graph;
    }

    @Override
    public Map<String, Long> statistics() {
        ensureOpen();
        Map<String, Long> counts = new TreeMap<>();
        try (RepositoryConnection conn = repository.getConnection();
                RepositoryResult<Resource> contexts = conn.getContextIDs()) {
            for (Resource context : contexts) {
                long size = conn.size(context);
                if (size > 0) {
                    counts.put(context.stringValue(), size);
                }
            }
        } catch (RuntimeException e) {
            throw failure("statistics", e);
        }
        return counts;
    }

    @Override
    protected void probe() {
        try (RepositoryConnection conn = repository.getConnection()) {
            conn.hasStatement(null, null, null, false);
        }
    }

    @Override
    protected void shutDown() {
        repository.shutDown();
    }
}
