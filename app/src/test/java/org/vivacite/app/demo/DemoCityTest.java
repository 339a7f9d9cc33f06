package org.vivacite.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.simulator.DemoCity;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/** {@code serve --demo}: the demo city's history is loaded once, in the background, and reused. */
@ExtendWith(OutputCaptureExtension.class)
class DemoCityTest {

    /** Back to the first of last month, whatever today is: at most 62 days. */
    static final int HISTORY_DAYS =
            (int) (java.time.LocalDate.now(org.vivacite.simulator.DemoCity.ZONE).toEpochDay()
                    - java.time.LocalDate.now(org.vivacite.simulator.DemoCity.ZONE)
                            .withDayOfMonth(1)
                            .minusMonths(1)
                            .toEpochDay());

    private static final String BASE = "http://localhost:8080/";

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(VivaciteServer.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--vivacite.data=" + data,
                        "--vivacite.base-iri=" + BASE,
                        "--vivacite.demo=true",
                        "--vivacite.demo-city.households=40",
                        // enough days for the latest complete calendar month, whose half-hourly
                        // consumption the derived history holds
                        "--vivacite.demo-city.history-days=" + HISTORY_DAYS);
    }

    @Test
    void loadsAYearOfHistoryInTheBackgroundOnceAndASecondStartReusesIt(CapturedOutput output) throws Exception {
        LocalDate loaded;
        long expected;
        try (ConfigurableApplicationContext first = start()) {
            loaded = awaitHistory();
            Properties state = state();
            LocalDate start = LocalDate.parse(state.getProperty("start"));
            assertThat(loaded.toEpochDay() - start.toEpochDay()).isEqualTo(HISTORY_DAYS);
            DemoCity city = first.getBean(DemoCity.class);
            long[] readings = {0};
            java.time.Instant midnight = loaded.atStartOfDay(DemoCity.ZONE).toInstant();
            // each reading's observation, and the leak alarm a leaking Kamstrup water meter reports with it
            org.vivacite.simulator.rdf.CityRdf rdf = new org.vivacite.simulator.rdf.CityRdf("http://localhost/");
            Pseudonyms byKey = first.getBean(Pseudonyms.class);
            Node observation = org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/ns/sosa/Observation");
            city.simulation().run(start, loaded, Duration.ofDays(1), r -> {
                if (r.time().isBefore(midnight)) {
                    readings[0]++;
                    rdf.alarm(r, byKey, q -> {
                        if (q.getObject().equals(observation)) {
                            readings[0]++;
                        }
                    });
                }
            });
            expected = readings[0];
            assertThat(historyObservations(first, loaded)).isEqualTo(expected).isGreaterThan(100);
            // Every device and dwelling is in its pseudonymous private graph, none in the public store.
            QuadStore publicStore = first.getBean("publicStore", QuadStore.class);
            GraphNames graphs = first.getBean(GraphNames.class);
            assertThat(publicStore.statistics().keySet()).noneMatch(graphs::isPrivate);
            Pseudonyms pseudonyms = first.getBean(Pseudonyms.class);
            String dwellingGraph = graphs.privateGraph(pseudonyms.of(
                    "dwelling", city.territory().dwellings().get(0).id()));
            assertThat(first.getBean("privateStore", QuadStore.class).statistics())
                    .containsKey(dwellingGraph);

            // the second phase: derived consumption, each day's rolled up, the rollups flushed
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!loaded.toString().equals(state().getProperty("derived-until"))) {
                assertThat(System.nanoTime()).as("derived history within 120 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            QuadStore privateStore = first.getBean("privateStore", QuadStore.class);
            var derived = privateStore
                    .select("""
                            PREFIX sosa: <http://www.w3.org/ns/sosa/>
                            PREFIX time: <http://www.w3.org/2006/time#>
                            PREFIX prov: <http://www.w3.org/ns/prov#>
                            SELECT ?d (COUNT(?o) AS ?n) (SUM(?v) AS ?sum) WHERE {
                              GRAPH ?g { ?o sosa:hasSimpleResult ?v ; sosa:phenomenonTime/time:hasXSDDuration ?d
                                         FILTER EXISTS { ?o prov:wasDerivedFrom ?x } }
                              FILTER (?g != <%s>) # the worked example, loaded as it is
                            } GROUP BY ?d""".formatted(graphs.privateGraph("3f9a1c0e5b7d2a64")))
                    .rows();
            java.util.Map<String, String[]> byDuration = new java.util.HashMap<>();
            derived.forEach(r -> byDuration.put(r.get("d").getLiteralLexicalForm(), new String[] {
                r.get("n").getLiteralLexicalForm(), r.get("sum").getLiteralLexicalForm()
            }));
            assertThat(byDuration).containsKeys("P1D", "PT30M");
            var rollups = privateStore.select("""
                            PREFIX vc: <https://w3id.org/vivacite/ontology#>
                            SELECT (COUNT(DISTINCT ?r) AS ?n) (SUM(?s) AS ?sum) WHERE {
                              GRAPH ?g { ?r a vc:MeterDayRollup ; vc:rollupPart/vc:valueSum ?s } }""").rows().get(0);
            // one rollup per meter and day, whose sum is the day's derived consumption; nothing half-hourly
            assertThat(rollups.get("n").getLiteralLexicalForm())
                    .isEqualTo(byDuration.get("P1D")[0]);
            assertThat(new java.math.BigDecimal(rollups.get("sum").getLiteralLexicalForm()))
                    .isEqualByComparingTo(byDuration.get("P1D")[1]);
        }
        assertThat(output)
                .contains("Demo city: loading " + HISTORY_DAYS + " days of readings", "Demo city: history loaded");

        int before = output.toString().length();
        try (ConfigurableApplicationContext second = start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!output.toString().substring(before).contains("Demo city: devices now report")) {
                assertThat(System.nanoTime()).as("live again within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            String again = output.toString().substring(before);
            assertThat(again).contains("history already loaded up to " + loaded).doesNotContain("Demo city: loading");
            assertThat(again).as("registered once").doesNotContain("devices in the meter registry");
            assertThat(historyObservations(second, loaded)).isEqualTo(expected);

            // the live readings go through the real routes: wM-Bus over MQTT, TIC over HTTP, SenML over CoAP
            DemoCity city = second.getBean(DemoCity.class);
            org.vivacite.ingest.registry.MeterRegistry registry =
                    second.getBean(org.vivacite.ingest.registry.MeterRegistry.class);
            assertThat(city.fleet().meters()).allMatch(m -> registry.knows(m.id()));
            // only the demo's gateway may report its devices
            assertThat(registry.all()).allSatisfy(m -> assertThat(m.gateways()).containsExactly("demo-city"));
            io.micrometer.core.instrument.MeterRegistry metrics =
                    second.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            QuadStore privateStore = second.getBean("privateStore", QuadStore.class);
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(accepted(metrics, "mqtt") > 0
                    && accepted(metrics, "coap") > 0
                    && accepted(metrics, "http") > 0
                    && privateStore.ask(
                            "ASK { GRAPH ?g { ?o <http://www.w3.org/ns/prov#wasGeneratedBy> ?receipt } }"))) {
                assertThat(System.nanoTime())
                        .as("live readings through MQTT, CoAP and HTTP within 60 s")
                        .isLessThan(until);
                Thread.sleep(200);
            }
            // the demo's own gateway, on time: nothing refused as another gateway's or as from the future
            assertThat(metrics.find("vivacite.ingest.rejected").counters().stream()
                            .filter(c -> List.of("foreign-gateway", "future-time")
                                    .contains(c.getId().getTag("reason")))
                            .mapToDouble(io.micrometer.core.instrument.Counter::count)
                            .sum())
                    .isZero();
        }
    }

    /** Payloads of a source with readings taken, written or withheld by consent (outcome accepted or partial). */
    private static double accepted(io.micrometer.core.instrument.MeterRegistry metrics, String source) {
        return metrics.find("vivacite.ingest.messages").tag("source", source).counters().stream()
                .filter(c -> List.of("accepted", "partial").contains(c.getId().getTag("outcome")))
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    private LocalDate awaitHistory() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Path file = data.resolve("demo/city.properties");
            if (Files.exists(file) && state().getProperty("loaded-until") != null) {
                return LocalDate.parse(state().getProperty("loaded-until"));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the demo history was not loaded within 120 s");
    }

    private Properties state() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve("demo/city.properties"))) {
            p.load(r);
        }
        return p;
    }

    /** Observations of the demo city's devices before the start of {@code until} (live ones come after). */
    private static long historyObservations(ConfigurableApplicationContext context, LocalDate until) {
        QuadStore store = context.getBean("privateStore", QuadStore.class);
        GraphNames graphs = context.getBean(GraphNames.class);
        String end = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(until.atStartOfDay(DemoCity.ZONE));
        String example = graphs.privateGraph("3f9a1c0e5b7d2a64");
        Node n = store.select("""
                        PREFIX sosa: <http://www.w3.org/ns/sosa/>
                        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
                        SELECT (COUNT(?o) AS ?n) WHERE {
                          GRAPH ?g { ?o a sosa:Observation ; sosa:resultTime ?t
                                     FILTER NOT EXISTS { ?o <http://www.w3.org/ns/prov#wasDerivedFrom> ?r } }
                          FILTER (?g != <%s> && ?t < "%s"^^xsd:dateTime)
                        }""".formatted(example, end)).rows().get(0).get("n");
        return Long.parseLong(n.getLiteralLexicalForm());
    }
}
