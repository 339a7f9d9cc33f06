package org.vivacite.ingest.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.RecordingIngest;
import org.vivacite.ingest.source.RecordingRejects;

/**
 * The embedded broker's packet limit, against the real broker on a free loopback port: gateways
 * speaking MQTT over a raw socket (to announce a packet they never send whole, as an attacker
 * would) and a real Paho gateway that behaves, with the platform's route consuming.
 */
class MqttPacketLimitTest {

    private static final String PLATFORM = "vivacite-platform";
    private static final String PLATFORM_SECRET = "platform-secret";
    private static final int MAX_PAYLOAD = 1024;
    /** The limit on a packet's Remaining Length: the payload limit and room for the topic and the rest. */
    private static final int LIMIT = MAX_PAYLOAD + MqttPacketLimit.HEADER_ROOM;

    @TempDir
    Path dir;

    private final RecordingIngest ingest = new RecordingIngest();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final IngestGate gate = new IngestGate(ingest, registry);
    private EmbeddedMqttBroker broker;
    private DefaultCamelContext camel;

    @BeforeEach
    void startBrokerAndRoute() throws Exception {
        broker = EmbeddedMqttBroker.start(
                "127.0.0.1",
                0,
                dir.resolve("mqtt"),
                new EmbeddedMqttBroker.Users(
                        PLATFORM,
                        PLATFORM_SECRET,
                        "vivacite-ingest",
                        (user, pass) -> List.of("gw-1", "gw-2").contains(user) && "right".equals(pass)),
                MqttPacketLimit.forPayload(MAX_PAYLOAD, (gateway, size) -> gate.oversized("mqtt", gateway)));
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        MqttIngestRoute route = new MqttIngestRoute(
                MqttSourceSettings.of(broker.url())
                        .withLogin(PLATFORM, PLATFORM_SECRET)
                        .withRetryBackoff(Duration.ofMillis(100), Duration.ofMillis(400)),
                gate,
                new RecordingRejects(),
                Clock.systemUTC());
        camel.addRoutes(route);
        camel.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> route.status().subscribed());
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        broker.close();
    }

    @Test
    void aPublicationAnnouncing200MbClosesTheConnectionBeforeItsBodyIsReadIsCountedAndOthersAreToldTheLimitAndArrive()
            throws Exception {
        try (Socket raw = connect(4, "gw-1", "gw-1/raw")) {
            // the fixed header says 200 MB; only a few KB follow, which the broker must not wait for
            raw.getOutputStream().write(publish("vivacite/ingest/tic/gw-1", 200 << 20, new byte[4096]));
            raw.getOutputStream().flush();

            assertThat(closedByTheBroker(raw.getInputStream()))
                    .as("the connection is closed, not kept waiting for 200 MB")
                    .isTrue();
        }
        assertThat(oversized("gw-1")).isEqualTo(1.0);

        // the broker still serves: a well-behaved gateway's publication reaches the platform
        MqttClient good = new MqttClient(broker.url(), "gw-2/good", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("gw-2");
        options.setPassword("right".getBytes(StandardCharsets.UTF_8));
        assertThat(good.connectWithResult(options).getResponseProperties().getMaximumPacketSize())
                .as("the largest packet, announced in CONNACK: the limit and five bytes of fixed header")
                .isEqualTo(LIMIT + 5L);
        try {
            MqttMessage message = new MqttMessage("reading".getBytes(StandardCharsets.US_ASCII));
            message.setQos(1);
            good.publish("vivacite/ingest/tic/gw-2", message);
        } finally {
            good.disconnect();
            good.close();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ingest.accepted().stream().anyMatch(e -> "gw-2".equals(e.gateway())));
        assertThat(ingest.accepted()).extracting(Envelope::gateway).containsOnly("gw-2");
    }

    @Test
    void anMqtt5GatewayIsToldPacketTooLargeBeforeTheConnectionCloses() throws Exception {
        try (Socket raw = connect(5, "gw-1", "gw-1/raw5")) {
            raw.getOutputStream().write(publish5("vivacite/ingest/tic/gw-1", LIMIT + 1, new byte[1024]));
            raw.getOutputStream().flush();

            DataInputStream in = new DataInputStream(raw.getInputStream());
            assertThat(in.readUnsignedByte()).as("DISCONNECT").isEqualTo(0xE0);
            int length = readVariableByteInteger(in);
            assertThat(length).isGreaterThanOrEqualTo(1);
            assertThat(in.readUnsignedByte()).as("reason: packet too large").isEqualTo(0x95);
            in.skipNBytes(length - 1);
            assertThat(closedByTheBroker(in)).isTrue();
        }
        assertThat(oversized("gw-1")).isEqualTo(1.0);
    }

    @Test
    void aPacketAtTheLimitIsTakenAndOneByteMoreIsNotEvenWithItsHeaderSentByteByByte() throws Exception {
        String topic = "vivacite/ingest/tic/gw-1";
        int atTheLimit = LIMIT - (2 + topic.length() + 2); // the payload filling the Remaining Length
        try (Socket raw = connect(4, "gw-1", "gw-1/edge")) {
            byte[] payload = new byte[atTheLimit];
            Arrays.fill(payload, (byte) 'x');
            raw.getOutputStream().write(publish(topic, -1, payload));
            raw.getOutputStream().flush();
            DataInputStream in = new DataInputStream(raw.getInputStream());
            assertThat(in.readUnsignedByte()).as("PUBACK").isEqualTo(0x40);
            in.skipNBytes(readVariableByteInteger(in));

            byte[] over = publish(topic, -1, new byte[atTheLimit + 1]);
            OutputStream out = raw.getOutputStream();
            int header = 1 + variableByteInteger(LIMIT + 1).length;
            for (int i = 0; i < header; i++) { // the type and the Remaining Length, each in its own write
                out.write(over[i]);
                out.flush();
                Thread.sleep(20);
            }
            // no byte of its body: the header alone says it is too large
            assertThat(closedByTheBroker(in)).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 1);
        assertThat(ingest.accepted().get(0).payload()).hasSize(atTheLimit);
        assertThat(oversized("gw-1")).isEqualTo(1.0);
    }

    @Test
    void aConnectLargerThanTheLimitIsClosedAndCountedWithoutAGateway() throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
            raw.setSoTimeout(10_000);
            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            connect.write(0x10);
            connect.write(variableByteInteger(LIMIT + 1));
            connect.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60});
            connect.write(new byte[2048]);
            raw.getOutputStream().write(connect.toByteArray());
            raw.getOutputStream().flush();

            assertThat(closedByTheBroker(raw.getInputStream())).isTrue();
        }
        assertThat(oversized("")).isEqualTo(1.0);
    }

    private double oversized(String gateway) {
        var counter = registry.find(IngestGate.OVERSIZED)
                .tag("source", "mqtt")
                .tag("gateway", gateway)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private int port() {
        return Integer.parseInt(broker.url().substring(broker.url().lastIndexOf(':') + 1));
    }

    /** A raw connection, logged in (MQTT 3.1.1 is level 4, MQTT 5 level 5) and acknowledged. */
    private Socket connect(int level, String user, String clientId) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
        raw.setSoTimeout(10_000);
        raw.setTcpNoDelay(true);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', (byte) level, (byte) 0xC2, 0, 60});
        if (level == 5) {
            body.write(0); // no properties
        }
        string(body, clientId);
        string(body, user);
        string(body, "right");
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(variableByteInteger(body.size()));
        body.writeTo(packet);
        raw.getOutputStream().write(packet.toByteArray());
        raw.getOutputStream().flush();
        DataInputStream in = new DataInputStream(raw.getInputStream());
        assertThat(in.readUnsignedByte()).as("CONNACK").isEqualTo(0x20);
        int length = readVariableByteInteger(in);
        byte[] connack = in.readNBytes(length);
        assertThat(connack[1]).as("CONNACK reason").isZero();
        return raw;
    }

    /** A QoS 1 MQTT 3.1.1 PUBLISH announcing {@code announced} bytes of Remaining Length (-1: the true size). */
    private static byte[] publish(String topic, int announced, byte[] payload) throws IOException {
        return publish(topic, announced, payload, false);
    }

    /** The same in MQTT 5 (with an empty property list). */
    private static byte[] publish5(String topic, int announced, byte[] payload) throws IOException {
        return publish(topic, announced, payload, true);
    }

    private static byte[] publish(String topic, int announced, byte[] payload, boolean v5) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(new byte[] {0, 1}); // packet id
        if (v5) {
            body.write(0);
        }
        body.write(payload);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x32);
        packet.write(variableByteInteger(announced < 0 ? body.size() : announced));
        body.writeTo(packet);
        return packet.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes);
    }

    private static byte[] variableByteInteger(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return out.toByteArray();
    }

    private static int readVariableByteInteger(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    /**
     * Whether the broker closed the connection (end of stream, or reset) before the socket's read
     * timeout; false when it kept it open, waiting for the rest of the packet.
     */
    private static boolean closedByTheBroker(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // whatever the broker sent before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
