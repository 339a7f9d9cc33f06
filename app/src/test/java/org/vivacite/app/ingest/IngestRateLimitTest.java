package org.vivacite.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.corpus.BadInputCorpus;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;

/**
 * The ingest rate of a gateway in the real server, over real HTTP, plain CoAP and the embedded MQTT
 * broker on loopback, at 1 payload a second, 2 at once: one rate for a gateway over every source;
 * beyond it {@code 429}/{@code 4.29}/{@code 0x87} with the time to send again, nothing of the
 * payload read nor kept, a counter per source and gateway; other gateways go on meanwhile.
 *
 * <p>Not timed: the counts are bounded by the seconds measured (a gateway has at most its burst
 * and one token per second elapsed).
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class IngestRateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLOOD = "gw-flood";
    private static final String CALM = "gw-calm";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.security.operator-token", () -> "operator-token-0123456789abcdef");
        for (String gateway : List.of(FLOOD, CALM)) {
            registry.add("vivacite.security.gateway-tokens." + gateway, () -> token(gateway));
        }
        registry.add("vivacite.ingest.rate.payloads-per-second", () -> "1");
        registry.add("vivacite.ingest.rate.burst", () -> "2");
        registry.add("vivacite.mqtt.port", () -> "0");
        registry.add("vivacite.coap.port", () -> "0");
        registry.add("vivacite.coap.secure-port", () -> "0");
        registry.add("vivacite.ingest.inbox", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    IngestSources sources;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeadLetterStore deadLetters;

    private static String token(String gateway) {
        return gateway + "-token-0123456789abcdef";
    }

    private HttpResponse<String> post(String gateway, byte[] body) {
        return Http.post(
                "http://127.0.0.1:" + port + "/ingest/senml",
                body,
                "Authorization",
                "Bearer " + token(gateway),
                "Content-Type",
                "application/senml+json");
    }

    private CoapClient coap(String gateway) {
        CoapClient c = new CoapClient("coap://127.0.0.1:" + sources.coapPort() + "/ingest/senml?gw=" + gateway);
        c.setEndpoint(CoapEndpoint.builder()
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                .build());
        c.setTimeout(10_000L);
        return c;
    }

    private MqttAsyncClient mqtt(String gateway) throws MqttException {
        MqttAsyncClient client =
                new MqttAsyncClient(sources.embeddedBrokerUrl(), gateway + "/rate-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(gateway);
        options.setPassword(token(gateway).getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static int reasonCode(IMqttToken token) {
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException e) {
            return Math.max(0x80, e.getReasonCode());
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    private static long secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000_000L;
    }

    private String prometheus() {
        return Http.get("http://127.0.0.1:" + port + "/actuator/prometheus").body();
    }

    @Test
    void aGatewayBeyondItsRateIsRefusedOverHttpCoapAndMqttAlikeWhileAnotherIsAcceptedAndLaterItIsAgain()
            throws Exception {
        BadInputCorpus corpus = BadInputCorpus.generate();
        meters.register(MeterCsv.parse(corpus.registryCsv(), "the corpus registry"));
        byte[] reading = corpus.valid().stream()
                .filter(g -> g.format() == Format.SENML)
                .findFirst()
                .orElseThrow()
                .payload();
        int lettersBefore = letters(FLOOD);

        // over HTTP: junk, so what is read of it is kept as a dead letter and what is refused is not
        List<HttpResponse<String>> http = new ArrayList<>();
        long t0 = System.nanoTime();
        long lastRefusal = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = post(FLOOD, ("not senml " + i).getBytes(StandardCharsets.US_ASCII));
            http.add(r);
            if (r.statusCode() == 429) {
                lastRefusal = System.nanoTime();
            }
        }
        long httpSeconds = secondsSince(t0) + 1;
        List<HttpResponse<String>> refused =
                http.stream().filter(r -> r.statusCode() == 429).toList();
        long read = http.stream().filter(r -> r.statusCode() == 400).count();
        assertThat(read + refused.size()).as("each a 400 (read, kept) or a 429").isEqualTo(http.size());
        assertThat(read)
                .as("its burst and a token a second of " + httpSeconds + " s")
                .isBetween(2L, 2L + httpSeconds);
        assertThat(refused).isNotEmpty();
        assertThat(refused.get(0).headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JSON.readTree(refused.get(0).body()).path("detail").asText())
                .contains(FLOOD, "vivacite.ingest.rate.payloads-per-second");
        assertThat(letters(FLOOD) - lettersBefore)
                .as("dead letters: the payloads read, none of those refused")
                .isEqualTo((int) read);

        // the same gateway over CoAP and MQTT: the same tokens, now spent
        CoapClient coap = coap(FLOOD);
        List<CoapResponse> coapAnswers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            coapAnswers.add(coap.post(reading, MediaTypeRegistry.APPLICATION_SENML_JSON));
        }
        MqttAsyncClient mqtt = mqtt(FLOOD);
        List<IMqttToken> published = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // at once, their acknowledgements awaited after
            MqttMessage m = new MqttMessage(reading);
            m.setQos(1);
            published.add(mqtt.publish("vivacite/ingest/senml/" + FLOOD, m));
        }
        List<Integer> codes = new ArrayList<>();
        for (IMqttToken token : published) {
            codes.add(reasonCode(token));
        }
        long since = secondsSince(lastRefusal);
        long coapTaken = coapAnswers.stream()
                .filter(r -> r.getCode() == ResponseCode.CHANGED)
                .count();
        long coapRefused = coapAnswers.stream()
                .filter(r -> r.getCode() == ResponseCode.TOO_MANY_REQUESTS)
                .count();
        long mqttTaken = codes.stream().filter(c -> c < 0x80).count();
        long mqttRefused = codes.stream().filter(c -> c == 0x87).count();
        assertThat(coapTaken + coapRefused).isEqualTo(coapAnswers.size());
        assertThat(mqttTaken + mqttRefused).as("PUBACKs " + codes).isEqualTo(codes.size());
        // with a bucket of their own, CoAP and MQTT would each have taken their burst of 2
        assertThat(coapTaken + mqttTaken)
                .as("taken over CoAP and MQTT: under a token left and one a second of the " + since + " s since")
                .isLessThanOrEqualTo(1 + since);
        assertThat(coapRefused).isPositive();
        assertThat(mqttRefused).isPositive();
        CoapResponse firstRefused = coapAnswers.stream()
                .filter(r -> r.getCode() == ResponseCode.TOO_MANY_REQUESTS)
                .findFirst()
                .orElseThrow();
        assertThat(firstRefused.getOptions().getMaxAge()).isEqualTo(1L);

        // another gateway meanwhile: its readings are accepted
        HttpResponse<String> calm = post(CALM, reading);
        assertThat(calm.statusCode()).as(calm.body()).isEqualTo(202);
        assertThat(JSON.readTree(calm.body()).path("accepted").asInt()).isPositive();

        // later, the flood's gateway is taken again, its readings accepted
        Thread.sleep(2_100); // its two tokens again
        HttpResponse<String> again = post(FLOOD, reading);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        MqttMessage m = new MqttMessage(reading);
        m.setQos(1);
        assertThat(reasonCode(mqtt.publish("vivacite/ingest/senml/" + FLOOD, m)))
                .isLessThan(0x80);
        mqtt.disconnect().waitForCompletion(5_000);
        mqtt.close();
        coap.shutdown();

        assertThat(prometheus())
                .contains("vivacite_ingest_rate_refused_total{gateway=\"gw-flood\",source=\"http\"} " + refused.size()
                        + ".0")
                .contains("vivacite_ingest_rate_refused_total{gateway=\"gw-flood\",source=\"coap\"} " + coapRefused
                        + ".0")
                .contains("vivacite_ingest_rate_refused_total{gateway=\"gw-flood\",source=\"mqtt\"} " + mqttRefused
                        + ".0")
                .containsPattern("vivacite_ingest_messages_total\\{outcome=\"over-rate\",source=\"http\"} [1-9]")
                .doesNotContain("vivacite_ingest_rate_refused_total{gateway=\"gw-calm\"");
    }

    private int letters(String gateway) {
        return deadLetters.list(l -> gateway.equals(l.envelope().gateway())).size();
    }
}
