package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.output.SimulationFolder;
import org.vivacite.simulator.rdf.CityRdf;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * A simulated city's files, every format, through the pipeline: everything is read, nothing is
 * refused, and the register observations are exactly those the demo city writes for the same
 * readings (same IRIs, same values), so readings that arrive through the routes meet the demo's.
 */
class SimulatedCityIngestTest {

    private static final String BASE = "http://localhost:8080/";
    private static final LocalDate FROM = LocalDate.of(2026, 1, 10);
    private static final LocalDate TO = LocalDate.of(2026, 1, 15);
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyFileOfASimulatedCityIsReadAndMeetsTheDemoCitysObservations() throws Exception {
        DemoCity city = DemoCity.generate(5, 40, FROM, FROM.plusDays(2));
        Path out = dir.resolve("city");
        SimulationFolder.write(city, out, TO, Duration.ofDays(1), EnumSet.allOf(WireFormat.class), BASE, "gw-1");
        Files.setPosixFilePermissions(out.resolve("keys.csv"), PosixFilePermissions.fromString("rw-------"));
        Pseudonyms pseudonyms = new Pseudonyms("a-test-key-of-16+bytes".getBytes());

        try (QuadStore store = QuadStores.open("lmdb", "private", dir.resolve("private"))) {
            MeterRegistry registry = new MeterRegistry(dir.resolve("meters.csv"), DemoCity.ZONE);
            DeadLetterStore deadLetters = new DeadLetterStore(dir.resolve("deadletter"));
            try (IngestPipeline pipeline = new IngestPipeline(
                    store,
                    registry,
                    deadLetters,
                    new ObservationMapper(BASE, pseudonyms, QuantityRegistry.standard(), DemoCity.ZONE),
                    new Decoders(MeterKeyFile.load(out.resolve("keys.csv"), null), DemoCity.ZONE),
                    IngestPipeline.Options.defaults(),
                    Clock.fixed(NOW, ZoneOffset.UTC))) {
                registry.register(MeterCsv.parse(Files.readString(out.resolve("meters.csv")), "meters.csv"));

                Map<Format, int[]> counts = new HashMap<>();
                List<Outcome.Rejection> rejections = new ArrayList<>();
                for (Format format : Format.values()) {
                    try (Stream<Path> files = Files.list(out.resolve(format.id()))) {
                        for (Path file : files.sorted().toList()) {
                            Outcome o = pipeline.accept(Envelope.of(
                                    format, "file", file.getFileName().toString(), NOW, Files.readAllBytes(file)));
                            counts.computeIfAbsent(format, f -> new int[1])[0] += o.accepted();
                            rejections.addAll(o.rejections());
                        }
                    }
                }

                assertThat(rejections).isEmpty();
                assertThat(deadLetters.list()).isEmpty();
                for (Format format : Format.values()) {
                    assertThat(counts.get(format)).as(format.id()).isNotNull();
                    assertThat(counts.get(format)[0]).as(format.id()).isPositive();
                }

                // the demo city's own observations of the same wM-Bus readings are all in the store
                CityRdf rdf = new CityRdf(BASE);
                List<Quad> expected = new ArrayList<>();
                city.simulation().run(FROM, TO, Duration.ofDays(1), (Reading r) -> {
                    if (r.meter().device().wire == WireFormat.WMBUS) {
                        rdf.observation(r, pseudonyms, q -> {
                            if (!q.getPredicate().getURI().endsWith("hasSimpleResult")) {
                                expected.add(q);
                            }
                        });
                    }
                });
                assertThat(expected).hasSizeGreaterThan(1_000);
                assertThat(store.contained(expected)).hasSameSizeAs(expected);

                // and each has its daily consumption, but the first day of each meter
                long registers = store.select(
                                                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o <http://www.w3.org/ns/sosa/observedProperty> <https://w3id.org/vivacite/ontology#waterVolume> } }")
                                        .rows()
                                        .get(0)
                                        .get("n")
                                        .getLiteralValue()
                                instanceof Number n
                        ? n.longValue()
                        : -1;
                long consumed = store.select(
                                                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o <http://www.w3.org/ns/sosa/observedProperty> <https://w3id.org/vivacite/ontology#waterVolumeConsumed> } }")
                                        .rows()
                                        .get(0)
                                        .get("n")
                                        .getLiteralValue()
                                instanceof Number n
                        ? n.longValue()
                        : -1;
                assertThat(consumed).isPositive().isLessThan(registers);
            }
        }
    }
}
