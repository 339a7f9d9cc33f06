package org.vivacite.ingest.source.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTConnection;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTUtil;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * A real MQTT 5 broker in the platform's process (ActiveMQ Artemis with its MQTT protocol), for a
 * city without a broker of its own and for {@code --demo}. Its journal is on disk, in the work
 * directory given ({@code {data}/mqtt}), written through before a publish is acknowledged: a QoS 1
 * message a gateway saw acknowledged, and the platform's session with the messages it has not yet
 * acknowledged (committed), outlive a crash of the whole process.
 *
 * <p>Its addresses are written in MQTT's own syntax ({@code /} between levels, {@code +} and
 * {@code #}), so a topic is carried as written: in Artemis's default syntax a {@code .} in a level
 * splits it (the message matched no subscription and was acknowledged and lost) and a {@code *}
 * is a wildcard (the publication failed unanswered).
 *
 * <p>With logins ({@link Users}), the platform's user may do anything, with its own secret only,
 * and only under its own client id. Every other user is a gateway: its client id is its id, or its
 * id, a {@code /} and anything ({@code gw-42/bridge-1}), or one the broker assigns; it may only
 * publish, and only to its own topics, {@code vivacite/ingest/{format}/{its id}}. So a gateway
 * cannot take over the platform's session (nor another gateway's), pass its readings off as
 * another's (the gateway is their provenance), nor read what others send. A login that breaks
 * these rules is refused (MQTT 5 reason code 0x86, the reason logged), a publication elsewhere
 * too (0x87, not authorized), and so is every publication of a gateway while it is at its
 * dead-letter quota or beyond its ingest rate ({@link Users#admitted}; asked at each publication,
 * Artemis's authorization cache being off; Artemis answers a refused publication with 0x87 only,
 * not 0x97 quota exceeded). Artemis's cluster user, which would have every right, gets a password
 * made for the run.
 *
 * <p>A packet larger than its {@link MqttPacketLimit} closes the connection as soon as its fixed
 * header says so, before its body is read.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    /** The platform's user at the embedded broker, which no gateway may be named. */
    public static final String PLATFORM_USER = "vivacite-platform";

    /** Between a gateway's id and the rest of its client id: {@code gw-42/bridge-1}. */
    public static final char CLIENT_ID_SEPARATOR = '/';

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedActiveMQ broker;
    private final String url;

    private EmbeddedMqttBroker(EmbeddedActiveMQ broker, String url) {
        this.broker = broker;
        this.url = url;
    }

    /**
     * Who may connect to a broker with logins.
     *
     * @param platform the platform's user name: it may do anything
     * @param platformSecret its password, made for the run; never logged
     * @param platformClientId the client id of the platform's persistent session
     * @param gateways whether a gateway (user name: its id) may log in with that password
     * @param admitted whether a gateway may publish now, asked once at each of its publications:
     *     false while it is at its dead-letter quota or beyond its ingest rate ({@code
     *     IngestGate#admits}), and the broker refuses the publication (0x87, not authorized)
     *     instead of taking what the platform would keep beyond the quota, or faster than the rate
     */
    public record Users(
            String platform,
            String platformSecret,
            String platformClientId,
            BiPredicate<String, String> gateways,
            Predicate<String> admitted) {

        public Users {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(platformSecret, "platformSecret");
            Objects.requireNonNull(platformClientId, "platformClientId");
            Objects.requireNonNull(gateways, "gateways");
            Objects.requireNonNull(admitted, "admitted");
        }

        /** Users whose gateways are always admitted (no dead-letter quota, no rate). */
        public Users(
                String platform, String platformSecret, String platformClientId, BiPredicate<String, String> gateways) {
            this(platform, platformSecret, platformClientId, gateways, gateway -> true);
        }

        @Override
        public String toString() {
            return "Users[platform " + platform + ", client id " + platformClientId + "]";
        }
    }

    /**
     * Starts the broker.
     *
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, {@code 0} for a free one
     * @param workDirectory where Artemis may keep its files; made owner-only
     * @param users who may connect, or null to let anyone in (and do anything)
     * @throws IllegalStateException when it cannot start (port taken…)
     */
    public static EmbeddedMqttBroker start(String host, int port, Path workDirectory, Users users) {
        return start(
                host,
                port,
                workDirectory,
                users,
                MqttPacketLimit.forPayload(IngestPipeline.Options.defaults().maxPayload(), (gateway, size) -> {}));
    }

    /**
     * Starts the broker.
     *
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, {@code 0} for a free one
     * @param workDirectory where Artemis may keep its files; made owner-only
     * @param users who may connect, or null to let anyone in (and do anything)
     * @param limit the largest packet it reads: a larger one closes the connection before its body is read
     * @throws IllegalStateException when it cannot start (port taken…)
     */
    public static EmbeddedMqttBroker start(
            String host, int port, Path workDirectory, Users users, MqttPacketLimit limit) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limit, "limit");
        ConfigurationImpl config = new ConfigurationImpl();
        config.setBrokerInstance(workDirectory.toFile());
        config.setPersistenceEnabled(true);
        config.setJournalType(org.apache.activemq.artemis.core.server.JournalType.NIO);
        config.setJournalDirectory(workDirectory.resolve("journal").toString());
        config.setBindingsDirectory(workDirectory.resolve("bindings").toString());
        config.setPagingDirectory(workDirectory.resolve("paging").toString());
        config.setLargeMessagesDirectory(workDirectory.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(workDirectory.resolve("lock").toString());
        config.setSecurityEnabled(users != null);
        // asked at each publication, not remembered: a gateway admitted once may be at its quota now
        config.setAuthorizationCacheSize(0);
        config.setClusterPassword(secret());
        config.setJMXManagementEnabled(false);
        config.setWildCardConfiguration(
                new WildcardConfiguration().setDelimiter('/').setSingleWord('+').setAnyWords('#'));
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            // Artemis would make it with the umask's mode, and its journal holds readings
            OwnerOnly.directories(workDirectory);
            OwnerOnly.restrict(workDirectory);
            // maximumPacketSize: announced to MQTT 5 clients in CONNACK; the limit itself is the guard's
            config.addAcceptorConfiguration(
                    "mqtt",
                    "tcp://" + hostPart + ":" + port + "?protocols=MQTT;maximumPacketSize=" + limit.maxPacketSize());
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
            if (users != null) {
                broker.setSecurityManager(new Logins(users, config.getWildcardConfiguration()));
            }
            broker.createActiveMQServer();
            // Artemis's MQTT with the packet limit in front of its decoder, in place of the plain one
            broker.getActiveMQServer().addProtocolManagerFactory(limit.protocol());
            broker.getActiveMQServer().start();
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

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
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
     * Lets in the platform and the gateways the check accepts; once in, the platform may do
     * anything, and a gateway only publish to its own topics.
     */
    private static final class Logins implements ActiveMQSecurityManager4 {
        private final Users users;
        private final String platform;
        private final byte[] platformSecret;
        private final WildcardConfiguration wildcards;

        Logins(Users users, WildcardConfiguration wildcards) {
            this.users = users;
            this.platform = users.platform();
            this.platformSecret = users.platformSecret().getBytes(StandardCharsets.UTF_8);
            this.wildcards = wildcards;
        }

        /** The platform with its secret (compared in constant time), a gateway with what the check accepts. */
        @Override
        public boolean validateUser(String user, String password) {
            if (user == null || password == null) {
                return false;
            }
            if (user.equals(platform)) {
                return MessageDigest.isEqual(platformSecret, password.getBytes(StandardCharsets.UTF_8));
            }
            return users.gateways().test(user, password);
        }

        /** At CONNECT, where the connection already carries the client id asked for. */
        @Override
        public String validateUser(String user, String password, RemotingConnection connection, String domain) {
            if (!validateUser(user, password)) {
                return null;
            }
            String clientId = connection == null ? null : connection.getClientID();
            if (!mayUse(user, clientId, connection)) {
                LOG.warn(
                        "MQTT login of '{}' refused: client id '{}' is not its own (the platform's is '{}'; a gateway's is"
                                + " its id, or its id{}…)",
                        user,
                        clientId,
                        users.platformClientId(),
                        CLIENT_ID_SEPARATOR);
                return null;
            }
            return user;
        }

        private boolean mayUse(String user, String clientId, RemotingConnection connection) {
            if (user.equals(platform) || users.platformClientId().equals(clientId)) {
                return user.equals(platform) && users.platformClientId().equals(clientId);
            }
            if (connection instanceof MQTTConnection mqtt && mqtt.isClientIdAssignedByBroker()) {
                return true; // asked for none: a fresh one, nobody else's
            }
            return clientId != null && (clientId.equals(user) || clientId.startsWith(user + CLIENT_ID_SEPARATOR));
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
            if (!publication || !own) {
                return null;
            }
            if (checkType == CheckType.SEND && !users.admitted().test(user)) {
                LOG.debug(
                        "MQTT publication of '{}' to {} refused: at its dead-letter quota or beyond its rate",
                        user,
                        address);
                return null;
            }
            return user;
        }
    }
}
