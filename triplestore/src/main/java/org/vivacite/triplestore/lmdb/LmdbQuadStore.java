package org.vivacite.triplestore.lmdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryException;
import org.eclipse.rdf4j.repository.RepositoryResult;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.lmdb.LmdbStore;
import org.eclipse.rdf4j.sail.lmdb.config.LmdbStoreConfig;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreHealth;

/**
 * An embedded RDF4J LMDB store: fast small commits and no growth under continuous ingest, hence
 * the default private store. Commits are forced to disk ({@code forceSync}).
 */
final class LmdbQuadStore implements QuadStore {

    private final String role;
    private final Path directory;
    private final SailRepository repository;
    private final Rdf4jValues values;
    private final AtomicBoolean closed = new AtomicBoolean();

    LmdbQuadStore(String role, Path directory) {
        this.role = role;
        this.directory = directory;
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
    public String role() {
        return role;
    }

    @Override
    public String kind() {
        return LmdbProvider.KIND;
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
        IRI context = repository.getValueFactory().createIRI(graphIri);
        List<Statement> statements = new ArrayList<>(triples.size());
        triples.find().forEach(t -> statements.add(values.statement(t, context)));
        try (RepositoryConnection conn = connection()) {
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
        } catch (RepositoryException e) {
            throw new StoreException(
                    "write to <" + graphIri + "> in the " + role + " store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Graph read(String graphIri) {
        Graph graph = GraphFactory.createDefaultGraph();
        try (RepositoryConnection conn = connection();
                RepositoryResult<Statement> result = conn.getStatements(
                        null, null, null, false, conn.getValueFactory().createIRI(graphIri))) {
            result.forEach(s -> graph.add(Rdf4jValues.triple(s)));
        } catch (RepositoryException e) {
            throw new StoreException(
                    "read of <" + graphIri + "> from the " + role + " store failed: " + e.getMessage(), e);
        }
        return graph;
    }

    @Override
    public Map<String, Long> statistics() {
        Map<String, Long> counts = new TreeMap<>();
        try (RepositoryConnection conn = connection();
                RepositoryResult<Resource> contexts = conn.getContextIDs()) {
            for (Resource context : contexts) {
                long size = conn.size(context);
                if (size > 0) {
                    counts.put(context.stringValue(), size);
                }
            }
        } catch (RepositoryException e) {
            throw new StoreException("statistics of the " + role + " store failed: " + e.getMessage(), e);
        }
        return counts;
    }

    @Override
    public StoreHealth health() {
        if (closed.get()) {
            return StoreHealth.down("LMDB store in " + directory + " is closed");
        }
        try (RepositoryConnection conn = repository.getConnection()) {
            conn.hasStatement(null, null, null, false);
            return StoreHealth.up("LMDB store in " + directory);
        } catch (RuntimeException e) {
            return StoreHealth.down("LMDB store in " + directory + " does not answer: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            repository.shutDown();
        }
    }

    private RepositoryConnection connection() {
        if (closed.get()) {
            throw new StoreException("the " + role + " store in " + directory + " is closed");
        }
        return repository.getConnection();
    }
}
