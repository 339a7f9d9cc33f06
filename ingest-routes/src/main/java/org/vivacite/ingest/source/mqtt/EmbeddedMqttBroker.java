package org.vivacite.ingest.source.mqtt;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTUtil;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * A real MQTT 5 broker in the platform's process (ActiveMQ Artemis with its MQTT protocol), for a
 * city without a broker of its own and for {@code --demo}. Its journal is on disk, in the work
 * directory given ({@code {data}/mqtt}), written through before a publish is acknowledged: a QoS 1
 * message a gateway saw acknowledged, and the platform's session with the messages it has not yet
 * acknowledged (committed), outlive a crash of the whole process.
 *
 * <p>With logins, the platform's user may do anything, and every other user is a gateway that may
 * only publish, and only to its own topics, {@code vivacite/ingest/{format}/{its user name}}: a
 * gateway cannot pass its readings off as another's (the gateway is their provenance), nor read
 * what others send. A publication elsewhere is refused (MQTT 5 reason code 0x87, not authorized).
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final EmbeddedActiveMQ broker;
    private final String url;

    private EmbeddedMqttBroker(EmbeddedActiveMQ broker, String url) {
        this.broker = broker;
        this.url = url;
    }

    /**
     * Starts the broker.
     *
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, {@code 0} for a free one
     * @param workDirectory where Artemis may keep its files; made owner-only
     * @param logins which user and password may connect, or null to let anyone in (and do anything)
     * @param platform the user that may subscribe, the platform's; the others are gateways
     * @throws IllegalStateException when it cannot start (port taken…)
     */
    public static EmbeddedMqttBroker start(
            String host, int port, Path workDirectory, BiPredicate<String, String> logins, String platform) {
        Objects.requireNonNull(host, "host");
        ConfigurationImpl config = new ConfigurationImpl();
        config.setBrokerInstance(workDirectory.toFile());
        config.setPersistenceEnabled(true);
        config.setJournalType(org.apache.activemq.artemis.core.server.JournalType.NIO);
        config.setJournalDirectory(workDirectory.resolve("journal").toString());
        config.setBindingsDirectory(workDirectory.resolve("bindings").toString());
        config.setPagingDirectory(workDirectory.resolve("paging").toString());
        config.setLargeMessagesDirectory(workDirectory.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(workDirectory.resolve("lock").toString());
        config.setSecurityEnabled(logins != null);
        config.setJMXManagementEnabled(false);
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            // Artemis would make it with the umask's mode, and its journal holds readings
            OwnerOnly.directories(workDirectory);
            OwnerOnly.restrict(workDirectory);
            config.addAcceptorConfiguration("mqtt", "tcp://" + hostPart + ":" + port + "?protocols=MQTT");
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
            if (logins != null) {
                broker.setSecurityManager(new Logins(logins, platform, config.getWildcardConfiguration()));
            }
            broker.start();
            NettyAcceptor acceptor = (NettyAcceptor)
                    broker.getActiveMQServer().getRemotingService().getAcceptor("mqtt");
            String url = "tcp://" + hostPart + ":" + acceptor.getActualPort();
            LOG.info("Embedded MQTT 5 broker listening at {}", url);
            return new EmbeddedMqttBroker(broker, url);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start the embedded MQTT broker on " + hostPart + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Where clients connect, e.g. {@code tcp://127.0.0.1:1883}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            broker.stop();
        } catch (Exception e) {
            LOG.warn("Embedded MQTT broker did not stop cleanly: {}", e.toString());
        }
    }

    /**
     * Lets in the users the check accepts; once in, the platform may do anything, and a gateway
     * only publish to its own topics.
     */
    private static final class Logins implements ActiveMQSecurityManager4 {
        private final BiPredicate<String, String> check;
        private final String platform;
        private final WildcardConfiguration wildcards;

        Logins(BiPredicate<String, String> check, String platform, WildcardConfiguration wildcards) {
            this.check = check;
            this.platform = Objects.requireNonNull(platform, "platform");
            this.wildcards = wildcards;
        }

        @Override
        public boolean validateUser(String user, String password) {
            return user != null && password != null && check.test(user, password);
        }

        @Override
        public String validateUser(String user, String password, RemotingConnection connection, String domain) {
            return validateUser(user, password) ? user : null;
        }

        @Override
        public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
            return false; // Artemis asks the form with the address
        }

        @Override
        public String validateUserAndRole(
                String user,
                String password,
                Set<Role> roles,
                CheckType checkType,
                String address,
                RemotingConnection connection,
                String domain) {
            if (!validateUser(user, password)) {
                return null;
            }
            if (user.equals(platform)) {
                return user;
            }
            boolean publication = checkType == CheckType.SEND || checkType == CheckType.CREATE_ADDRESS;
            boolean own = address != null
                    && MqttTopics.parse(MQTTUtil.getMqttTopicFromCoreAddress(address, wildcards))
                            .filter(levels -> levels.gateway().equals(user))
                            .isPresent();
            return publication && own ? user : null;
        }
    }
}
