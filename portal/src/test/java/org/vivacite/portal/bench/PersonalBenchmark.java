package org.vivacite.portal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.portal.advice.Advice;
import org.vivacite.portal.advice.AdviceProperties;
import org.vivacite.portal.dashboard.Dashboard;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.history.History;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.triplestore.PersonalView;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The personal API's consumption read ({@link PersonalData#consumption}, what {@code GET
 * /api/me/consumption} calls) for a household with a year of half-hourly electricity in a real
 * LMDB private store: its register every half hour, the hourly consumption derived under its
 * consent and the daily one, shaped as the pipeline writes them (provenance included), beside
 * other households. Latency of each question, after warm-up: median and p95. HTTP and the bearer
 * token's check are not in it. Usage: benchmarks/personal.sh [other households, default 50]
 * [runs per question, default 30].
 */
public final class PersonalBenchmark {

    static final String BASE = "http://localhost:8080/";
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final String SOSA = Namespaces.SOSA;
    static final String VC = Namespaces.VC;
    static final String TIME = Namespaces.TIME;

    public static void main(String[] args) throws Exception {
        int others = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("vivacite-personal-bench");
        LocalDate first = LocalDate.now(ZONE).minusDays(365);
        try (QuadStore store = QuadStores.open("lmdb", "private", dir.resolve("private"))) {
            long t0 = System.nanoTime();
            long quads;
            // written as the pipeline writes the private store: through its day rollups
            try (MeterDayRollups rollups = new MeterDayRollups(
                    store,
                    ZONE,
                    dir.resolve("private-rollups.journal"),
                    MeterDayRollups.Selection.dailyConsumption(QuantityRegistry.standard()))) {
                quads = household(rollups, "h0000", first, 365, true);
                for (int i = 1; i <= others; i++) {
                    household(rollups, String.format("h%04d", i), first, 365, false);
                }
            }
            System.out.printf(
                    "loaded: the household (%d quads, a year of half hours) and %d others (daily) in %d s%n",
                    quads, others, (System.nanoTime() - t0) / 1_000_000_000);
            Clock clock = Clock.systemUTC();
            Consents consents =
                    new Consents(store, BASE, clock, new FinerData(store, QuantityRegistry.standard(), ZONE));
            StoreEnrolments enrolments = new StoreEnrolments(store, BASE, clock);
            String dwelling = BASE + "dwelling/h0000";
            enrolments.redeem(
                    "ana",
                    enrolments
                            .generate(
                                    List.of(dwelling),
                                    Duration.ofDays(1),
                                    first.atStartOfDay(ZONE).toInstant())
                            .get(0)
                            .code());
            consents.give("ana", dwelling, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
            PersonalData data = new PersonalData(store, enrolments, consents, QuantityRegistry.standard(), ZONE, clock);
            Instant end = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
            // what the consumption questions read first: the household's graph into their personal view
            String graph = BASE + "graph/private/h0000";
            time("full personal view", "", runs, () -> PersonalView.of(store, graph));
            time(
                    "consumption's view",
                    "",
                    runs,
                    () -> PersonalView.of(store, List.of(graph), PersonalData.CONSUMPTION_PREDICATES));
            measure(data, "PT30M over a day", "PT30M", end.minus(Duration.ofDays(1)), end, runs);
            measure(data, "PT30M over a week", "PT30M", end.minus(Duration.ofDays(7)), end, runs);
            measure(data, "PT1H over a month", "PT1H", end.minus(Duration.ofDays(30)), end, runs);
            measure(data, "P1D over a year", "P1D", end.minus(Duration.ofDays(365)), end, runs);
            measure(data, "P1M over a year", "P1M", end.minus(Duration.ofDays(365)), end, runs);
            measure(data, "PT30M over 15 days", "PT30M", end.minus(Duration.ofDays(15)), end, runs);
            // what the citizen's pages read (their services; the template's rendering and HTTP not in it)
            ObjectProvider<Prices> prices = new DefaultListableBeanFactory().getBeanProvider(Prices.class);
            Dashboard dashboard = new Dashboard(data, prices);
            History history = new History(data, new DefaultListableBeanFactory().getBeanProvider(DegreeDays.class));
            Advice advice = new Advice(data, prices, AdviceProperties.defaults());
            LocalDate today = LocalDate.now(ZONE);
            time("page: dashboard", "", runs, () -> dashboard.of("ana"));
            for (String view : History.VIEWS) {
                time(
                        "page: history " + view,
                        "",
                        runs,
                        () -> history.of("ana", null, "electricity", view, today.minusDays(1)));
            }
            time("page: advice", advice.of("ana").size() + " tips", runs, () -> advice.of("ana"));
        }
    }

    private static void measure(PersonalData data, String what, String step, Instant from, Instant to, int runs) {
        int points = data.consumption("ana", null, "electricity", step, from, to)
                .dwellings()
                .get(0)
                .points()
                .size();
        time(what, points + " points", runs, () -> data.consumption("ana", null, "electricity", step, from, to));
    }

    /**
     * Median and p95 over {@code runs}, after 5 of warm-up, of the wall time, of the CPU time of the
     * thread that asks, and of the CPU time of the whole JVM (that thread, the garbage collector
     * and the JIT). On a machine that other builds load, the wall time is mostly waiting for a
     * core; the CPU times say what a question costs, and an idle machine answers in between them.
     */
    private static void time(String what, String detail, int runs, Runnable question) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var jvm = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        long[] all = new long[runs];
        for (int i = 0; i < runs + 5; i++) {
            long p = jvm.getProcessCpuTime();
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            question.run();
            if (i >= 5) {
                wall[i - 5] = (System.nanoTime() - t) / 1_000_000;
                cpu[i - 5] = (threads.getCurrentThreadCpuTime() - c) / 1_000_000;
                all[i - 5] = (jvm.getProcessCpuTime() - p) / 1_000_000;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(all);
        int p95 = (int) Math.ceil(runs * 0.95) - 1;
        System.out.printf(
                "%-20s %11s  wall %5d / %5d ms   thread cpu %4d / %4d ms   jvm cpu %4d / %4d ms (median / p95)%n",
                what, detail, wall[runs / 2], wall[p95], cpu[runs / 2], cpu[p95], all[runs / 2], all[p95]);
    }

    /** Writes one household; half hours (and hours derived) only when {@code fine}. */
    private static long household(MeterDayRollups store, String key, LocalDate first, int days, boolean fine) {
        Node g = iri(BASE + "graph/private/" + key);
        Node dwelling = iri(BASE + "dwelling/" + key);
        Node meter = iri(BASE + "meter/m" + key);
        Node receipt = iri(BASE + "receipt/msg-" + key);
        List<Quad> out = new ArrayList<>();
        out.add(new Quad(g, dwelling, RDF.type.asNode(), iri(VC + "Dwelling")));
        out.add(new Quad(g, meter, RDF.type.asNode(), iri(VC + "ElectricityMeter")));
        out.add(new Quad(g, meter, iri(SOSA + "observes"), iri(VC + "electricityEnergyWithdrawn")));
        out.add(new Quad(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), dwelling));
        BigDecimal index = new BigDecimal("10000.000");
        BigDecimal half = new BigDecimal("0.250");
        Instant start = first.atStartOfDay(ZONE).toInstant();
        Instant end = first.plusDays(days).atStartOfDay(ZONE).toInstant();
        Duration step = fine ? Duration.ofMinutes(30) : Duration.ofDays(1);
        long total = 0;
        for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
            Node o = iri(BASE + "obs/m" + key + "/electricityEnergyWithdrawn/" + t);
            observation(out, g, o, meter, dwelling, "electricityEnergyWithdrawn", index, t, receipt);
            boolean midnight = t.atZone(ZONE).toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
            if (fine && t.isBefore(end) && t.atZone(ZONE).getMinute() == 0) {
                amount(out, g, meter, dwelling, t, Duration.ofHours(1), half.add(half));
            }
            if (midnight && t.isBefore(end)) {
                Instant next = t.atZone(ZONE)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(ZONE)
                        .toInstant();
                long halves = Duration.between(t, next).toMinutes() / 30;
                amount(
                        out,
                        g,
                        meter,
                        dwelling,
                        t,
                        Duration.between(t, next),
                        half.multiply(BigDecimal.valueOf(halves)));
            }
            index = index.add(fine ? half : half.multiply(BigDecimal.valueOf(48)));
            if (out.size() > 100_000) {
                store.write(out);
                total += out.size();
                out.clear();
            }
        }
        store.write(out);
        return total + out.size();
    }

    private static void amount(List<Quad> out, Node g, Node meter, Node dwelling, Instant t, Duration d, BigDecimal v) {
        String dur = d.toHours() >= 23 ? "P1D" : "PT1H";
        Node o = iri(BASE + "obs/" + meter.getLocalName() + "/electricityEnergyConsumed/" + t + "/" + dur);
        Instant e = t.plus(d);
        observation(out, g, o, meter, dwelling, "electricityEnergyConsumed", v, e, null);
        Node interval = iri(BASE + "id/interval/" + t + "/" + dur);
        out.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
        out.add(new Quad(g, interval, RDF.type.asNode(), iri(TIME + "Interval")));
        out.add(new Quad(g, interval, iri(TIME + "hasBeginning"), instant(out, g, t)));
        out.add(new Quad(g, interval, iri(TIME + "hasEnd"), instant(out, g, e)));
        out.add(new Quad(
                g, interval, iri(TIME + "hasXSDDuration"), NodeFactory.createLiteralDT(dur, XSDDatatype.XSDduration)));
        out.add(new Quad(g, o, iri(Namespaces.PROV + "wasDerivedFrom"), iri(BASE + "obs/x/" + t)));
        out.add(new Quad(g, o, iri(Namespaces.PROV + "wasDerivedFrom"), iri(BASE + "obs/x/" + e)));
    }

    private static Node instant(List<Quad> out, Node g, Instant t) {
        Node i = iri(BASE + "id/instant/" + t);
        out.add(new Quad(g, i, RDF.type.asNode(), iri(TIME + "Instant")));
        out.add(new Quad(
                g,
                i,
                iri(TIME + "inXSDDateTimeStamp"),
                NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp)));
        return i;
    }

    private static void observation(
            List<Quad> out,
            Node g,
            Node o,
            Node meter,
            Node dwelling,
            String quantity,
            BigDecimal v,
            Instant t,
            Node receipt) {
        out.add(new Quad(g, o, RDF.type.asNode(), iri(SOSA + "Observation")));
        out.add(new Quad(g, o, RDF.type.asNode(), iri(Namespaces.SAREF + "Measurement")));
        out.add(new Quad(g, o, iri(SOSA + "madeBySensor"), meter));
        out.add(new Quad(g, o, iri(SOSA + "observedProperty"), iri(VC + quantity)));
        out.add(new Quad(g, o, iri(SOSA + "hasFeatureOfInterest"), dwelling));
        out.add(new Quad(
                g,
                o,
                iri(SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(v.toPlainString(), XSDDatatype.XSDdecimal)));
        out.add(new Quad(g, o, iri(Namespaces.SAREF + "isMeasuredIn"), iri(Namespaces.UNIT + "KiloW-HR")));
        out.add(new Quad(
                g,
                o,
                iri(SOSA + "resultTime"),
                NodeFactory.createLiteralDT(
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(ZONE)), XSDDatatype.XSDdateTime)));
        if (receipt != null) {
            out.add(new Quad(g, o, iri(Namespaces.PROV + "wasGeneratedBy"), receipt));
        }
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
