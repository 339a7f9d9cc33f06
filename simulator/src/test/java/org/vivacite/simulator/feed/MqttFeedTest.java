package org.vivacite.simulator.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vivacite.simulator.WireFormat;

/**
 * Against a real MQTT 5 broker (ActiveMQ Artemis, in-process, on a loopback port found free at run
 * time) and a second client subscribed to {@code vivacite/ingest/#}. Moquette 0.17 cannot stand in:
 * it speaks MQTT 3.1.1 only.
 */
class MqttFeedTest {

    private static final String GATEWAY = "gw-7";
    private static final String TOKEN = "gw7-secret-token";

    record Received(String topic, byte[] payload, String contentType) {}

    @TempDir
    Path dataDir;

    private EmbeddedActiveMQ broker;
    private String brokerUrl;
    private MqttClient subscriber;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    /** Lets anonymous clients in, and gateway {@link #GATEWAY} with {@link #TOKEN} only. */
    private static final class GatewayLogins implements ActiveMQSecurityManager {
        @Override
        public boolean validateUser(String user, String password) {
            return user == null || (GATEWAY.equals(user) && TOKEN.equals(password));
        }

        @Override
        public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
            return validateUser(user, password);
        }
    }

    @BeforeEach
    void startBrokerAndSubscribe() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setBrokerInstance(dataDir.toFile());
        config.setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:0?protocols=MQTT");
        broker = new EmbeddedActiveMQ()
                .setConfiguration(config)
                .setSecurityManager(new GatewayLogins())
                .start();
        NettyAcceptor acceptor =
                (NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor("mqtt");
        brokerUrl = "tcp://127.0.0.1:" + acceptor.getActualPort();

        subscriber = new MqttClient(brokerUrl, "test-subscriber", new MemoryPersistence());
        subscriber.setCallback(new Recorder());
        subscriber.connect();
        subscriber.subscribe("vivacite/ingest/#", 1);
    }

    @AfterEach
    void stopBroker() throws Exception {
        if (subscriber != null) {
            subscriber.disconnect();
            subscriber.close();
        }
        broker.stop();
    }

    private final class Recorder implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(
                    topic, message.getPayload(), message.getProperties().getContentType()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a message on vivacite/ingest/#").isNotNull();
        return r;
    }

    @Test
    void publishesEachPayloadToItsFormatAndGatewayTopicWithContentType() throws InterruptedException {
        byte[] line = "2C446532821851580C7A".getBytes(StandardCharsets.US_ASCII);
        byte[] cbor = {(byte) 0x81, (byte) 0xA2, 0x00, 0x61, 0x74, 0x02, 0x01};
        try (FeedSink feed = new MqttFeed(brokerUrl, GATEWAY)) {
            feed.send(WireFormat.WMBUS, WireFormat.WMBUS.mediaType(), line);
            feed.send(WireFormat.SENML, "application/senml+cbor", cbor);
        }

        Received first = next();
        assertThat(first.topic()).isEqualTo("vivacite/ingest/wmbus/gw-7");
        assertThat(first.payload()).isEqualTo(line);
        assertThat(first.contentType()).isEqualTo("text/plain");
        Received second = next();
        assertThat(second.topic()).isEqualTo("vivacite/ingest/senml/gw-7");
        assertThat(second.payload()).isEqualTo(cbor);
        assertThat(second.contentType()).isEqualTo("application/senml+cbor");
    }

    @Test
    void logsInAsTheGatewayWithItsToken() throws InterruptedException {
        try (FeedSink feed = new MqttFeed(brokerUrl, GATEWAY, TOKEN)) {
            feed.send(WireFormat.TIC, WireFormat.TIC.mediaType(), new byte[] {0x02, 0x0A, 0x03});
        }
        assertThat(next().topic()).isEqualTo("vivacite/ingest/tic/gw-7");
    }

    @Test
    void refusedTokenGivesFeedExceptionNamingTheBrokerWithoutTheToken() {
        String wrong = "not-the-token";
        assertThatThrownBy(() -> new MqttFeed(brokerUrl, GATEWAY, wrong))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(brokerUrl)
                .message()
                .doesNotContain(wrong)
                .doesNotContain(TOKEN);
    }

    @Test
    void unreachableBrokerGivesFeedExceptionNamingTheBroker() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "tcp://127.0.0.1:" + closedPort;
        assertThatThrownBy(() -> new MqttFeed(nowhere, GATEWAY))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(nowhere);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gw/7", "gw+", "#"})
    void rejectsGatewayIdThatIsNotOneTopicLevel(String gatewayId) {
        assertThatThrownBy(() -> new MqttFeed(brokerUrl, gatewayId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway id '" + gatewayId + "'")
                .hasMessageContaining("single MQTT topic level");
    }
}
