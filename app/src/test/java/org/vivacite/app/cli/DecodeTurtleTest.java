package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.output.SimulationFolder;

/**
 * {@code vivacite decode --format ttl}: the same inputs as jsonl, read back with RIOT, give one
 * observation per reading with the same quantity, value, time, interval and tariff period.
 */
class DecodeTurtleTest extends InProcessCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QuantityRegistry QUANTITIES = QuantityRegistry.standard();
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    static Path city;

    @BeforeAll
    static void simulate() throws Exception {
        SimulationFolder.write(
                DemoCity.generate(4, 40, LocalDate.of(2026, 3, 1), null),
                city.resolve("out"),
                LocalDate.of(2026, 3, 2),
                Duration.ofDays(1),
                EnumSet.allOf(WireFormat.class),
                "default");
    }

    private static Path first(String folder) throws Exception {
        try (var files = Files.list(city.resolve("out").resolve(folder))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    /** What a reading says, in one comparable line. */
    private static String reading(String quantity, BigDecimal value, Instant time, String interval, String tariff) {
        return quantity + " " + value.stripTrailingZeros().toPlainString() + " " + time + " " + interval + " " + tariff;
    }

    private List<JsonNode> jsonl(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("decode"));
        all.addAll(List.of(args));
        assertThat(run(all.toArray(String[]::new))).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            JsonNode n = JSON.readTree(line);
            if (n.has("quantity")) {
                lines.add(n);
            }
        }
        return lines;
    }

    /**
     * The readings of JSON lines, a meter's same reading given twice (a repeated telegram) once: it
     * is one observation, as in the store.
     */
    private static List<String> readings(List<JsonNode> jsonl) {
        Map<String, String> distinct = new LinkedHashMap<>();
        for (JsonNode n : jsonl) {
            String r = reading(
                    n.get("quantity").asText(),
                    n.get("value").decimalValue(),
                    Instant.parse(n.get("time").asText()),
                    n.has("interval")
                            ? Duration.parse(n.get("interval").asText()).toString()
                            : null,
                    n.has("tariffPeriod") ? n.get("tariffPeriod").asText() : null);
            distinct.put(n.get("meter").asText() + "/" + n.path("manufacturer").asText() + " " + r, r);
        }
        return distinct.values().stream().sorted().toList();
    }

    private static Node sosa(String local) {
        return NodeFactory.createURI(Namespaces.SOSA + local);
    }

    private static Node one(Graph g, Node s, Node p) {
        List<Triple> ts = g.find(s, p, Node.ANY).toList();
        assertThat(ts).as("%s %s", s, p).hasSize(1);
        return ts.get(0).getObject();
    }

    private static Node time(String local) {
        return NodeFactory.createURI(Namespaces.TIME + local);
    }

    private static List<Node> observations(Graph g) {
        return g.find(Node.ANY, RDF.type.asNode(), sosa("Observation"))
                .mapWith(Triple::getSubject)
                .toList();
    }

    /** The observations of the Turtle output, in the same comparable lines. */
    private static List<String> readings(Graph g) {
        List<String> found = new ArrayList<>();
        for (Node obs : observations(g)) {
            String quantity = QUANTITIES
                    .get(one(g, obs, sosa("observedProperty")).getURI())
                    .notation();
            BigDecimal value =
                    new BigDecimal(one(g, obs, sosa("hasSimpleResult")).getLiteralLexicalForm());
            Instant result = OffsetDateTime.parse(
                            one(g, obs, sosa("resultTime")).getLiteralLexicalForm())
                    .toInstant();
            List<Triple> phenomenon =
                    g.find(obs, sosa("phenomenonTime"), Node.ANY).toList();
            Instant time = result;
            String interval = null;
            if (!phenomenon.isEmpty()) {
                Node i = phenomenon.get(0).getObject();
                time = Instant.parse(one(g, one(g, i, time("hasBeginning")), time("inXSDDateTimeStamp"))
                        .getLiteralLexicalForm());
                Instant end = Instant.parse(one(g, one(g, i, time("hasEnd")), time("inXSDDateTimeStamp"))
                        .getLiteralLexicalForm());
                assertThat(result).as("result time of an interval is its end").isEqualTo(end);
                interval = Duration.between(time, end).toString();
            }
            List<Triple> tariff = g.find(obs, NodeFactory.createURI(Namespaces.VC + "tariffPeriod"), Node.ANY)
                    .toList();
            found.add(reading(
                    quantity,
                    value,
                    time,
                    interval,
                    tariff.isEmpty() ? null : tariff.get(0).getObject().getLiteralLexicalForm()));
        }
        found.sort(null);
        return found;
    }

    private Graph turtle() {
        return RDFParser.fromString(out.toString(), Lang.TURTLE).toGraph();
    }

    @Test
    void eachFormatGivesOneObservationPerReadingWithTheValuesOfItsJsonLines() throws Exception {
        String keys = city.resolve("out/keys.csv").toString();
        List<String[]> inputs = List.of(
                new String[] {"wmbus", first("wmbus").toString(), "--keys", keys},
                new String[] {"tic", first("tic").toString()},
                new String[] {"senml", first("senml").toString()},
                new String[] {"csv", first("csv").toString()},
                new String[] {"dataconnect", first("dataconnect").toString()});
        for (String[] input : inputs) {
            List<JsonNode> jsonl = jsonl(input);
            assertThat(jsonl).as(input[0]).isNotEmpty();
            List<String> args = new ArrayList<>(List.of("decode"));
            args.addAll(List.of(input));
            args.addAll(List.of("--format", "ttl"));
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            Graph g = turtle();

            assertThat(readings(g)).as(input[0]).isEqualTo(readings(jsonl));
            Set<String> meters =
                    jsonl.stream().map(n -> n.get("meter").asText()).collect(Collectors.toSet());
            assertThat(g.find(Node.ANY, sosa("madeBySensor"), Node.ANY)
                            .mapWith(Triple::getObject)
                            .toSet())
                    .as(input[0] + ": one sensor IRI per meter")
                    .hasSize(meters.size());
            ShapeReport report = new ShapeValidator().validate(ModelFactory.createModelForGraph(g));
            assertThat(report.conforms()).as(input[0] + ": " + report.toText()).isTrue();
        }
    }

    @Test
    void withoutTheRegistryTheFeatureOfInterestIsAStandInSaidToBeOne() throws Exception {
        assertThat(run("decode", "senml", first("senml").toString(), "--format", "ttl"))
                .isZero();
        assertThat(out.toString())
                .startsWith("# vivacite decode --format ttl: pseudonyms under an ephemeral random key");
        Graph g = turtle();
        Node foi = one(g, observations(g).get(0), sosa("hasFeatureOfInterest"));
        assertThat(foi.getURI()).matches("http://localhost:8080/dwelling/[0-9a-f]{16}");
        assertThat(g.contains(
                        foi,
                        RDFS.comment.asNode(),
                        NodeFactory.createLiteralLang(TurtleReadings.STAND_IN_COMMENT, "en")))
                .isTrue();
        assertThat(g.find(Node.ANY, NodeFactory.createURI(Namespaces.PROV + "wasGeneratedBy"), Node.ANY)
                        .hasNext())
                .as("no receipt: nothing was received")
                .isFalse();
    }

    @Test
    void withDataTheServersKeyAndRegistryGiveThePipelinesIris(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("credentials"), "pseudonymisation-key=" + KEY + "\n");
        Files.setPosixFilePermissions(data.resolve("credentials"), PosixFilePermissions.fromString("rw-------"));
        List<String> registry = Files.readAllLines(city.resolve("out/meters.csv"));
        Files.write(data.resolve("meters.csv"), registry);
        String keys = city.resolve("out/keys.csv").toString();
        List<JsonNode> jsonl = jsonl("wmbus", first("wmbus").toString(), "--keys", keys);

        assertThat(run(
                        "decode",
                        "wmbus",
                        first("wmbus").toString(),
                        "--keys",
                        keys,
                        "--format",
                        "ttl",
                        "--data",
                        data.toString()))
                .as(err.toString())
                .isZero();
        Graph g = turtle();

        ObservationMapper mapper = IngestParts.mapper(
                "http://localhost:8080/", new Pseudonyms(HexFormat.of().parseHex(KEY)));
        MeterRegistry meters = MeterRegistry.inMemory(IngestParts.ZONE);
        meters.register(MeterCsv.parse(String.join("\n", registry), "meters.csv"));
        for (JsonNode n : jsonl) {
            DecodedReading r = DecodedReading.at(
                    n.get("meter").asText(),
                    n.get("manufacturer").asText(),
                    n.get("quantity").asText(),
                    n.get("value").decimalValue(),
                    Instant.parse(n.get("time").asText()));
            RegisteredMeter m =
                    meters.find(r.meterId(), r.manufacturer(), r.time()).orElseThrow();
            var nodes = mapper.nodes(m);
            Node obs = mapper.observationIri(nodes, r);
            assertThat(one(g, obs, sosa("hasFeatureOfInterest"))).isEqualTo(nodes.featureOfInterest());
            assertThat(one(g, obs, sosa("madeBySensor"))).isEqualTo(nodes.node());
        }
        assertThat(g.find(Node.ANY, RDFS.comment.asNode(), Node.ANY).hasNext())
                .as("no stand-in: every meter is registered")
                .isFalse();
    }

    @Test
    void dataWithoutAKeyIsRefusedRatherThanGivenOne(@TempDir Path data) throws Exception {
        assertThat(run("decode", "senml", first("senml").toString(), "--format", "ttl", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no pseudonymisation key in " + data.resolve("credentials"));
        assertThat(data.resolve("credentials")).doesNotExist();
    }

    @Test
    void inputsThatCannotBeReadAreCommentsAndNothingDecodedExitsWithTwo() throws Exception {
        Path telegrams = city.resolve("ttl-telegrams.hex");
        List<String> input = new ArrayList<>(Files.readAllLines(first("wmbus")));
        input.add("2E44");
        Files.write(telegrams, input);
        String keys = city.resolve("out/keys.csv").toString();

        assertThat(run("decode", "wmbus", telegrams.toString(), "--keys", keys, "--format", "ttl"))
                .isZero();
        assertThat(out.toString()).containsPattern("(?m)^# input " + input.size() + ": error .+$");
        assertThat(observations(turtle())).isNotEmpty();

        assertThat(run("decode", "wmbus", telegrams.toString(), "--format", "ttl"))
                .isEqualTo(2);
        assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l).startsWith("#"));
        assertThat(out.toString()).contains("# input 1: error ").contains("no key");
    }
}
