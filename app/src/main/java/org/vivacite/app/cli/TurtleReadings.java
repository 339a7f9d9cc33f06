package org.vivacite.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.ingest.IngestProperties;
import org.vivacite.app.security.PseudonymisationKey;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * {@code decode --format ttl}: the readings as the observations the ingest pipeline writes
 * ({@link ObservationMapper}: same IRIs, classes, values, units, times and intervals), in Turtle,
 * and the inputs that could not be read as {@code # input n: error …} comments. What decode cannot
 * know, it says:
 *
 * <ul>
 *   <li>Pseudonyms: without {@code --data}, under an ephemeral random key, so they meet no store;
 *       with {@code --data DIR}, under that server's pseudonymisation key (never generated here).
 *   <li>Feature of interest: a meter of DIR's registry gets its dwelling or building, as in the
 *       pipeline. Any other meter's observations are about {@code {base}dwelling/{pseudonym of
 *       "unregistered:{manufacturer}-{meter id}"}}, a stand-in for the space the meter serves,
 *       marked by an {@code rdfs:comment}: it is not the IRI of a real dwelling. (The meter itself
 *       would pass the shapes, which ask only for an IRI, but would say the meter is what is
 *       observed.)
 *   <li>No receipt ({@code prov:wasGeneratedBy}): nothing was received. A reading without a time
 *       gets the time of the decoding, as the pipeline gives it the receipt time.
 *   <li>Triples only: the pipeline writes them into the meter's private graph, which Turtle does
 *       not carry.
 * </ul>
 */
final class TurtleReadings {

    static final String STAND_IN_COMMENT =
            "stand-in for the space this meter serves: unknown to decode without the meter registry";

    private final ObservationMapper mapper;
    private final MeterRegistry registry;
    private final Instant now = Instant.now();
    private final Graph graph = GraphFactory.createDefaultGraph();
    private final List<String> comments = new ArrayList<>();

    private TurtleReadings(ObservationMapper mapper, MeterRegistry registry, String keyNote) {
        this.mapper = mapper;
        this.registry = registry;
        comments.add("# vivacite decode --format ttl: " + keyNote);
    }

    /** The mapping: with {@code data}, its key, base IRI and registry; otherwise a random key. */
    static TurtleReadings open(Path data, QuantityRegistry quantities) {
        if (data == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String base = Settings.bind(
                            Path.of("data").toAbsolutePath(), List.of(), "vivacite", VivaciteProperties.class)
                    .baseIri();
            return new TurtleReadings(
                    new ObservationMapper(base, new Pseudonyms(key), quantities, IngestParts.ZONE),
                    MeterRegistry.inMemory(IngestParts.ZONE),
                    "pseudonyms under an ephemeral random key (they meet no store; --data DIR gives the server's)");
        }
        Path root = data.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CliException("--data: data directory '" + root + "' does not exist");
        }
        VivaciteProperties app = Settings.bind(root, List.of(), "vivacite", VivaciteProperties.class);
        Pseudonyms pseudonyms = PseudonymisationKey.find(app)
                .orElseThrow(() -> new CliException("--data: no pseudonymisation key in " + root.resolve("credentials")
                        + " nor in vivacite.security.pseudonymisation-key (start the server once, or leave out"
                        + " --data for a random key)"));
        return new TurtleReadings(
                new ObservationMapper(app.baseIri(), pseudonyms, quantities, IngestParts.ZONE),
                IngestParts.registry(root, Settings.bind(root, List.of(), "vivacite.ingest", IngestProperties.class)),
                "pseudonyms under the pseudonymisation key of " + root + ", meters of its registry");
    }

    /** Maps a reading; false (and an error comment) if it cannot be. */
    boolean add(int input, DecodedReading reading) {
        DecodedReading r = reading.time() != null
                ? reading
                : new DecodedReading(
                        reading.meterId(),
                        reading.manufacturer(),
                        reading.quantity(),
                        reading.value(),
                        now,
                        reading.interval(),
                        reading.tariffPeriod());
        try {
            Optional<RegisteredMeter> registered = registry.find(r.meterId(), r.manufacturer(), r.time());
            MeterNodes nodes = mapper.nodes(registered.orElseGet(() -> standIn(r)));
            mapper.observation(nodes, r, null, this::add);
            if (registered.isEmpty()) {
                graph.add(Triple.create(
                        nodes.featureOfInterest(),
                        RDFS.comment.asNode(),
                        NodeFactory.createLiteralLang(STAND_IN_COMMENT, "en")));
            }
            return true;
        } catch (RuntimeException e) {
            error(input, "reading of meter " + r.meterId() + " cannot be mapped: " + VivaciteCommand.message(e));
            return false;
        }
    }

    void error(int input, String reason) {
        comments.add("# input " + input + ": error " + reason.replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }

    /** The comments, then the observations in Turtle. */
    void write(PrintWriter out) {
        comments.forEach(out::println);
        if (graph.isEmpty()) {
            return;
        }
        graph.getPrefixMapping().setNsPrefixes(Namespaces.prefixes());
        StringWriter text = new StringWriter();
        RDFDataMgr.write(text, graph, RDFFormat.TURTLE_PRETTY);
        out.print(text);
    }

    private void add(Quad q) {
        graph.add(q.asTriple());
    }

    private static RegisteredMeter standIn(DecodedReading r) {
        String manufacturer = r.manufacturer() == null ? "unknown" : r.manufacturer();
        return new RegisteredMeter(
                r.meterId(),
                manufacturer,
                "none",
                "unregistered:" + manufacturer + "-" + r.meterId(),
                null,
                r.quantity(),
                null,
                null,
                null,
                Duration.ofDays(1),
                null,
                null,
                List.of(),
                null,
                null);
    }
}
