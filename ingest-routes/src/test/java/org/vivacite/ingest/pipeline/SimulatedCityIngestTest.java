package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
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
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.dso.DsoInterval;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.output.SimulationFolder;
import org.vivacite.simulator.rdf.CityRdf;
import org.vivacite.simulator.tic.TicFrames;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * A simulated city's files, every format, through the pipeline: everything is read, nothing is
 * refused but the frames of historic TIC boxes that give an observation a second value (they carry
 * no time, so a file's frames are one observation: the first frame's value is kept, the others
 * dead-lettered as {@code conflicting-value}), the wM-Bus register observations are exactly those
 * the demo city writes for the same readings (same IRIs), so readings that arrive through the
 * routes meet the demo's, and every
 * format's stored values equal, numerically and in the quantity's canonical unit, the values the
 * simulator put in its files (a decoder that mis-scales fails here).
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
        SimulationFolder.write(city, out, TO, Duration.ofDays(1), EnumSet.allOf(WireFormat.class), "gw-1");
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
                Map<Format, Map<String, Integer>> refused = new HashMap<>();
                for (Format format : Format.values()) {
                    try (Stream<Path> files = Files.list(out.resolve(format.id()))) {
                        for (Path file : files.sorted().toList()) {
                            Outcome o = pipeline.accept(Envelope.of(
                                    format, "file", file.getFileName().toString(), NOW, Files.readAllBytes(file)));
                            counts.computeIfAbsent(format, f -> new int[1])[0] += o.accepted();
                            o.reasons()
                                    .forEach((reason, n) -> refused.computeIfAbsent(format, f -> new HashMap<>())
                                            .merge(reason, n, Integer::sum));
                        }
                    }
                }

                assertThat(refused.keySet()).as("formats with refused inputs").containsOnly(Format.TIC);
                assertThat(refused.get(Format.TIC)).containsOnlyKeys(Reason.CONFLICTING_VALUE.id());
                int refusedFrames = refused.get(Format.TIC).get(Reason.CONFLICTING_VALUE.id());
                assertThat(deadLetters.list())
                        .as("every refused frame is kept, as conflicting-value")
                        .isNotEmpty()
                        .allSatisfy(l -> assertThat(l.reasons()).containsOnlyKeys(Reason.CONFLICTING_VALUE));
                assertThat(deadLetters.list().stream()
                                .mapToInt(l -> l.units().size())
                                .sum())
                        .isEqualTo(refusedFrames);
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

                // and every format's values are the simulated ones, in the quantity's canonical unit
                // (of a historic TIC box's observation, the value of the first frame; the frames giving
                // another value are the ones refused)
                Map<WireFormat, Map<String, Expected>> values = expectedValues(pseudonyms);
                int otherValues = 0;
                for (WireFormat format : WireFormat.values()) {
                    Map<String, Expected> want = values.get(format);
                    Map<String, Expected> got = stored(store, want.keySet());
                    List<String> wrong = new ArrayList<>();
                    for (Map.Entry<String, Expected> w : want.entrySet()) {
                        String iri = w.getKey();
                        Expected e = w.getValue();
                        Expected g = got.get(iri);
                        Expected kept = e.untimed() ? e.first() : e;
                        if (g == null ? e.kept() : !kept.sameAs(g)) {
                            wrong.add(
                                    iri.substring(iri.indexOf("/obs/") + 5) + ": simulated " + kept + ", stored " + g);
                        }
                        if (g != null && e.untimed()) {
                            otherValues += e.otherThanFirst();
                        }
                    }
                    assertThat(wrong)
                            .as(format + ": the values stored differ from the simulated ones")
                            .isEmpty();
                    assertThat(got).as(format + ": values compared").isNotEmpty();
                }
                assertThat(refusedFrames)
                        .as("historic frames refused: one per value other than the first of an observation kept")
                        .isPositive()
                        .isEqualTo(otherValues);

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

    /**
     * The values of an observation as the simulator made them, in the quantity's canonical unit
     * (one, but for the frames of a historic TIC box, which carry no time: the routes give them the
     * time they were received, one file for all of them: {@code untimed}, in the order of the
     * frames), the unit, and whether the pipeline must keep it (load-curve points are kept as far as
     * the household consented; compared when they are).
     */
    record Expected(List<BigDecimal> values, String unit, boolean kept, boolean untimed) {

        Expected(BigDecimal value, String unit, boolean kept, boolean untimed) {
            this(List.of(value), unit, kept, untimed);
        }

        Expected and(Expected o) {
            List<BigDecimal> all = new ArrayList<>(values);
            all.addAll(o.values);
            return new Expected(all, unit, kept, untimed);
        }

        /** The first value only: what the pipeline keeps of values given together. */
        Expected first() {
            return new Expected(values.get(0), unit, kept, untimed);
        }

        /** How many of the values differ from the first. */
        int otherThanFirst() {
            return (int)
                    values.stream().filter(v -> v.compareTo(values.get(0)) != 0).count();
        }

        boolean sameAs(Expected stored) {
            List<BigDecimal> a = values.stream().sorted().toList();
            List<BigDecimal> b = stored.values.stream().sorted().toList();
            if (a.size() != b.size() || !unit.equals(stored.unit)) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).compareTo(b.get(i)) != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return values.stream().map(BigDecimal::toPlainString).toList() + " <"
                    + unit.substring(unit.lastIndexOf('/') + 1) + ">";
        }
    }

    /**
     * The observations the simulator's readings and DSO intervals make, by wire format, as {@link
     * CityRdf} names them: registers and sensors {@code obs/{meter}/{quantity}/{instant}}, the
     * DSO's intervals {@code obs/{meter}/{quantity}/{start}/{duration}} (a local day is {@code P1D}).
     */
    private static Map<WireFormat, Map<String, Expected>> expectedValues(Pseudonyms pseudonyms) {
        DemoCity city = DemoCity.generate(5, 40, FROM, FROM.plusDays(2)); // the same city again
        CityRdf rdf = new CityRdf(BASE);
        QuantityRegistry quantities = QuantityRegistry.standard();
        Map<WireFormat, Map<String, Expected>> values = new EnumMap<>(WireFormat.class);
        for (WireFormat f : WireFormat.values()) {
            values.put(f, new HashMap<>());
        }
        city.simulation().run(FROM, TO, Duration.ofDays(1), new Simulation.Listener() {
            @Override
            public void reading(Reading r) {
                WireFormat wire = r.meter().device().wire;
                if (wire == WireFormat.TIC && !Payloads.hasTicBox(r.meter())) {
                    return; // a Linky without a box reports through its DSO only
                }
                String quantity = r.meter().device().quantity;
                // historic TIC frames carry no time: the routes time them at receipt (one file, one
                // time), kept only if the household consented to finer than a day; compared if kept
                boolean timed = wire != WireFormat.TIC || Payloads.ticMode(r.meter()) != TicFrames.Mode.HISTORIC;
                Instant time = timed ? r.time() : NOW;
                String iri = observations(rdf, pseudonyms, r.meter()) + quantity + "/" + time;
                values.get(wire)
                        .merge(
                                iri,
                                new Expected(r.value(), quantities.get(quantity).canonicalUnitIri(), timed, !timed),
                                Expected::and);
            }

            @Override
            public void interval(Meter m, Instant start, Duration length, double wattHours) {
                DsoInterval i = new DsoInterval(m.usagePointId(), start.atZone(DemoCity.ZONE), length, wattHours);
                String quantity = i.loadCurve() ? "electricityAveragePower" : "electricityEnergyConsumed";
                BigDecimal value = i.loadCurve()
                        ? BigDecimal.valueOf(i.averageWatts())
                        : BigDecimal.valueOf(i.roundedWattHours()).movePointLeft(3); // Wh in kWh
                String iri = observations(rdf, pseudonyms, m) + quantity + "/" + start + "/"
                        + (i.loadCurve() ? length.toString() : "P1D");
                Expected e = new Expected(value, quantities.get(quantity).canonicalUnitIri(), !i.loadCurve(), false);
                values.get(WireFormat.CSV).put(iri, e);
                values.get(WireFormat.DATACONNECT).put(iri, e);
            }
        });
        return values;
    }

    private static String observations(CityRdf rdf, Pseudonyms pseudonyms, Meter m) {
        return BASE + "obs/" + rdf.meter(pseudonyms, m).getURI().substring((BASE + "meter/").length()) + "/";
    }

    /** What the store holds of these observations: each one's value and unit. */
    private static Map<String, Expected> stored(QuadStore store, java.util.Collection<String> iris) {
        Map<String, Expected> stored = new HashMap<>();
        List<String> all = new ArrayList<>(iris);
        for (int i = 0; i < all.size(); i += 500) {
            String values = all.subList(i, Math.min(all.size(), i + 500)).stream()
                    .map(iri -> "<" + iri + ">")
                    .collect(java.util.stream.Collectors.joining(" "));
            store.select("SELECT ?o ?v ?u { VALUES ?o { " + values + " } GRAPH ?g { ?o"
                            + " <http://www.w3.org/ns/sosa/hasSimpleResult> ?v ;"
                            + " <https://saref.etsi.org/core/isMeasuredIn> ?u } }")
                    .rows()
                    .forEach(row -> stored.merge(
                            row.get("o").getURI(),
                            new Expected(
                                    new BigDecimal(row.get("v").getLiteralLexicalForm()),
                                    row.get("u").getURI(),
                                    true,
                                    false),
                            Expected::and));
        }
        return stored;
    }
}
