package org.vivacite.ingest.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterQuota;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.QuotaExceededException;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.IngestRate;
import org.vivacite.ingest.source.RecordingIngest;
import org.vivacite.ingest.source.RecordingRejects;

/**
 * The MQTT route against a real MQTT 5 broker (the embedded Artemis, on a free loopback port) and a
 * real Paho gateway client publishing at QoS 1.
 */
class MqttIngestRouteTest {

    @TempDir
    Path dir;

    private static final String PLATFORM = "vivacite-platform";
    private static final String PLATFORM_SECRET = "platform-secret";
    private static final String PLATFORM_CLIENT_ID = "vivacite-ingest";

    private EmbeddedMqttBroker broker;
    private EmbeddedMqttBroker guarded;
    private final RecordingIngest ingest = new RecordingIngest();
    private final RecordingRejects rejects = new RecordingRejects();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private DefaultCamelContext camel;
    private MqttIngestRoute route;
    private MqttClient gateway;

    @BeforeEach
    void startBroker() throws MqttException {
        broker = EmbeddedMqttBroker.start("127.0.0.1", 0, dir, null);
        gateway = new MqttClient(broker.url(), "gw-test-" + UUID.randomUUID(), new MemoryPersistence());
        gateway.setTimeToWait(10_000);
        gateway.connect();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (gateway != null && gateway.isConnected()) {
            gateway.disconnect();
        }
        if (camel != null) {
            camel.stop();
        }
        broker.close();
        if (guarded != null) {
            guarded.close();
        }
    }

    private void startRoute(int concurrency) throws Exception {
        startRoute(MqttSourceSettings.of(broker.url()).withConcurrency(concurrency));
    }

    /**
     * A broker with logins, as the server runs it: the platform's user, secret and client id, and
     * gateways {@code gw-1}, {@code gw-2}, {@code gw.3} with password {@code right}; the route logged
     * in as the platform.
     */
    /** A broker in {@code folder} that lets in the platform with its secret and the gateways {@code gateways} accepts. */
    private EmbeddedMqttBroker brokerWithLogins(
            String folder, java.util.function.BiPredicate<String, String> gateways) {
        return EmbeddedMqttBroker.start(
                "127.0.0.1",
                0,
                dir.resolve(folder),
                new EmbeddedMqttBroker.Users(PLATFORM, PLATFORM_SECRET, PLATFORM_CLIENT_ID, gateways));
    }

    private void startGuardedRoute() throws Exception {
        guarded = brokerWithLogins(
                "guarded", (user, pass) -> List.of("gw-1", "gw-2", "gw.3").contains(user) && "right".equals(pass));
        startRoute(MqttSourceSettings.of(guarded.url()).withLogin(PLATFORM, PLATFORM_SECRET));
    }

    private void startRoute(MqttSourceSettings base) throws Exception {
        MqttSourceSettings settings = base.withRetryBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        route = new MqttIngestRoute(settings, new IngestGate(ingest, registry), rejects, Clock.systemUTC());
        camel.addRoutes(route);
        camel.start();
    }

    private void publish(String topic, String payload, UserProperty... properties) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.US_ASCII));
        message.setQos(1);
        if (properties.length > 0) {
            MqttProperties p = new MqttProperties();
            p.setUserProperties(List.of(properties));
            message.setProperties(p);
        }
        gateway.publish(topic, message);
    }

    private double count(String outcome) {
        var counter = registry.find(IngestGate.MESSAGES)
                .tag("source", "mqtt")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String text(Envelope e) {
        return new String(e.payload(), StandardCharsets.US_ASCII);
    }

    /** Resumes the platform's session and waits for a marker message: what was not acked comes again before it. */
    private void resumeSessionAndDrain() throws Exception {
        camel.getRouteController().stopRoute(MqttIngestRoute.ROUTE_ID, 5, TimeUnit.SECONDS);
        camel.getRouteController().startRoute(MqttIngestRoute.ROUTE_ID);
        publish("vivacite/ingest/tic/marker", "marker");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ingest.accepted().stream().anyMatch(e -> text(e).equals("marker")));
    }

    @Test
    void handsEachMessageToThePortWithFormatAndGatewayFromTheTopic() throws Exception {
        startRoute(2);
        publish("vivacite/ingest/wmbus/gw-42", "2C446532821851580C7A", new UserProperty("rssi", "-71"));
        publish("vivacite/ingest/senml/gw-43", "[{\"n\":\"x\",\"v\":1}]");

        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 2);
        Envelope wmbus = ingest.accepted().stream()
                .filter(e -> e.format() == Format.WMBUS)
                .findFirst()
                .orElseThrow();
        assertThat(wmbus.source()).isEqualTo("mqtt");
        assertThat(wmbus.gateway()).isEqualTo("gw-42");
        assertThat(text(wmbus)).isEqualTo("2C446532821851580C7A");
        assertThat(wmbus.rssi()).isEqualTo(-71);
        assertThat(wmbus.receivedAt()).isNotNull();
        Envelope senml = ingest.accepted().stream()
                .filter(e -> e.format() == Format.SENML)
                .findFirst()
                .orElseThrow();
        assertThat(senml.gateway()).isEqualTo("gw-43");
        assertThat(senml.rssi()).isNull();
        assertThat(count("accepted")).isEqualTo(2.0);
    }

    @Test
    void failedCommitIsNotAcknowledgedAndTheMessageComesAgainUntilAcceptedOnce() throws Exception {
        ingest.failNext(1);
        startRoute(2);
        publish("vivacite/ingest/tic/gw-1", "frame-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.accepted().size() == 1);
        // Delivered twice: the first call threw, so no PUBACK went and the broker sent it again.
        assertThat(ingest.calls()).extracting(MqttIngestRouteTest::text).containsExactly("frame-1", "frame-1");
        assertThat(ingest.accepted()).extracting(MqttIngestRouteTest::text).containsExactly("frame-1");
        assertThat(count("failed")).isEqualTo(1.0);
        assertThat(count("accepted")).isEqualTo(1.0);

        // Once accepted it was acknowledged: resuming the session again does not bring it back.
        resumeSessionAndDrain();
        assertThat(ingest.accepted()).extracting(MqttIngestRouteTest::text).containsExactly("frame-1", "marker");
    }

    /**
     * Stopping the route (the server stopping, a session resumed) while messages are being committed
     * lets them finish and be acknowledged before the client disconnects: they do not come again.
     * (Camel used to stop the consumer first: the acknowledgements came after the client closed,
     * failed with Paho's NullPointerException, and the messages were delivered a second time.)
     */
    @Test
    void messagesInFlightWhenTheRouteStopsAreAcknowledgedBeforeItDisconnectsAndDoNotComeAgain() throws Exception {
        ingest.slow(Duration.ofMillis(1500));
        startRoute(4);
        for (int i = 1; i <= 3; i++) {
            publish("vivacite/ingest/tic/gw-1", "in-flight-" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.calls().size() == 3);

        resumeSessionAndDrain();

        assertThat(ingest.calls())
                .extracting(MqttIngestRouteTest::text)
                .containsExactlyInAnyOrder("in-flight-1", "in-flight-2", "in-flight-3", "marker");
    }

    @Test
    void aMessageTheDeadLetterStoreHasNoRoomForIsNotAcknowledgedAndComesAgain() throws Exception {
        ingest.failNext(
                1,
                () -> new QuotaExceededException(
                        "the dead-letter store holds 100000 letters", "gw-1", Duration.ofMinutes(15)));
        startRoute(2);
        publish("vivacite/ingest/tic/gw-1", "frame-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.accepted().size() == 1);
        assertThat(ingest.calls()).extracting(MqttIngestRouteTest::text).containsExactly("frame-1", "frame-1");
        assertThat(count("over-quota")).isEqualTo(1.0);
    }

    @Test
    void messagesPublishedWhileThePlatformIsAwayAreDeliveredWhenItComesBack() throws Exception {
        startRoute(1);
        camel.getRouteController().stopRoute(MqttIngestRoute.ROUTE_ID, 5, TimeUnit.SECONDS);
        publish("vivacite/ingest/csv/gw-2", "while-away");
        assertThat(ingest.calls()).isEmpty();

        camel.getRouteController().startRoute(MqttIngestRoute.ROUTE_ID);
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 1);
        assertThat(text(ingest.accepted().get(0))).isEqualTo("while-away");
    }

    @Test
    void unknownFormatGoesToRejectsNamingTheTopicAndIsCountedRefused() throws Exception {
        startRoute(1);
        publish("vivacite/ingest/zigbee/gw-9", "something");

        await().atMost(Duration.ofSeconds(20)).until(() -> rejects.all().size() == 1);
        RecordingRejects.Rejected r = rejects.all().get(0);
        assertThat(r.source()).isEqualTo("mqtt");
        assertThat(r.origin()).isEqualTo("vivacite/ingest/zigbee/gw-9");
        assertThat(r.reason()).contains("unknown format 'zigbee'").contains("vivacite/ingest/zigbee/gw-9");
        assertThat(new String(r.payload(), StandardCharsets.US_ASCII)).isEqualTo("something");
        assertThat(ingest.calls()).isEmpty();
        assertThat(count("refused")).isEqualTo(1.0);

        // Taken by Rejects, so acknowledged: it does not come again.
        resumeSessionAndDrain();
        assertThat(rejects.all()).hasSize(1);
    }

    @Test
    void unreadablePayloadGoesToRejectsAndIsAcknowledged() throws Exception {
        ingest.failNext(1, () -> new DecodeException("line 1: not hexadecimal"));
        startRoute(1);
        publish("vivacite/ingest/wmbus/gw-3", "zz");

        await().atMost(Duration.ofSeconds(20)).until(() -> rejects.all().size() == 1);
        assertThat(rejects.all().get(0).reason()).isEqualTo("line 1: not hexadecimal");
        assertThat(count("unreadable")).isEqualTo(1.0);

        resumeSessionAndDrain();
        assertThat(ingest.calls()).extracting(MqttIngestRouteTest::text).containsExactly("zz", "marker");
    }

    @Test
    void slowCommitsOverlapInsteadOfQueuingBehindEachOther() throws Exception {
        ingest.meetInGroupsOf(4);
        startRoute(4);
        for (int i = 0; i < 4; i++) {
            publish("vivacite/ingest/tic/gw-" + i, "frame-" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 4);
        // Each call waited for the three others: they were all inside the port at once.
        assertThat(ingest.mostAtOnce()).isEqualTo(4);
    }

    @Test
    void reSubscribesAfterAnotherClientTookItsSessionAndLaterPublicationsArrive() throws Exception {
        startRoute(1);
        publish("vivacite/ingest/tic/gw-1", "before");
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 1);

        // A broker that lets anyone use the platform's client id (this one has no logins): a client
        // starting clean under it closes the platform's connection and drops its session, subscription
        // included. The platform reconnects, takes its id back, and must subscribe again.
        MqttClient intruder = new MqttClient(broker.url(), PLATFORM_CLIENT_ID, new MemoryPersistence());
        MqttConnectionOptions clean = new MqttConnectionOptions();
        clean.setCleanStart(true);
        intruder.connect(clean);
        try {
            AtomicInteger sent = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        publish("vivacite/ingest/tic/gw-1", "after-" + sent.incrementAndGet());
                        return ingest.accepted().stream().anyMatch(e -> text(e).startsWith("after-"));
                    });
            publish("vivacite/ingest/tic/gw-1", "later");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ingest.accepted().stream().anyMatch(e -> text(e).equals("later")));
        } finally {
            intruder.close(true);
        }
    }

    @Test
    void statusSaysWhyItIsNotSubscribedWhileTheBrokerIsGoneAndSubscribedOnceItIsBack() throws Exception {
        startRoute(1);
        assertThat(route.status().subscribed()).isTrue();
        assertThat(route.status().detail()).contains("subscribed to vivacite/ingest/+/+");
        int port = java.net.URI.create(broker.url()).getPort();
        gateway.disconnect();
        broker.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> !route.status().subscribed());
        assertThat(route.status().detail()).startsWith("not subscribed: connection to " + broker.url() + " lost");

        broker = EmbeddedMqttBroker.start("127.0.0.1", port, dir, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> route.status().subscribed());
        gateway.connect();
        publish("vivacite/ingest/tic/gw-1", "after the broker came back");
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 1);
    }

    @Test
    void aDotOrAStarInATopicLevelIsCarriedAsWrittenNeverAcknowledgedAndLost() throws Exception {
        startRoute(1);
        // Artemis's own address syntax uses '.' and '*': the broker must not read them in MQTT topics
        publish("vivacite/ingest/csv.x/gw-1", "dotted format");
        publish("vivacite/ingest/csv*/gw-1", "starred format");
        publish("vivacite/ingest/csv/gw.1", "dotted gateway");

        await().atMost(Duration.ofSeconds(20)).until(() -> rejects.all().size() == 2);
        assertThat(rejects.all())
                .extracting(RecordingRejects.Rejected::reason)
                .anySatisfy(r -> assertThat(r).contains("unknown format 'csv.x'"))
                .anySatisfy(r -> assertThat(r).contains("unknown format 'csv*'"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 1);
        assertThat(ingest.accepted().get(0).gateway()).isEqualTo("gw.1");
    }

    @Test
    void withLoginsADotInATopicLevelReachesThePlatformAsWritten() throws Exception {
        startGuardedRoute();
        assertThat(publishAs(guarded, "gw.3", "vivacite/ingest/csv/gw.3")).isLessThan(0x80);
        assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/csv.x/gw-1")).isLessThan(0x80);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> ingest.accepted().size() == 1 && rejects.all().size() == 1);
        assertThat(ingest.accepted().get(0).gateway()).isEqualTo("gw.3");
        assertThat(rejects.all().get(0).reason()).contains("unknown format 'csv.x'");
    }

    @Test
    void refusesAGatewayConnectingWithThePlatformsClientIdAndThePlatformKeepsReceiving() throws Exception {
        startGuardedRoute();
        connectAs(guarded, "gw-1", "gw-1").disconnect().waitForCompletion(5_000);

        assertThatThrownBy(() -> connectAs(guarded, "gw-1", PLATFORM_CLIENT_ID)).isInstanceOf(MqttException.class);

        assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/tic/gw-1")).isLessThan(0x80);
        await().atMost(Duration.ofSeconds(20)).until(() -> ingest.accepted().size() == 1);
    }

    @Test
    void aGatewaysClientIdIsItsIdOrItsIdAndASlashOrOneTheBrokerAssigns() throws Exception {
        startGuardedRoute();
        for (String own : List.of("gw-1", "gw-1/bridge-2", "")) {
            MqttAsyncClient client = connectAs(guarded, "gw-1", own);
            assertThat(client.isConnected()).as("client id '%s'", own).isTrue();
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
        for (String other : List.of("gw-2", "gw-2/x", "gw-10", "gw-1-x", "x/gw-1")) {
            assertThatThrownBy(() -> connectAs(guarded, "gw-1", other))
                    .as("client id '%s'", other)
                    .isInstanceOf(MqttException.class);
        }
    }

    @Test
    void aGatewayNamedLikeThePlatformsUserCannotLogInAsThePlatform() throws Exception {
        // a credentials store that would let a gateway with the platform's name in
        try (EmbeddedMqttBroker b =
                brokerWithLogins("named", (user, pass) -> PLATFORM.equals(user) && "gw-token".equals(pass))) {
            assertThatThrownBy(() -> connect(b, PLATFORM, "gw-token", PLATFORM + "/x"))
                    .isInstanceOf(MqttException.class);
            MqttAsyncClient platform = connect(b, PLATFORM, PLATFORM_SECRET, PLATFORM_CLIENT_ID);
            assertThat(platform.isConnected()).isTrue();
            platform.disconnect().waitForCompletion(5_000);
            platform.close();
        }
    }

    @Test
    void refusesTheBrokersDefaultClusterLogin() throws Exception {
        try (EmbeddedMqttBroker b = brokerWithLogins("cluster", (user, pass) -> false)) {
            // Artemis lets its cluster user in with every right; its default password is public
            assertThatThrownBy(() -> connect(
                            b,
                            ActiveMQDefaultConfiguration.getDefaultClusterUser(),
                            ActiveMQDefaultConfiguration.getDefaultClusterPassword(),
                            "intruder"))
                    .isInstanceOf(MqttException.class);
        }
    }

    @Test
    void embeddedBrokerRefusesAWrongPassword() throws Exception {
        try (EmbeddedMqttBroker guarded = EmbeddedMqttBroker.start(
                "127.0.0.1",
                0,
                dir.resolve("guarded"),
                new EmbeddedMqttBroker.Users(
                        "platform",
                        "platform-secret",
                        "vivacite-ingest",
                        (user, pass) -> "gw-1".equals(user) && "right".equals(pass)))) {
            MqttConnectionOptions wrong = new MqttConnectionOptions();
            wrong.setUserName("gw-1");
            wrong.setPassword("wrong".getBytes(StandardCharsets.UTF_8));
            MqttClient client = new MqttClient(guarded.url(), "gw-1", new MemoryPersistence());
            assertThatThrownBy(() -> client.connect(wrong)).isInstanceOf(MqttException.class);

            MqttConnectionOptions right = new MqttConnectionOptions();
            right.setUserName("gw-1");
            right.setPassword("right".getBytes(StandardCharsets.UTF_8));
            MqttClient ok = new MqttClient(guarded.url(), "gw-1", new MemoryPersistence());
            ok.connect(right);
            assertThat(ok.isConnected()).isTrue();
            ok.disconnect();
        }
    }

    @Test
    void withLoginsAGatewayMayOnlyPublishToItsOwnTopics() throws Exception {
        try (EmbeddedMqttBroker guarded = EmbeddedMqttBroker.start(
                "127.0.0.1",
                0,
                dir.resolve("guarded"),
                new EmbeddedMqttBroker.Users(
                        "platform",
                        "right",
                        "platform-test",
                        (user, pass) -> List.of("gw-1", "gw-2").contains(user) && "right".equals(pass)))) {
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            MqttClient platform = new MqttClient(guarded.url(), "platform-test", new MemoryPersistence());
            MqttConnectionOptions login = new MqttConnectionOptions();
            login.setUserName("platform");
            login.setPassword("right".getBytes(StandardCharsets.UTF_8));
            platform.connect(login);
            // (Paho 1.2.5's subscribe(String, int, listener) calls itself for ever: the array form)
            platform.subscribe(
                    new MqttSubscription[] {new MqttSubscription("vivacite/ingest/+/+", 1)},
                    new IMqttMessageListener[] {(topic, message) -> received.add(topic)});

            assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/tic/gw-1")).isLessThan(0x80);
            assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/tic/gw-2"))
                    .as("as another gateway")
                    .isGreaterThanOrEqualTo(0x80);
            assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/tic/gw-1/more"))
                    .as("another topic shape")
                    .isGreaterThanOrEqualTo(0x80);
            MqttAsyncClient gateway = connect(guarded, "gw-1");
            assertThat(reasonCode(gateway.subscribe("vivacite/ingest/+/+", 1)))
                    .as("a gateway reads nothing")
                    .isGreaterThanOrEqualTo(0x80);
            gateway.disconnect().waitForCompletion(5_000);
            gateway.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            Thread.sleep(300); // the refused ones would have come by now
            assertThat(received).containsExactly("vivacite/ingest/tic/gw-1");
            platform.disconnect();
            platform.close();
        }
    }

    @Test
    void refusesAGatewaysPublicationsWhileItIsAtItsDeadLetterQuotaAndAdmitsItAgainOnceThereIsRoom() throws Exception {
        DeadLetterStore letters = new DeadLetterStore(
                dir.resolve("letters"),
                new DeadLetterQuota(2, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Duration.ofMinutes(15)));
        // the port dead-letters every payload, as for a gateway sending garbage
        ingest.answering(e -> {
            letters.put(e, Reason.UNDECODABLE, "test: every payload is rejected");
            return new Outcome(0, 1, List.of());
        });
        IngestGate gate = new IngestGate(ingest, registry, letters);
        startGuarded(gate, gate);

        for (int i = 0; i < 2; i++) {
            assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/tic/gw-1")).isLessThan(0x80);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lettersOf(letters, "gw-1") == 2);

        assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/tic/gw-1"))
                .as("at its quota")
                .isGreaterThanOrEqualTo(0x80);
        assertThat(publishAs(guarded, "gw-2", "vivacite/ingest/tic/gw-2"))
                .as("another gateway")
                .isLessThan(0x80);
        await().atMost(Duration.ofSeconds(20)).until(() -> lettersOf(letters, "gw-2") == 1);
        assertThat(lettersOf(letters, "gw-1")).isEqualTo(2);
        assertThat(registry.find(IngestGate.QUOTA_REFUSED)
                        .tag("source", "mqtt")
                        .tag("gateway", "gw-1")
                        .counter()
                        .count())
                .isEqualTo(1.0);

        DeadLetter replayed =
                letters.list(l -> "gw-1".equals(l.envelope().gateway())).get(0);
        letters.resolved(replayed, replayed.units());
        assertThat(publishAs(guarded, "gw-1", "vivacite/ingest/tic/gw-1"))
                .as("room again")
                .isLessThan(0x80);
        await().atMost(Duration.ofSeconds(20)).until(() -> lettersOf(letters, "gw-1") == 2);
    }

    /**
     * Starts the guarded broker, whose gateways gw-1 and gw-2 ("right") publish as {@code admission}
     * admits, and the platform's route into {@code consumer}; returns once it is subscribed.
     */
    private void startGuarded(IngestGate admission, IngestGate consumer) throws Exception {
        guarded = EmbeddedMqttBroker.start(
                "127.0.0.1",
                0,
                dir.resolve("guarded"),
                new EmbeddedMqttBroker.Users(
                        PLATFORM,
                        PLATFORM_SECRET,
                        PLATFORM_CLIENT_ID,
                        (user, pass) -> List.of("gw-1", "gw-2").contains(user) && "right".equals(pass),
                        gw -> admission.admits("mqtt", gw)));
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        route = new MqttIngestRoute(
                MqttSourceSettings.of(guarded.url())
                        .withLogin(PLATFORM, PLATFORM_SECRET)
                        .withRetryBackoff(Duration.ofMillis(100), Duration.ofMillis(400)),
                consumer,
                rejects,
                Clock.systemUTC());
        camel.addRoutes(route);
        camel.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> route.status().subscribed());
    }

    @Test
    void refusesAGatewaysPublicationsBeyondItsRateWhileAnotherGatewaysArriveAndAdmitsItAgainLater() throws Exception {
        // gateways may publish 1 message a second, 2 at once
        IngestGate gate = new IngestGate(ingest, registry, null, new IngestRate(1, 2));
        // the platform's consumer takes what the broker admitted, unlimited
        startGuarded(gate, new IngestGate(ingest, registry));

        MqttAsyncClient flood = connect(guarded, "gw-1");
        int tries = 10;
        long t0 = System.nanoTime();
        List<IMqttToken> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < tries; i++) {
            MqttMessage message = new MqttMessage(("reading " + i).getBytes(StandardCharsets.US_ASCII));
            message.setQos(1);
            tokens.add(flood.publish("vivacite/ingest/tic/gw-1", message));
        }
        List<Integer> codes = new java.util.ArrayList<>();
        for (IMqttToken token : tokens) {
            codes.add(reasonCode(token));
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L + 1;
        long admitted = codes.stream().filter(c -> c < 0x80).count();
        long refused = codes.stream().filter(c -> c == 0x87).count();
        assertThat(admitted + refused)
                .as("every PUBACK a success or 0x87: " + codes)
                .isEqualTo(tries);
        assertThat(admitted)
                .as("its burst, and a token a second of the " + seconds + " s it took at most: " + codes)
                .isBetween(2L, 2L + seconds);
        assertThat(refused).isPositive();

        assertThat(publishAs(guarded, "gw-2", "vivacite/ingest/tic/gw-2"))
                .as("another gateway meanwhile")
                .isLessThan(0x80);
        await().atMost(Duration.ofSeconds(20)).until(() -> received("gw-2") == 1 && received("gw-1") == admitted);

        Thread.sleep(1_100); // a token again
        MqttMessage again = new MqttMessage("reading again".getBytes(StandardCharsets.US_ASCII));
        again.setQos(1);
        assertThat(reasonCode(flood.publish("vivacite/ingest/tic/gw-1", again)))
                .as("after waiting, on the same connection")
                .isLessThan(0x80);
        await().atMost(Duration.ofSeconds(20)).until(() -> received("gw-1") == admitted + 1);
        flood.disconnect().waitForCompletion(5_000);
        flood.close();
        assertThat(registry.get(IngestGate.RATE_REFUSED)
                        .tags("source", "mqtt", "gateway", "gw-1")
                        .counter()
                        .count())
                .isEqualTo(refused);
        assertThat(registry.find(IngestGate.RATE_REFUSED).tag("gateway", "gw-2").counter())
                .isNull();
    }

    private long received(String gateway) {
        return ingest.accepted().stream()
                .filter(e -> gateway.equals(e.gateway()))
                .count();
    }

    private static long lettersOf(DeadLetterStore letters, String gateway) {
        return letters.list(l -> gateway.equals(l.envelope().gateway())).size();
    }

    private static MqttAsyncClient connect(EmbeddedMqttBroker broker, String user) throws MqttException {
        return connectAs(broker, user, user + "/" + UUID.randomUUID());
    }

    /** Connects as a gateway (password {@code right}) with the client id given. */
    private static MqttAsyncClient connectAs(EmbeddedMqttBroker broker, String user, String clientId)
            throws MqttException {
        return connect(broker, user, "right", clientId);
    }

    private static MqttAsyncClient connect(EmbeddedMqttBroker broker, String user, String password, String clientId)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** The broker's answer to a QoS 1 publication: its PUBACK reason code (0x80 or more: refused). */
    private static int publishAs(EmbeddedMqttBroker broker, String user, String topic) throws MqttException {
        MqttAsyncClient client = connect(broker, user);
        try {
            MqttMessage message = new MqttMessage("reading".getBytes(StandardCharsets.US_ASCII));
            message.setQos(1);
            return reasonCode(client.publish(topic, message));
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
    }

    /** A request's reason code, or the client's error code when the broker dropped the connection. */
    private static int reasonCode(IMqttToken token) {
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException e) {
            return Math.max(0x80, e.getReasonCode());
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }
}
