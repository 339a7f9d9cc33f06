package org.vivacite.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.source.mqtt.EmbeddedMqttBroker;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.feed.MqttFeed;

/**
 * The server's MQTT consumer against a city broker of the test's own (an anonymous broker on a
 * free loopback port): {@code /actuator/health} is DOWN, component {@code mqtt}, while the
 * platform is not subscribed, and UP again, with readings flowing, once it is.
 */
@SpringBootTest(
        classes = {VivaciteServer.class, IngestSourcesTest.Pipeline.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class MqttHealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static EmbeddedMqttBroker city;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.resolve("server").toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.mqtt.url", () -> city().url());
        registry.add("vivacite.coap.enabled", () -> "false");
        registry.add("vivacite.ingest.inbox", () -> "false");
    }

    private static synchronized EmbeddedMqttBroker city() {
        if (city == null) {
            city = EmbeddedMqttBroker.start("127.0.0.1", 0, data.resolve("city"), null);
        }
        return city;
    }

    @AfterAll
    static void stopCity() {
        if (city != null) {
            city.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IngestSourcesTest.TestIngest ingest;

    @Autowired
    @Qualifier("mqttHealthIndicator")
    HealthIndicator mqttHealth;

    private JsonNode health() throws Exception {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + port + "/actuator/health");
        return JSON.readTree(response.body());
    }

    private String mqttStatus() throws Exception {
        return health().path("components").path("mqtt").path("status").asText();
    }

    @Test
    void healthIsDownWhileTheConsumerIsNotSubscribedAndUpWithReadingsOnceItIsAgain() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(mqttStatus()));
        String url = city.url();
        city.close();

        await().atMost(Duration.ofSeconds(60)).until(() -> "DOWN".equals(mqttStatus()));
        JsonNode health = health();
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("components").path("mqtt").has("details")).isFalse();
        // the reason, for the operator's eyes (the public health shows no details)
        assertThat(mqttHealth.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(mqttHealth.health().getDetails().get("detail").toString())
                .startsWith("not subscribed: connection to " + url + " lost");

        city = EmbeddedMqttBroker.start("127.0.0.1", URI.create(url).getPort(), data.resolve("city"), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(mqttStatus()));
        try (MqttFeed feed = new MqttFeed(city.url(), "gw-city")) {
            feed.send(WireFormat.WMBUS, "text/plain", "2C4465328218".getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !ingest.from("mqtt").isEmpty());
        assertThat(ingest.from("mqtt").get(0).gateway()).isEqualTo("gw-city");
    }
}
