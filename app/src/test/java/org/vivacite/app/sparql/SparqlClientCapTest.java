package org.vivacite.app.sparql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;

/** One client may have only so many queries at once: beyond, 429 with Retry-After. */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SparqlClientCapTest {

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        // Long enough for the queries below to be sent while the two slow ones still run, on a busy machine.
        registry.add("vivacite.sparql.timeout", () -> "8s");
        registry.add("vivacite.sparql.max-queries-per-client", () -> "2");
        registry.add("vivacite.sparql.max-running-queries", () -> "4");
    }

    @LocalServerPort
    int port;

    @Test
    void aClientBeyondItsCapGets429WithRetryAfter() throws Exception {
        String endpoint = "http://127.0.0.1:" + port + "/sparql";
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(CompletableFuture.supplyAsync(
                    () -> Sparql.query(endpoint, SparqlLimitsTest.CARTESIAN, "application/sparql-results+json")));
        }
        // Once both are running (the machine may be busy: ask until they are, within their time limit).
        HttpResponse<String> third;
        long giveUp = System.nanoTime() + 6_000_000_000L;
        do {
            Thread.sleep(200);
            third = Sparql.query(endpoint, "ASK {}", "application/sparql-results+json");
        } while (third.statusCode() == 200 && System.nanoTime() < giveUp);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.body()).contains("too many queries at once from 127.0.0.1", "at most 2");
        HttpResponse<String> description = Sparql.get("http://127.0.0.1:" + port + "/id/commune/38185", "text/turtle");
        assertThat(description.statusCode())
                .as("the linked-data descriptions count in the same cap")
                .isEqualTo(429);
        assertThat(description.headers().firstValue("Retry-After")).hasValue("1");
        HttpResponse<String> graphStore =
                Sparql.get("http://127.0.0.1:" + port + "/data?default", "application/n-triples");
        assertThat(graphStore.statusCode()).as("so does the Graph Store").isEqualTo(429);
        assertThat(graphStore.body()).contains("too many queries at once from 127.0.0.1");
        for (CompletableFuture<HttpResponse<String>> s : slow) {
            assertThat(s.get().statusCode()).isEqualTo(503);
        }
        assertThat(Sparql.query(endpoint, "ASK {}", "application/sparql-results+json")
                        .statusCode())
                .as("once they have finished")
                .isEqualTo(200);
    }
}
