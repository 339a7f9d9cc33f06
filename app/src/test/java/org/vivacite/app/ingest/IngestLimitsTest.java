package org.vivacite.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;

/**
 * What a hostile or broken gateway can make of {@code POST /ingest/{format}} and the dead-letter
 * store, with the real pipeline over real HTTP: a payload's rejects are one letter, a gateway's
 * letters are bounded by its quota (beyond, 429 and a counter per gateway), an over-size body is
 * refused and its head kept, an unreadable body is a 400 and kept, a multipart body is refused.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class IngestLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "operator-token-0123456789abcdef";
    /** The quota of every gateway in these tests: 3 letters, 1 MiB (room for a letter of the largest body). */
    private static final int GATEWAY_LETTERS = 3;

    private static final long GATEWAY_BYTES = 1024 * 1024;

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.security.operator-token", () -> OPERATOR);
        for (String gateway : List.of("gw-rows", "gw-quota", "gw-bytes", "gw-large", "gw-junk", "gw-form")) {
            registry.add("vivacite.security.gateway-tokens." + gateway, () -> token(gateway));
        }
        registry.add("vivacite.ingest.max-payload", () -> "256KB");
        registry.add("vivacite.ingest.dead-letters.gateway-letters", () -> Integer.toString(GATEWAY_LETTERS));
        registry.add("vivacite.ingest.dead-letters.gateway-size", () -> GATEWAY_BYTES + "B");
        registry.add("vivacite.ingest.dead-letters.retry-after", () -> "10m");
        registry.add("vivacite.mqtt.enabled", () -> "false");
        registry.add("vivacite.coap.enabled", () -> "false");
        registry.add("vivacite.ingest.inbox", () -> "false");
    }

    @LocalServerPort
    int port;

    private static String token(String gateway) {
        return gateway + "-token-0123456789abcdef";
    }

    private HttpResponse<String> post(String gateway, String format, byte[] body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + token(gateway)));
        all.addAll(List.of(headers));
        return Http.post("http://127.0.0.1:" + port + "/ingest/" + format, body, all.toArray(String[]::new));
    }

    /** The waiting letters of a gateway, as {@code /admin/deadletter} lists them. */
    private List<JsonNode> letters(String gateway) throws IOException {
        HttpResponse<String> r =
                Http.get("http://127.0.0.1:" + port + "/admin/deadletter", "Authorization", "Bearer " + OPERATOR);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        JSON.readTree(r.body()).forEach(l -> {
            if (gateway.equals(l.path("gateway").asText())) {
                mine.add(l);
            }
        });
        return mine;
    }

    private static long files() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("deadletter"))) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    /** A DSO CSV of {@code rows} rows that are not DSO rows at all. */
    private static byte[] junkCsv(int rows) {
        StringBuilder csv = new StringBuilder("usage_point_id;start;end;value;unit\n");
        for (int i = 0; i < rows; i++) {
            csv.append("x\n");
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void twentyThousandJunkCsvRowsInOnePayloadBecomeOneLetterWithEveryRowsReason() throws Exception {
        long before = files();

        HttpResponse<String> r = post("gw-rows", "csv", junkCsv(20_000));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(files() - before).as("files in the dead-letter store").isEqualTo(1);
        List<JsonNode> letters = letters("gw-rows");
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("units").asInt()).isEqualTo(20_000);
        assertThat(letters.get(0).path("reasons").path("undecodable").asInt()).isEqualTo(20_000);
    }

    @Test
    void aGatewayOverItsLetterQuotaIsToldToRetryLaterCountedAndTheStoreStaysWithinIt() throws Exception {
        for (int i = 0; i < GATEWAY_LETTERS; i++) {
            assertThat(post("gw-quota", "senml", ("not senml " + i).getBytes(StandardCharsets.US_ASCII))
                            .statusCode())
                    .isEqualTo(400);
        }
        HttpResponse<String> refused = post("gw-quota", "senml", "not senml 3".getBytes(StandardCharsets.US_ASCII));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("600");
        assertThat(JSON.readTree(refused.body()).path("detail").asText())
                .contains("gw-quota")
                .contains("vivacite.ingest.dead-letters.gateway-letters");
        assertThat(letters("gw-quota")).hasSize(GATEWAY_LETTERS);
        assertThat(Http.get("http://127.0.0.1:" + port + "/actuator/prometheus").body())
                .containsPattern("vivacite_ingest_quota_refused_total\\{gateway=\"gw-quota\",source=\"http\"} 1\\.0")
                .containsPattern("vivacite_ingest_messages_total\\{outcome=\"over-quota\",source=\"http\"} [1-9]")
                .containsPattern("vivacite_deadletter_letters [1-9]");
        // another gateway is not held back by this one's letters
        assertThat(post("gw-junk", "senml", "not senml".getBytes(StandardCharsets.US_ASCII))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aGatewayOverItsByteQuotaIsToldToRetryLaterAndItsLettersStayWithinIt() throws Exception {
        byte[] junk = junkCsv(100_000); // 200 KB: two letters of it and the room for a third pass 1 MiB
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(post("gw-bytes", "csv", junk).statusCode());
        }

        assertThat(statuses).contains(429).doesNotContain(202, 500, 503);
        long kept = letters("gw-bytes").stream()
                .mapToLong(l -> l.path("storedBytes").asLong())
                .sum();
        assertThat(kept).isPositive().isLessThanOrEqualTo(GATEWAY_BYTES);
    }

    @Test
    void anOverSizeBodyIsRefusedTooLargeAndItsHeadIsKeptWithItsSize() throws Exception {
        byte[] body = junkCsv(150_000); // 300 KB, past 256 KB

        HttpResponse<String> r = post("gw-large", "csv", body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("vivacite.ingest.max-payload");
        List<JsonNode> letters = letters("gw-large");
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("reason").asText()).isEqualTo("too-large");
        assertThat(letters.get(0).path("truncated").asBoolean()).isTrue();
        assertThat(letters.get(0).path("payloadBytes").asInt()).isEqualTo(256 * 1024);
        assertThat(letters.get(0).path("size").asLong()).isEqualTo(body.length);
        assertThat(letters.get(0).path("storedBytes").asLong()).isLessThan(GATEWAY_BYTES);
    }

    @Test
    void aWhollyUnreadableBodyIsABadRequestNamingWhyAndIsKept() throws Exception {
        HttpResponse<String> r = post("gw-junk", "dataconnect", "{".getBytes(StandardCharsets.US_ASCII));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("detail").asText()).containsIgnoringCase("json");
        String id = problem.path("deadLetterId").asText();
        assertThat(letters("gw-junk")).anySatisfy(l -> {
            assertThat(l.path("id").asText()).isEqualTo(id);
            assertThat(l.path("reason").asText()).isEqualTo("undecodable");
        });
    }

    @Test
    void aMultipartBodyIsRefusedNamingTheContentTypesTaken() throws Exception {
        String boundary = "b0undary";
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nusage_point_id;start;end;value;unit\r\n";
        // a whole form, and one cut short as an interrupted upload is
        for (String body : List.of(part, part + "--" + boundary + "--\r\n")) {
            HttpResponse<String> r = post(
                    "gw-form",
                    "csv",
                    body.getBytes(StandardCharsets.US_ASCII),
                    "Content-Type",
                    "multipart/form-data; boundary=" + boundary);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
            assertThat(JSON.readTree(r.body()).path("detail").asText())
                    .contains("multipart/form-data")
                    .contains("text/csv");
        }
        assertThat(letters("gw-form")).isEmpty();
    }
}
