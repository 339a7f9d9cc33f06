package org.vivacite.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.vocabulary.OWL;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.ingest.IngestProperties;
import org.vivacite.app.security.PseudonymisationKey;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreLockedException;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The server's ingest pipeline over the private store of a data directory, for the commands that
 * write readings or meters while the server is stopped ({@code meters import}, {@code deadletter
 * replay}): same registry, dead letters, meter keys, pseudonymisation key and settings as the
 * server. It commits through the private store's rollups, as the server's does; the pipeline is
 * closed first, then the rollups, then the store.
 */
final class IngestSession implements AutoCloseable {

    final QuadStore store;
    final MeterDayRollups rollups;
    final IngestPipeline pipeline;
    /** The base IRI of the store's graphs. */
    final String base;

    private IngestSession(QuadStore store, MeterDayRollups rollups, IngestPipeline pipeline, String base) {
        this.store = store;
        this.rollups = rollups;
        this.pipeline = pipeline;
        this.base = base;
    }

    /** Whether the data directory has a private store (one made by a server or a command before). */
    static boolean privateStoreExists(Path data, List<String> settings) {
        StoreCommand.Target target = new StoreCommand.Target();
        target.role = StoreCommand.Target.Role.PRIVATE;
        target.data = data;
        target.settings = settings;
        return target.exists();
    }

    /**
     * Opens the private store (created if {@code create}) and the pipeline over it.
     *
     * @param whileServing what to do instead while the server holds the store, for the message
     */
    static IngestSession open(Path data, List<String> settings, boolean create, String whileServing) {
        StoreCommand.Target target = new StoreCommand.Target();
        target.role = StoreCommand.Target.Role.PRIVATE;
        target.data = data;
        target.settings = settings;
        target.create = create;
        QuadStore store;
        try {
            store = target.open();
        } catch (StoreLockedException e) {
            throw new CliException(e.getMessage() + " (while the server runs: " + whileServing + ")", e);
        }
        MeterDayRollups rollups = null;
        try {
            Path root = data.toAbsolutePath().normalize();
            VivaciteProperties app = Settings.bind(root, settings, "vivacite", VivaciteProperties.class);
            IngestProperties ingest = Settings.bind(root, settings, "vivacite.ingest", IngestProperties.class);
            rollups = IngestParts.rollups(store, root);
            String base = baseIri(store, app.baseIri());
            IngestPipeline pipeline = IngestParts.pipeline(
                    store,
                    rollups,
                    IngestParts.registry(root, ingest),
                    IngestParts.deadLetters(root),
                    IngestParts.mapper(base, PseudonymisationKey.loadOrCreate(app)),
                    IngestParts.keys(root, ingest),
                    ingest);
            return new IngestSession(store, rollups, pipeline, base);
        } catch (RuntimeException e) {
            if (rollups != null) {
                rollups.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * The base IRI of the graphs already in the store (the server's, whatever {@code --base-iri} it
     * ran with); on an empty store, the configured one ({@code vivacite.base-iri}, {@code
     * VIVACITE_BASE_IRI}).
     */
    static String baseIri(QuadStore store, String configured) {
        // The graphs holding the ontology or the metropolis: an index lookup, where listing every
        // graph with its size takes a minute on a city's private store.
        Set<String> named = new TreeSet<>();
        store.select("SELECT DISTINCT ?g WHERE { { GRAPH ?g { ?o a <" + OWL.Ontology.getURI() + "> } }"
                        + " UNION { GRAPH ?g { ?m a <" + Namespaces.VC
                        + "Metropolis> } } }")
                .rows()
                .forEach(row -> named.add(row.get("g").getURI()));
        Optional<String> base = GraphNames.inferBase(named);
        if (base.isEmpty()) {
            base = store.statistics().keySet().stream()
                    .filter(g -> g.contains("/graph/private/"))
                    .map(g -> g.substring(0, g.indexOf("graph/private/")))
                    .findFirst();
        }
        return base.orElse(configured);
    }

    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            try {
                rollups.close();
            } finally {
                store.close();
            }
        }
    }
}
