package org.vivacite.app.sparql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;

/**
 * The limits that keep the endpoint up: a time limit that really stops the work, a cap on results,
 * a cap on one client's queries, and health answering while eight clients send expensive queries.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SparqlLimitsTest {

    /** Every triple of the vocabulary three times over: billions of rows, never finished in time. */
    static final String CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a";
    /** An unbounded property path in both directions over the whole store. */
    static final String PATHS =
            "SELECT (COUNT(*) AS ?n) WHERE { ?s (<http://x/>|!<http://x/>)* ?o . ?o (^!<http://x/>)* ?t }";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.sparql.timeout", () -> "2s");
        registry.add("vivacite.sparql.max-results", () -> "7");
        registry.add("vivacite.sparql.max-queries-per-client", () -> "8");
        registry.add("vivacite.sparql.max-running-queries", () -> "2");
        registry.add("vivacite.sparql.max-query-size", () -> "64KB");
    }

    @LocalServerPort
    int port;

    private String endpoint() {
        return "http://127.0.0.1:" + port + "/sparql";
    }

    @Test
    void theTimeLimitStopsAnExpensiveQueryWithAClearAnswer() {
        long started = System.nanoTime();
        HttpResponse<String> r = Sparql.query(endpoint(), CARTESIAN, "application/sparql-results+json");
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("stopped after its time limit of 2 s", "vivacite.sparql.timeout");
        assertThat(seconds).as("stopped, not run to the end").isLessThan(30);
    }

    @Test
    void refusesAQueryLargerThanTheSizeLimitWith413WithoutKeepingOthersWaiting() throws Exception {
        String comment = "# " + "x".repeat(8 * 1024 * 1024) + "\nASK {}";
        List<CompletableFuture<HttpResponse<String>>> large = List.of(
                CompletableFuture.supplyAsync(() -> Sparql.postQuery(
                        endpoint(), comment, "application/sparql-query", "application/sparql-results+json")),
                CompletableFuture.supplyAsync(() -> Sparql.postQuery(
                        endpoint(), comment, "application/sparql-query", "application/sparql-results+json")),
                CompletableFuture.supplyAsync(() -> Sparql.postForm(
                        endpoint(), "query=" + Sparql.encode(comment), "application/sparql-results+json")));

        HttpResponse<String> meanwhile = Sparql.query(endpoint(), "ASK {}", "application/sparql-results+json");

        assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> refused : large) {
            HttpResponse<String> r = refused.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("larger than 64 KB", "vivacite.sparql.max-query-size");
        }
    }

    @Test
    void stopsACatastrophicRegularExpressionWithinItsTimeLimitAndASecond() {
        String query =
                "SELECT * WHERE { BIND(\"" + "a".repeat(64) + "\" AS ?s) FILTER(REGEX(?s, \"(.*){1,32000}[bc]\")) }";
        long started = System.nanoTime();
        HttpResponse<String> r =
                Sparql.postQuery(endpoint(), query, "application/sparql-query", "application/sparql-results+json");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("stopped after its time limit of 2 s", "vivacite.sparql.timeout");
        assertThat(took).as("the contract: the limit and a second").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theGraphStoreIsCutAtTheResultLimitToo() {
        HttpResponse<String> r = Sparql.get("http://127.0.0.1:" + port + "/data?default", "application/n-triples");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().lines().filter(l -> !l.isBlank())).hasSize(7);
    }

    @Test
    void answersAreCutAtTheResultLimit() throws Exception {
        HttpResponse<String> r =
                Sparql.query(endpoint(), "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).get("results").get("bindings"))
                .hasSize(7);
        HttpResponse<String> small =
                Sparql.query(endpoint(), "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "application/sparql-results+json");
        assertThat(new ObjectMapper().readTree(small.body()).get("results").get("bindings"))
                .hasSize(3);
    }

    @Test
    void healthAnswersWithinASecondWhileEightClientsSendExpensiveQueries() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<List<Integer>>> work = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String query = c % 2 == 0 ? CARTESIAN : PATHS;
            work.add(CompletableFuture.supplyAsync(
                    () -> {
                        List<Integer> statuses = new ArrayList<>();
                        while (running.get()) {
                            statuses.add(Sparql.query(endpoint(), query, "application/sparql-results+json")
                                    .statusCode());
                        }
                        return statuses;
                    },
                    clients));
        }
        try {
            Thread.sleep(1_000); // the queries are running
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                HttpResponse<String> health = Http.get("http://127.0.0.1:" + port + "/actuator/health");
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertThat(health.statusCode()).isEqualTo(200);
                worst = Math.max(worst, millis);
                Thread.sleep(250);
            }
            System.out.printf("health under 8 expensive clients: worst %d ms of 20%n", worst);
            assertThat(worst).as("slowest /actuator/health, ms").isLessThan(1_000);
        } finally {
            running.set(false);
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<List<Integer>> w : work) {
            statuses.addAll(w.get());
        }
        clients.shutdown();
        assertThat(statuses).isNotEmpty().allMatch(s -> s == 503 || s == 200);
        assertThat(statuses).contains(503);
    }
}
