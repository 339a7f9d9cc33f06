package org.vivacite.ingest.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.Decoders;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The pipeline's write rate against the store's own: encrypted wM-Bus telegrams of a simulated
 * city (daily readings), in batches, through {@link IngestPipeline} into an embedded store; then
 * the very quads the pipeline wrote, in the same batches, straight into a fresh store of the same
 * kind. Prints readings per second of each and their ratio. Usage: {@code [telegrams] [batch]
 * [kind]} (defaults 40 000, 1 000, tdb2).
 */
public final class PipelineBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        String kind = args.length > 2 ? args[2] : "tdb2";
        Path dir = Files.createTempDirectory("pipeline-bench");
        LocalDate from = LocalDate.of(2026, 1, 1);
        DemoCity city = DemoCity.generate(1, 2_000, from, from.plusDays(300));
        Payloads payloads = new Payloads(DemoCity.ZONE);
        Map<String, byte[]> keys = new HashMap<>();
        List<String> telegrams = new ArrayList<>();
        List<RegisteredMeter> meters = new ArrayList<>();
        StringBuilder csv =
                new StringBuilder(org.vivacite.simulator.output.SimulationFolder.REGISTRY_HEADER).append('\n');
        city.fleet().meters().forEach(m -> {
            if (m.device().wire == WireFormat.WMBUS) {
                keys.put(m.id(), m.key());
                csv.append(org.vivacite.simulator.output.SimulationFolder.registryRow(m, "gw"))
                        .append('\n');
            }
        });
        city.simulation().run(from, from.plusDays(200), Duration.ofDays(1), (Reading r) -> {
            if (r.meter().device().wire == WireFormat.WMBUS && telegrams.size() < count) {
                telegrams.add(Payloads.hex(payloads.telegram(r)));
            }
        });
        meters.addAll(MeterCsv.parse(csv.toString(), "bench"));
        System.out.printf(
                Locale.ROOT,
                "%d telegrams of %d meters, batches of %d, store %s%n",
                telegrams.size(),
                keys.size(),
                batch,
                kind);

        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < telegrams.size(); i += batch) {
            String body = String.join("\n", telegrams.subList(i, Math.min(telegrams.size(), i + batch)));
            envelopes.add(
                    Envelope.of(Format.WMBUS, "bench", "gw", Instant.now(), body.getBytes(StandardCharsets.US_ASCII)));
        }
        List<List<Quad>> written = new ArrayList<>();
        long pipelineNanos;
        int accepted = 0;
        try (QuadStore store = QuadStores.open(kind, "private", dir.resolve("a"))) {
            MeterRegistry registry = new MeterRegistry(dir.resolve("meters.csv"), DemoCity.ZONE);
            try (IngestPipeline pipeline = new IngestPipeline(
                    store,
                    registry,
                    new DeadLetterStore(dir.resolve("deadletter")),
                    new ObservationMapper(
                            "http://localhost:8080/",
                            new Pseudonyms(new byte[16]),
                            QuantityRegistry.standard(),
                            DemoCity.ZONE),
                    new Decoders((m, id) -> Optional.ofNullable(keys.get(id)), DemoCity.ZONE),
                    IngestPipeline.Options.defaults(),
                    Clock.systemUTC())) {
                registry.register(meters);
                Map<String, Long> before = store.statistics();
                long t0 = System.nanoTime();
                for (Envelope e : envelopes) {
                    Outcome o = pipeline.accept(e);
                    accepted += o.accepted() + o.withheld(); // readings taken: written, or withheld by consent
                }
                pipelineNanos = System.nanoTime() - t0;
                System.out.printf(
                        Locale.ROOT,
                        "pipeline: %d readings in %.1f s: %.0f readings/s (store %s quads before)%n",
                        accepted,
                        pipelineNanos / 1e9,
                        accepted / (pipelineNanos / 1e9),
                        before.values().stream().mapToLong(Long::longValue).sum());
            }
            ByteArrayOutputStream nq = new ByteArrayOutputStream();
            store.backup(nq);
            DatasetGraph all = DatasetGraphFactory.createGeneral();
            RDFDataMgr.read(all, new java.io.ByteArrayInputStream(nq.toByteArray()), org.apache.jena.riot.Lang.NQUADS);
            List<Quad> quads = new ArrayList<>();
            all.find().forEachRemaining(quads::add);
            int per = Math.max(1, quads.size() / envelopes.size());
            for (int i = 0; i < quads.size(); i += per) {
                written.add(quads.subList(i, Math.min(quads.size(), i + per)));
            }
            System.out.printf(
                    Locale.ROOT,
                    "the pipeline wrote %d quads (%.1f per reading)%n",
                    quads.size(),
                    quads.size() / (double) accepted);
        }
        try (QuadStore store = QuadStores.open(kind, "private", dir.resolve("b"))) {
            long t0 = System.nanoTime();
            for (List<Quad> b : written) {
                store.add(b);
            }
            long storeNanos = System.nanoTime() - t0;
            System.out.printf(
                    Locale.ROOT,
                    "store alone, same quads, %d batches: %.1f s: %.0f readings/s%n",
                    written.size(),
                    storeNanos / 1e9,
                    accepted / (storeNanos / 1e9));
            System.out.printf(Locale.ROOT, "ratio pipeline / store: %.0f %%%n", 100.0 * storeNanos / pipelineNanos);
        }
    }
}
