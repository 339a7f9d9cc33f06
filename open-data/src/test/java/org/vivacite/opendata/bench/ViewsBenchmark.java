package org.vivacite.opendata.bench;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The aggregation views alone, on a kept synthetic store: {@link PublishBenchmark}'s city (a year of
 * daily rollups) plus, for every other household's electricity meter, a year of daily and the
 * latest complete month of half-hourly derived consumption (load curves like the demo's month of
 * them); then {@code compute} run several times, each time's elapsed and CPU time printed (the
 * views log each pass). The store is written once into {@code dir} and reused by later runs (its
 * days end on {@link #TODAY}).
 *
 * <p>Usage: {@code benchmarks/views.sh dir [households] [runs]} (default 2000 households, 3 runs).
 */
public final class ViewsBenchmark {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int households = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean fresh = !Files.exists(dir.resolve("private"));
        try (QuadStore store = QuadStores.open("lmdb", "private", dir.resolve("private"))) {
            if (fresh) {
                long t = System.nanoTime();
                long rollups = PublishBenchmark.generate(store, households, TODAY);
                long observations = curves(store, households);
                System.out.printf(
                        Locale.ROOT,
                        "%d households: %d rollups, %d observations written in %.0f s%n",
                        households,
                        rollups,
                        observations,
                        (System.nanoTime() - t) / 1e9);
            }
            AggregationViews views = new AggregationViews(
                    store,
                    new AggregationViews.Settings(
                            PublishBenchmark.BASE,
                            PublishBenchmark.ZONE,
                            new BigDecimal("11.2"),
                            day -> Optional.of(BigDecimal.TEN)));
            var threads = ManagementFactory.getThreadMXBean();
            for (int r = 1; r <= runs; r++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                AggregationViews.Aggregates a = views.compute(TODAY);
                System.out.printf(
                        Locale.ROOT,
                        "run %d: %.1f s elapsed, %.1f s CPU; %d candidate cells, %d support%n",
                        r,
                        (System.nanoTime() - t) / 1e9,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e9,
                        a.candidates().size(),
                        a.support().size());
            }
        }
    }

    /** A year of daily and a month of half-hourly observations for every other household's electricity meter. */
    static long curves(QuadStore store, int households) {
        String base = PublishBenchmark.BASE;
        Node made = NodeFactory.createURI(Namespaces.SOSA + "madeBySensor");
        Node prop = NodeFactory.createURI(Namespaces.SOSA + "observedProperty");
        Node result = NodeFactory.createURI(Namespaces.SOSA + "hasSimpleResult");
        Node time = NodeFactory.createURI(Namespaces.SOSA + "phenomenonTime");
        Node type = NodeFactory.createURI(Namespaces.SOSA + "Observation");
        Node quantity = NodeFactory.createURI(Namespaces.VC + "electricityEnergyConsumed");
        LocalDate month = TODAY.withDayOfMonth(1).minusMonths(1);
        List<Quad> q = new ArrayList<>();
        long n = 0;
        for (int h = 0; h < households; h += 2) {
            String id = "e" + h;
            Node g = NodeFactory.createURI(base + "graph/private/" + id);
            Node meter = NodeFactory.createURI(base + "meter/" + id);
            List<String[]> intervals = new ArrayList<>();
            for (LocalDate d = TODAY.minusYears(1); d.isBefore(TODAY); d = d.plusDays(1)) {
                intervals.add(new String[] {
                    d.atStartOfDay(PublishBenchmark.ZONE).toInstant().toString(), "P1D", "9.5"
                });
            }
            Instant end =
                    month.plusMonths(1).atStartOfDay(PublishBenchmark.ZONE).toInstant();
            for (Instant s = month.atStartOfDay(PublishBenchmark.ZONE).toInstant();
                    s.isBefore(end);
                    s = s.plusSeconds(1800)) {
                intervals.add(new String[] {
                    s.toString(),
                    "PT30M",
                    String.format(Locale.ROOT, "0.%03d", (s.getEpochSecond() / 1800 * 7 + h) % 1000)
                });
            }
            for (String[] i : intervals) {
                Node obs =
                        NodeFactory.createURI(base + "obs/" + id + "/electricityEnergyConsumed/" + i[0] + "/" + i[1]);
                q.add(Quad.create(g, obs, RDF.type.asNode(), type));
                q.add(Quad.create(g, obs, made, meter));
                q.add(Quad.create(g, obs, prop, quantity));
                q.add(Quad.create(g, obs, result, NodeFactory.createLiteralDT(i[2], XSDDatatype.XSDdecimal)));
                q.add(Quad.create(g, obs, time, NodeFactory.createURI(base + "id/interval/" + i[0] + "/" + i[1])));
                n++;
            }
            if (q.size() > 400_000) {
                store.add(q);
                q.clear();
            }
        }
        store.add(q);
        return n;
    }
}
