package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.ingest.IngestProperties;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.output.SimulationFolder;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/** {@code vivacite meters …} on a real data directory: the simulated city's registry imported, listed, replayed. */
class MetersCommandTest extends InProcessCommand {

    private static final String BASE = "http://localhost:8080/"; // the configured default on an empty store
    private static final IngestProperties SETTINGS = new IngestProperties(null, null, null, null, null);

    @TempDir
    static Path city;

    @TempDir
    Path data;

    @BeforeAll
    static void simulate() throws Exception {
        SimulationFolder.write(
                DemoCity.generate(4, 40, LocalDate.of(2026, 3, 1), null),
                city.resolve("out"),
                LocalDate.of(2026, 3, 2),
                Duration.ofDays(1),
                EnumSet.of(WireFormat.WMBUS),
                "default");
    }

    @BeforeEach
    void keysInTheDataDirectory() throws Exception {
        Path keys = data.resolve(IngestParts.KEYS_FILE);
        Files.copy(city.resolve("out/keys.csv"), keys);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    }

    private static Path registry() {
        return city.resolve("out/meters.csv");
    }

    private static Path telegrams() throws Exception {
        try (var files = Files.list(city.resolve("out/wmbus"))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    private Pseudonyms serverKey() throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve("credentials"))) {
            p.load(r);
        }
        return new Pseudonyms(HexFormat.of().parseHex(p.getProperty("pseudonymisation-key")));
    }

    @Test
    void importRegistersTheRowsAndWritesTheirMetersUnderTheServersKey() throws Exception {
        List<RegisteredMeter> rows = MeterCsv.parse(Files.readString(registry()), "meters.csv");

        assertThat(run("meters", "import", registry().toString(), "--data", data.toString()))
                .as(err.toString())
                .isZero();
        List<String> printed = out.toString().strip().lines().toList();
        assertThat(printed.get(0))
                .isEqualTo("registered " + rows.size() + " meter row(s) from " + registry()
                        + ": 0 quarantined input(s) replayed, 0 written, 0 still waiting");
        assertThat(printed.subList(1, printed.size()))
                .as("no territory was imported: every dwelling meter is reported, and registered")
                .hasSize((int) rows.stream().filter(m -> !m.buildingLevel()).count())
                .allMatch(line -> line.startsWith("meter ") && line.contains("is in no building of the territory"));
        assertThat(data.resolve("meters.csv")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("meters.csv"))))
                .isEqualTo("rw-------");

        ObservationMapper mapper = IngestParts.mapper(BASE, serverKey());
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            for (RegisteredMeter m : List.of(rows.get(0), rows.get(rows.size() - 1))) {
                MeterNodes n = mapper.nodes(m);
                assertThat(store.read(n.graph().getURI())
                                .contains(
                                        n.node(), RDF.type.asNode(), NodeFactory.createURI(Namespaces.SOSA + "Sensor")))
                        .as("meter %s described in %s", m.meterId(), n.graph())
                        .isTrue();
            }
        }
    }

    @Test
    void listPrintsTheRegistryAsCsvThatReadsBackToTheSameRows() throws Exception {
        assertThat(run("meters", "list", "--data", data.toString())).isZero();
        assertThat(out.toString()).isEqualTo(String.join(",", MeterCsv.COLUMNS) + "\n");

        assertThat(run("meters", "import", registry().toString(), "--data", data.toString()))
                .isZero();
        assertThat(run("meters", "list", "--data", data.toString())).isZero();
        assertThat(MeterCsv.parse(out.toString(), "list"))
                .isEqualTo(MeterCsv.parse(Files.readString(registry()), "meters.csv"));
    }

    @Test
    void importingARowAgainReplacesIt() throws Exception {
        List<String> lines = Files.readAllLines(registry());
        Path first = data.resolve("first.csv");
        Files.write(first, List.of(lines.get(0), lines.get(1)));
        assertThat(run("meters", "import", first.toString(), "--data", data.toString()))
                .isZero();
        String[] f = lines.get(1).split(",", -1);
        f[MeterCsv.COLUMNS.indexOf("consent")] = "PT30M";
        Path changed = data.resolve("changed.csv");
        Files.write(changed, List.of(lines.get(0), String.join(",", f)));
        assertThat(run("meters", "import", changed.toString(), "--data", data.toString()))
                .isZero();

        assertThat(run("meters", "list", "--data", data.toString())).isZero();
        List<RegisteredMeter> listed = MeterCsv.parse(out.toString(), "list");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).consent()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void importReplaysTheInputsQuarantinedForWantOfTheirMeters() throws Exception {
        int lines = (int) Files.readAllLines(telegrams()).stream()
                .filter(l -> !l.isBlank())
                .count();
        Path root = data.toAbsolutePath();
        try (QuadStore store = QuadStores.open("lmdb", "private", root.resolve("private"));
                IngestPipeline pipeline = IngestParts.pipeline(
                        store,
                        null,
                        IngestParts.registry(root, SETTINGS),
                        IngestParts.deadLetters(root),
                        IngestParts.mapper(BASE, new Pseudonyms(new byte[16])),
                        IngestParts.keys(root, SETTINGS),
                        SETTINGS)) {
            Outcome o = pipeline.accept(
                    Envelope.of(Format.WMBUS, "file", "test", Instant.now(), Files.readAllBytes(telegrams())));
            assertThat(o.rejected()).isEqualTo(lines);
            assertThat(o.rejections()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_METER.id()));
        }

        assertThat(run("meters", "import", registry().toString(), "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains(": " + lines + " quarantined input(s) replayed, " + lines + " written, 0 still waiting");
        assertThat(IngestParts.deadLetters(root).size()).isZero();
        try (var replayed = Files.list(root.resolve("deadletter/replayed"))) {
            assertThat(replayed.count())
                    .as("one letter of the file's telegrams")
                    .isEqualTo(1);
        }
        try (QuadStore store = QuadStores.open("lmdb", "private", root.resolve("private"))) {
            long observations = 0;
            for (String g : store.statistics().keySet()) {
                observations += store.read(g)
                        .find(null, RDF.type.asNode(), NodeFactory.createURI(Namespaces.SOSA + "Observation"))
                        .toList()
                        .size();
            }
            assertThat(observations)
                    .as("observations of the replayed telegrams (some withheld: daily consent)")
                    .isPositive();
        }
    }

    @Test
    void aBadRowIsNamedByFileLineAndColumnAndNothingIsRegistered() throws Exception {
        List<String> lines = Files.readAllLines(registry());
        String[] f = lines.get(2).split(",", -1);
        f[MeterCsv.COLUMNS.indexOf("fluid")] = "plasma";
        Path bad = data.resolve("bad.csv");
        Files.write(bad, List.of(lines.get(0), lines.get(1), String.join(",", f)), StandardCharsets.UTF_8);

        assertThat(run("meters", "import", bad.toString(), "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("vivacite: " + bad + " line 3: fluid 'plasma' is not one of");
        assertThat(data.resolve("meters.csv")).doesNotExist();
        assertThat(data.resolve("private")).doesNotExist();
    }

    @Test
    void aRowNamingAGatewayGroupIsRegisteredOnlyOnceTheGroupIsConfigured() throws Exception {
        List<String> lines = Files.readAllLines(registry());
        String[] f = lines.get(1).split(",", -1);
        assertThat(f[MeterCsv.COLUMNS.indexOf("gateways")]).isEqualTo("default"); // simulate's --gateway
        f[MeterCsv.COLUMNS.indexOf("gateways")] = "default;group:dso";
        Path grouped = data.resolve("grouped.csv");
        Files.write(grouped, List.of(lines.get(0), String.join(",", f)));

        assertThat(run("meters", "import", grouped.toString(), "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains("meter " + f[0])
                .contains("group 'dso'")
                .contains("vivacite.ingest.gateway-groups");
        assertThat(data.resolve("meters.csv")).doesNotExist();

        assertThat(run(
                        "meters",
                        "import",
                        grouped.toString(),
                        "--data",
                        data.toString(),
                        "--vivacite.ingest.gateway-groups.dso=enedis-connector,sge"))
                .as(err.toString())
                .isZero();
        assertThat(run("meters", "list", "--data", data.toString())).isZero();
        assertThat(MeterCsv.parse(out.toString(), "list"))
                .singleElement()
                .satisfies(m -> assertThat(m.gateways()).containsExactly("default", "group:dso"));
    }

    @Test
    void aUtilityExportWithUsagePointsIsRegisteredAndMetersOfUnknownDwellingsAreReportedById() throws Exception {
        // A first import creates the store and the server's pseudonymisation key.
        Path empty = data.resolve("empty.csv");
        Files.writeString(empty, "meter_id,manufacturer,fluid,dwelling_or_building\n");
        assertThat(run("meters", "import", empty.toString(), "--data", data.toString()))
                .as(err.toString())
                .isZero();
        // The territory import's output: a building at a BAN address, and its one dwelling (private).
        Pseudonyms key = serverKey();
        String dwelling = key.of("dwelling", "LGT-0001");
        var building = NodeFactory.createURI(BASE + "id/building/PTRN1234567A");
        var territory = NodeFactory.createURI(BASE + "graph/territory");
        var privateGraph = NodeFactory.createURI(BASE + "graph/private/" + dwelling);
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            store.add(List.of(
                    Quad.create(
                            territory,
                            building,
                            RDF.type.asNode(),
                            NodeFactory.createURI(Namespaces.S4BLDG + "Building")),
                    Quad.create(
                            territory,
                            building,
                            NodeFactory.createURI(Namespaces.SKOS + "notation"),
                            NodeFactory.createLiteralDT(
                                    "38185_4580_00012", NodeFactory.getType(Namespaces.VC + "BanAddressKey"))),
                    Quad.create(
                            privateGraph,
                            NodeFactory.createURI(BASE + "dwelling/" + dwelling),
                            RDF.type.asNode(),
                            NodeFactory.createURI(Namespaces.VC + "Dwelling")),
                    Quad.create(
                            privateGraph,
                            NodeFactory.createURI(BASE + "dwelling/" + dwelling),
                            NodeFactory.createURI(Namespaces.S4BLDG + "isSpaceOf"),
                            building)));
        }
        Path export = data.resolve("utility.csv");
        Files.writeString(export, """
                meter_id,manufacturer,fluid,usage_point_id,ban_id,dwelling_or_building
                09111111111111,ENEDIS,electricity,09111111111111,38185_4580_00012,
                GI123456,GRDF,gas,GI123456,,LGT-0002
                C-778899,EAUX,water,C-778899,38185_9999_00001,
                """);

        assertThat(run("meters", "import", export.toString(), "--data", data.toString()))
                .as(err.toString())
                .isZero();

        assertThat(out.toString().strip().lines())
                .containsExactly(
                        "registered 2 meter row(s) from " + export
                                + ": 0 quarantined input(s) replayed, 0 written, 0 still waiting",
                        "meter GI123456 (GRDF): dwelling LGT-0002 is in no building of the territory: registered, its"
                                + " readings are in no area until the dwelling is imported",
                        "meter C-778899 (EAUX): no dwelling at BAN address 38185_9999_00001: not registered (give its"
                                + " dwelling_or_building)");
        assertThat(run("meters", "list", "--data", data.toString())).isZero();
        List<RegisteredMeter> listed = MeterCsv.parse(out.toString(), "list");
        assertThat(listed).extracting(RegisteredMeter::meterId).containsExactly("09111111111111", "GI123456");
        assertThat(listed.get(0).dwellingKey())
                .as("the dwelling found at its address")
                .isEqualTo(dwelling);
        assertThat(listed.get(0).usagePointId()).isEqualTo("09111111111111");
        assertThat(IngestParts.mapper(BASE, key)
                        .nodes(listed.get(0))
                        .featureOfInterest()
                        .getURI())
                .isEqualTo(BASE + "dwelling/" + dwelling);
    }

    @Test
    void importWhileTheStoreIsHeldSaysToStopTheServerOrUseTheAdminApi() throws Exception {
        try (QuadStore held = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            assertThat(run("meters", "import", registry().toString(), "--data", data.toString()))
                    .isEqualTo(1);
        }
        assertThat(err.toString()).contains("is in use by another process").contains("POST the CSV to /admin/meters");
        assertThat(data.resolve("meters.csv")).doesNotExist();
    }
}
