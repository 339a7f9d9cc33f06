package org.vivacite.simulator.feed;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.vivacite.simulator.WireFormat;

/**
 * Publishes each payload to an MQTT 5 broker as a gateway does: QoS 1 to {@code
 * vivacite/ingest/{format}/{gatewayId}}, with the payload's content type as the MQTT 5 content
 * type property. Connects once, in the constructor, optionally as user {@code gatewayId} with the
 * gateway token as password, under client id {@code {gatewayId}/sim-{random}}: the platform's
 * embedded broker lets a gateway use only its id, or its id and a {@code /}, as client id.
 */
public final class MqttFeed implements FeedSink {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long ACK_TIMEOUT_MILLIS = 30_000;
    private static final long DISCONNECT_TIMEOUT_MILLIS = 5_000;

    private final String brokerUrl;
    private final String gatewayId;
    private final MqttAsyncClient client;

    /** Connects anonymously. */
    public MqttFeed(String brokerUrl, String gatewayId) {
        this(brokerUrl, gatewayId, null);
    }

    /**
     * Connects to the broker.
     *
     * @param brokerUrl e.g. {@code tcp://localhost:1883}
     * @param gatewayId the gateway, one topic level (no {@code /}, {@code +} nor {@code #})
     * @param gatewayToken the password to log in with as user {@code gatewayId}, or null to connect
     *     anonymously
     * @throws IllegalArgumentException if the gateway id is not one topic level
     * @throws FeedException if the broker cannot be reached or refuses the connection
     */
    public MqttFeed(String brokerUrl, String gatewayId, String gatewayToken) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.gatewayId = requireTopicLevel(gatewayId);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        if (gatewayToken != null) {
            options.setUserName(gatewayId);
            options.setPassword(gatewayToken.getBytes(StandardCharsets.UTF_8));
        }
        String clientId = gatewayId + "/sim-" + UUID.randomUUID().toString().substring(0, 8);
        MqttAsyncClient connecting = null;
        try {
            connecting = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
            IMqttToken connected = connecting.connect(options);
            connected.waitForCompletion(CONNECT_TIMEOUT_SECONDS * 1000L + 5_000);
            if (!connected.isComplete()) {
                throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            }
        } catch (MqttException e) {
            closeQuietly(connecting);
            throw new FeedException("cannot connect to MQTT broker " + brokerUrl + ": " + describe(e), e);
        }
        this.client = connecting;
    }

    @Override
    public void send(WireFormat format, String contentType, byte[] payload) {
        String topic = "vivacite/ingest/" + format.path() + "/" + gatewayId;
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setContentType(contentType);
        message.setProperties(properties);
        try {
            IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(ACK_TIMEOUT_MILLIS);
            if (!token.isComplete()) {
                throw new FeedException("MQTT broker " + brokerUrl + " did not acknowledge a publish to " + topic
                        + " within " + ACK_TIMEOUT_MILLIS / 1000 + " s");
            }
            int[] reasons = token.getReasonCodes();
            if (reasons != null && reasons.length > 0 && reasons[0] >= 0x80) {
                throw new FeedException("MQTT broker " + brokerUrl + " refused a publish to " + topic
                        + ": reason code 0x" + Integer.toHexString(reasons[0]));
            }
        } catch (MqttException e) {
            throw new FeedException(
                    "cannot publish to " + topic + " on MQTT broker " + brokerUrl + ": " + describe(e), e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(DISCONNECT_TIMEOUT_MILLIS).waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            // the broker has gone away: nothing left to release there
        } finally {
            closeQuietly(client);
        }
    }

    private static String requireTopicLevel(String gatewayId) {
        if (gatewayId == null
                || gatewayId.isEmpty()
                || gatewayId.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            throw new IllegalArgumentException("gateway id '" + gatewayId
                    + "' is not a single MQTT topic level: it must be non-empty, without '/', '+', '#' or NUL");
        }
        return gatewayId;
    }

    private static String describe(MqttException e) {
        return e.getMessage() + " (reason code " + e.getReasonCode() + ")";
    }

    private static void closeQuietly(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // already closed or never connected
        }
    }
}
