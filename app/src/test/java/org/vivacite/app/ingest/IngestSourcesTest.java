package org.vivacite.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.source.IngestRate;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.feed.FeedException;
import org.vivacite.simulator.feed.MqttFeed;

/**
 * The sources in the running server, with a test pipeline as the {@link Ingest} bean: HTTP, the
 * embedded MQTT broker with a gateway logging in with its token, plain CoAP, the drop folders, and
 * the counters at {@code /actuator/prometheus}. Everything on loopback, on free ports.
 */
@SpringBootTest(
        classes = {VivaciteServer.class, IngestSourcesTest.Pipeline.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class IngestSourcesTest {

    private static final String GATEWAY = "gw-http";
    private static final String TOKEN = "gw-http-token-0123456789";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.security.gateway-tokens." + GATEWAY, () -> TOKEN);
        registry.add("vivacite.mqtt.port", () -> "0");
        registry.add("vivacite.coap.port", () -> "0");
        registry.add("vivacite.coap.secure-host", () -> "127.0.0.1");
        registry.add("vivacite.coap.secure-port", () -> "0");
        registry.add("vivacite.coap.psk.gw-coap", () -> "00112233445566778899aabbccddeeff");
        registry.add("vivacite.ingest.max-payload", () -> "1KB");
        registry.add("vivacite.ingest.inbox-poll", () -> "200ms");
    }

    /** The pipeline as these tests need it: records, answers a given outcome, or throws. */
    static final class TestIngest implements Ingest {
        final ConcurrentLinkedQueue<Envelope> accepted = new ConcurrentLinkedQueue<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicReference<Supplier<RuntimeException>> failure = new AtomicReference<>();

        void failNext(Supplier<RuntimeException> what) {
            failure.set(what);
            failuresLeft.set(1);
        }

        @Override
        public Outcome accept(Envelope envelope) {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw failure.get().get();
            }
            accepted.add(envelope);
            return new Outcome(2, 1, List.of(new Outcome.Rejection("dl-1", "unknown meter", null)));
        }

        @Override
        public Outcome tooLarge(Envelope head, long size) {
            accepted.add(head);
            return new Outcome(0, 1, List.of(new Outcome.Rejection("dl-2", "too-large", size + " bytes")));
        }

        List<Envelope> from(String source) {
            return accepted.stream().filter(e -> e.source().equals(source)).toList();
        }
    }

    @TestConfiguration
    static class Pipeline {
        @Bean
        @org.springframework.context.annotation.Primary
        TestIngest testIngest() {
            return new TestIngest();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    TestIngest ingest;

    @Autowired
    IngestSources sources;

    @BeforeEach
    void clear() {
        ingest.accepted.clear();
        ingest.failuresLeft.set(0);
    }

    private HttpResponse<String> post(String path, String body, String... headers) {
        return Http.post("http://127.0.0.1:" + port + path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private HttpResponse<String> postAsGateway(String path, String body) {
        return post(path, body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/senml+json");
    }

    @Test
    void httpAcceptsAfterCommitWithTheCountsAndTheGatewayFromTheToken() throws Exception {
        HttpResponse<String> response = postAsGateway("/ingest/senml", "[{\"n\":\"t\",\"v\":1}]");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        assertThat(body.path("rejections").get(0).path("reason").asText()).isEqualTo("unknown meter");
        assertThat(body.path("rejections").get(0).path("deadLetterId").asText()).isEqualTo("dl-1");
        Envelope e = ingest.from("http").get(0);
        assertThat(e.format()).isEqualTo(Format.SENML);
        assertThat(e.gateway()).isEqualTo(GATEWAY);
        assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("[{\"n\":\"t\",\"v\":1}]");
    }

    @Test
    void httpRefusesAnUnknownFormat() throws Exception {
        HttpResponse<String> response = postAsGateway("/ingest/zigbee", "x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("unknown format 'zigbee'");
        assertThat(ingest.accepted).isEmpty();
    }

    @Test
    void httpNeedsAGatewayToken() {
        assertThat(post("/ingest/senml", "[]").statusCode()).isEqualTo(401);
        assertThat(post("/ingest/senml", "[]", "Authorization", "Bearer not-a-token")
                        .statusCode())
                .isEqualTo(401);
        assertThat(ingest.accepted).isEmpty();
    }

    @Test
    void httpRefusesABodyPastTheLimitAndHandsItsHeadToThePipeline() {
        HttpResponse<String> response = postAsGateway("/ingest/csv", "x".repeat(1025));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("vivacite.ingest.max-payload").contains("dl-2");
        assertThat(ingest.from("http"))
                .singleElement()
                .satisfies(head -> assertThat(head.payload()).hasSize(1024));
        assertThat(postAsGateway("/ingest/csv", "x".repeat(1024)).statusCode()).isEqualTo(202);
    }

    @Test
    void httpAnswersBadRequestWithTheReasonForAnUnreadableBody() throws Exception {
        ingest.failNext(() -> new DecodeException("Data Connect: not JSON"));
        HttpResponse<String> response = postAsGateway("/ingest/dataconnect", "{");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).isEqualTo("Data Connect: not JSON");
    }

    @Test
    void httpAnswersRetryLaterWhenTheStoreFails() {
        ingest.failNext(() -> new IllegalStateException("LMDB commit failed"));
        HttpResponse<String> response = postAsGateway("/ingest/tic", "frames");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.body()).doesNotContain("LMDB");
        assertThat(ingest.accepted).isEmpty();
    }

    @Test
    void mqttGatewayLogsInWithItsTokenAndItsMessagesReachThePipeline() {
        String broker = sources.embeddedBrokerUrl();
        assertThat(broker).startsWith("tcp://127.0.0.1:");
        try (MqttFeed feed = new MqttFeed(broker, GATEWAY, TOKEN)) {
            feed.send(WireFormat.WMBUS, "text/plain", "2C4465328218".getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !ingest.from("mqtt").isEmpty());
        Envelope e = ingest.from("mqtt").get(0);
        assertThat(e.format()).isEqualTo(Format.WMBUS);
        assertThat(e.gateway()).isEqualTo(GATEWAY);
    }

    @Test
    void healthHasTheMqttConsumerUpWhileItIsSubscribedWithoutDetails() throws Exception {
        JsonNode mqtt = JSON.readTree(Http.get("http://127.0.0.1:" + port + "/actuator/health")
                        .body())
                .path("components")
                .path("mqtt");
        assertThat(mqtt.path("status").asText()).isEqualTo("UP");
        assertThat(mqtt.has("details")).isFalse();
    }

    @Test
    void everyGatewayHasTheDocumentedIngestRateByDefault(@Autowired IngestRate rate) {
        assertThat(rate.perSecond()).isEqualTo(50);
        assertThat(rate.burst()).isEqualTo(200);
    }

    @Test
    void mqttBrokerRefusesAWrongToken() {
        assertThatThrownBy(() -> new MqttFeed(sources.embeddedBrokerUrl(), GATEWAY, "wrong-token"))
                .isInstanceOf(FeedException.class);
    }

    /**
     * The broker's packet limit is {@code vivacite.ingest.max-payload} (1 KB here) and 64 KiB: a
     * publication announcing one byte more closes the gateway's connection at once (with the default
     * 16 MB it would wait for the rest) and is counted at {@code /actuator/prometheus}.
     */
    @Test
    void mqttPacketLargerThanTheMaxPayloadAndHeaderRoomClosesTheConnectionAndIsCounted() throws Exception {
        URI broker = URI.create(sources.embeddedBrokerUrl());
        try (Socket raw = new Socket(broker.getHost(), broker.getPort())) {
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            connect.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60});
            for (String field : List.of(GATEWAY + "/raw", GATEWAY, TOKEN)) {
                connect.write(0);
                connect.write(field.length());
                connect.write(field.getBytes(StandardCharsets.US_ASCII));
            }
            out.write(0x10);
            out.write(connect.size());
            connect.writeTo(out);
            out.flush();
            InputStream in = raw.getInputStream();
            assertThat(in.readNBytes(4)).as("CONNACK, accepted").containsExactly(0x20, 2, 0, 0);

            int announced = 1024 + 64 * 1024 + 1;
            out.write(new byte[] {
                0x32, (byte) (announced % 128 | 0x80), (byte) (announced / 128 % 128 | 0x80), (byte) (announced / 16384)
            });
            out.flush();
            assertThat(in.read()).as("closed by the broker").isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Http.get("http://127.0.0.1:" + port + "/actuator/prometheus")
                        .body()
                        .contains("vivacite_ingest_oversized_total{gateway=\"" + GATEWAY + "\",source=\"mqtt\"} 1.0"));
    }

    @Test
    void coapIsAnsweredChangedWithTheCounts() throws Exception {
        CoapClient client = new CoapClient("coap://127.0.0.1:" + sources.coapPort() + "/ingest/senml?gw=gw-7");
        client.setEndpoint(CoapEndpoint.builder()
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                .build());
        client.setTimeout(10_000L);
        try {
            CoapResponse response =
                    client.post("[]".getBytes(StandardCharsets.US_ASCII), MediaTypeRegistry.APPLICATION_SENML_JSON);
            assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(response.getResponseText()).isEqualTo("{\"accepted\":2,\"rejected\":1}");
        } finally {
            client.getEndpoint().destroy();
            client.shutdown();
        }
        assertThat(ingest.from("coap"))
                .singleElement()
                .extracting(Envelope::gateway)
                .isEqualTo("gw-7");
        assertThat(sources.coapSecurePort()).isPositive();
    }

    @Test
    void droppedFileIsReadAndMovedToDone() throws Exception {
        Path dir = Files.createDirectories(data.resolve("inbox/csv"));
        Path tmp = Files.writeString(dir.resolve("export.csv.tmp"), "meter;time;value\n");
        Files.move(tmp, dir.resolve("export.csv"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("done/export.csv")));
        assertThat(ingest.from("file"))
                .singleElement()
                .extracting(Envelope::format)
                .isEqualTo(Format.CSV);
    }

    @Test
    void prometheusCountsMessagesBySourceAndOutcome() {
        postAsGateway("/ingest/senml", "[]");
        HttpResponse<String> metrics = Http.get("http://127.0.0.1:" + port + "/actuator/prometheus");
        assertThat(metrics.body())
                .containsPattern(
                        "vivacite_ingest_messages_total\\{[^}]*outcome=\"partial\",source=\"http\"[^}]*} [1-9]");
    }
}
