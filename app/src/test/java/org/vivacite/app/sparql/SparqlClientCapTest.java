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
        registry.add("vivacite.sparql.timeout", () -> "3s");
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
        Thread.sleep(700); // both are running
        HttpResponse<String> third = Sparql.query(endpoint, "ASK {}", "application/sparql-results+json");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.body()).contains("too many queries at once from 127.0.0.1", "at most 2");
        HttpResponse<String> graphStore =
                Sparql.get("http://127.0.0.1:" + port + "/data?default", "application/n-triples");
        assertThat(graphStore.statusCode())
                .as("the Graph Store counts in the same cap")
                .isEqualTo(429);
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
