package org.vivacite.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;

/**
 * The server's ingest wiring over real HTTP: {@code /admin/meters}, {@code /admin/deadletter}, the
 * {@code Ingest} bean, and its counters at {@code /actuator/prometheus}. One scenario, in order: a
 * reading of an unknown sensor is quarantined, registering the sensor writes it.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENSOR = "0024befffe804ff1";
    private static final String ROW =
            SENSOR + ",ACME,none,D-0001,room-sensor,roomTemperature,senml,,,PT30M,2026-01-01,,gw-1,,";
    private static final String GATEWAY_TOKEN = "gw-1-token-0123456789abcdef";
    private static final String INTRUDER_TOKEN = "gw-intruder-token-0123456789";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path data;

    private static String operator;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.security.gateway-tokens.gw-1", () -> GATEWAY_TOKEN);
        registry.add("vivacite.security.gateway-tokens.gw-intruder", () -> INTRUDER_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    Ingest ingest;

    @Autowired
    IngestPipeline pipeline;

    @BeforeAll
    static void operatorToken(@Autowired VivaciteProperties properties) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties.data().resolve("credentials"))) {
            p.load(r);
        }
        operator = p.getProperty("operator-token");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Envelope temperature(Instant at, String value) {
        byte[] pack = ("[{\"bn\":\"urn:dev:mac:" + SENSOR + ":\",\"bt\":" + at.getEpochSecond()
                        + ",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":" + value + "}]")
                .getBytes(StandardCharsets.UTF_8);
        return Envelope.of(Format.SENML, "test", "gw-1", NOW, pack);
    }

    private String prometheus() {
        return Http.get(url("/actuator/prometheus")).body();
    }

    @Test
    @Order(1)
    void theIngestBeanIsThePipeline() {
        assertThat(ingest).isSameAs(pipeline);
    }

    @Test
    @Order(2)
    void metersNeedTheOperatorToken() {
        assertThat(Http.get(url("/admin/meters")).statusCode()).isEqualTo(401);
        assertThat(Http.post(url("/admin/meters"), ROW, "Content-Type", "text/csv")
                        .statusCode())
                .isEqualTo(401);
        assertThat(Http.get(url("/admin/deadletter")).statusCode()).isEqualTo(401);
        assertThat(Http.post(url("/admin/deadletter/replay"), "").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aReadingOfAnUnknownSensorIsQuarantinedCountedAndListedWithoutItsPayload() throws Exception {
        Outcome o = ingest.accept(temperature(NOW.minus(Duration.ofHours(1)), "21.5"));
        assertThat(o.accepted()).isZero();
        assertThat(o.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("unknown-meter"));
        assertThat(prometheus())
                .containsPattern("vivacite_ingest_rejected_total\\{reason=\"unknown-meter\",source=\"test\"} 1\\.0");

        HttpResponse<String> list = Http.get(url("/admin/deadletter"), "Authorization", "Bearer " + operator);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode letters = JSON.readTree(list.body());
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("id").asText())
                .isEqualTo(o.rejections().get(0).deadLetterId());
        assertThat(letters.get(0).path("reason").asText()).isEqualTo("unknown-meter");
        assertThat(letters.get(0).path("gateway").asText()).isEqualTo("gw-1");
        assertThat(list.body()).doesNotContain("temperature").doesNotContain("payloadText");

        assertThat(JSON.readTree(
                        Http.get(url("/admin/deadletter?reason=undecodable"), "Authorization", "Bearer " + operator)
                                .body()))
                .isEmpty();
    }

    @Test
    @Order(4)
    void aBadCsvIsRefusedWithTheLineAndColumn() throws Exception {
        HttpResponse<String> r = Http.post(
                url("/admin/meters"),
                String.join(",", MeterCsv.COLUMNS) + "\n" + ROW.replace(",none,", ",plasma,"),
                "Authorization",
                "Bearer " + operator,
                "Content-Type",
                "text/csv");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("detail").asText())
                .startsWith("request body line 2: fluid 'plasma' is not one of");
        assertThat(pipeline.registry().size()).isZero();
    }

    @Test
    @Order(5)
    void registeringTheSensorWritesWhatWasQuarantined() throws Exception {
        HttpResponse<String> r = Http.post(
                url("/admin/meters"),
                String.join(",", MeterCsv.COLUMNS) + "\n" + ROW + "\n",
                "Authorization",
                "Bearer " + operator,
                "Content-Type",
                "text/csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("registered").asInt()).isEqualTo(1);
        assertThat(answer.path("replayed").asInt()).isEqualTo(1);
        assertThat(answer.path("resolved").asInt()).isEqualTo(1);
        assertThat(answer.path("waiting").asInt()).isZero();
        assertThat(pipeline.deadLetters().size()).isZero();
        assertThat(data.resolve("meters.csv")).exists();
    }

    @Test
    @Order(6)
    void theRegistryIsCsvOrJsonByAccept() throws Exception {
        HttpResponse<String> csv =
                Http.get(url("/admin/meters"), "Authorization", "Bearer " + operator, "Accept", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(MeterCsv.parse(csv.body(), "answer"))
                .isEqualTo(MeterCsv.parse(String.join(",", MeterCsv.COLUMNS) + "\n" + ROW, "row"));

        HttpResponse<String> json =
                Http.get(url("/admin/meters"), "Authorization", "Bearer " + operator, "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode meters = JSON.readTree(json.body());
        assertThat(meters).hasSize(1);
        assertThat(meters.get(0).path("meter_id").asText()).isEqualTo(SENSOR);
        assertThat(meters.get(0).path("consent").asText()).isEqualTo("PT30M");
        assertThat(meters.get(0).path("active_from").asText()).isEqualTo("2026-01-01");
        assertThat(meters.get(0).path("gateways").asText()).isEqualTo("gw-1");
        assertThat(meters.get(0).has("building")).as("empty column left out").isFalse();
    }

    @Test
    @Order(7)
    void readingsOfARegisteredSensorAreWrittenAndCounted() {
        // on a step of its PT30M consent: written; seven seconds later: withheld, and counted why,
        // as withheld only: accepted counts the one reading written
        Instant onStep = NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(90));
        Outcome o = ingest.accept(temperature(onStep, "21.7"));
        Outcome between = ingest.accept(temperature(onStep.plusSeconds(7), "21.8"));
        assertThat(o.accepted()).isEqualTo(1);
        assertThat(between.rejected()).isZero();
        assertThat(between.accepted()).isZero();
        assertThat(between.withheld()).isEqualTo(1);
        assertThat(prometheus())
                .containsPattern("vivacite_ingest_readings_total\\{outcome=\"accepted\",source=\"test\"} 1\\.0")
                .doesNotContain("outcome=\"withheld\"")
                .containsPattern("vivacite_ingest_withheld_total\\{reason=\"between-steps\",source=\"test\"} 1\\.0");
    }

    @Test
    @Order(8)
    void replayByReasonAnswersWhatItDidAndAnUnknownReasonNamesTheValidOnes() throws Exception {
        ingest.accept(Envelope.of(Format.SENML, "test", "gw-1", NOW, "not senml".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> r = Http.post(
                url("/admin/deadletter/replay?reason=undecodable"), "", "Authorization", "Bearer " + operator);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode replay = JSON.readTree(r.body());
        assertThat(replay.path("tried").asInt()).isEqualTo(1);
        assertThat(replay.path("resolved").asInt()).isZero();
        assertThat(replay.path("failed").asInt()).isEqualTo(1);

        HttpResponse<String> bad =
                Http.post(url("/admin/deadletter/replay?reason=garbled"), "", "Authorization", "Bearer " + operator);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText())
                .contains("unknown reason 'garbled'")
                .contains("unknown-meter");
    }

    @Test
    @Order(9)
    void overHttpOnlyTheGatewayTheSensorsRowListsMayReportIt() throws Exception {
        // on a step of the sensor's PT30M consent, so that the own gateway's reading is written, not
        // withheld; a time no earlier test of this class writes at (theirs are within 90 minutes)
        Instant at = NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(150));
        String pack = "[{\"bn\":\"urn:dev:mac:" + SENSOR + ":\",\"bt\":" + at.getEpochSecond()
                + ",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":";

        HttpResponse<String> intruder = Http.post(
                url("/ingest/senml"),
                pack + "35.0}]",
                "Authorization",
                "Bearer " + INTRUDER_TOKEN,
                "Content-Type",
                "application/senml+json");
        HttpResponse<String> own = Http.post(
                url("/ingest/senml"),
                pack + "20.5}]",
                "Authorization",
                "Bearer " + GATEWAY_TOKEN,
                "Content-Type",
                "application/senml+json");

        assertThat(intruder.statusCode()).isEqualTo(202);
        JsonNode refused = JSON.readTree(intruder.body());
        assertThat(refused.path("accepted").asInt()).isZero();
        assertThat(refused.path("rejections").get(0).path("reason").asText()).isEqualTo("foreign-gateway");
        assertThat(refused.path("rejections").get(0).path("detail").asText())
                .contains("gw-intruder")
                .contains(SENSOR);
        assertThat(own.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(own.body());
        assertThat(accepted.path("accepted").asInt()).as(own.body()).isEqualTo(1);
        assertThat(accepted.path("rejected").asInt())
                .as("not conflicting-value")
                .isZero();
        assertThat(prometheus())
                .containsPattern("vivacite_ingest_rejected_total\\{reason=\"foreign-gateway\",source=\"http\"} 1\\.0");
    }
}
