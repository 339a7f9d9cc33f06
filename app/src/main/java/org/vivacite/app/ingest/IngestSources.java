package org.vivacite.app.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.vivacite.app.security.Credentials;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.IngestRate;
import org.vivacite.ingest.source.Rejects;
import org.vivacite.ingest.source.coap.CoapIngestRoute;
import org.vivacite.ingest.source.coap.CoapIngestServer;
import org.vivacite.ingest.source.coap.CoapSourceSettings;
import org.vivacite.ingest.source.file.FileIngestRoute;
import org.vivacite.ingest.source.mqtt.EmbeddedMqttBroker;
import org.vivacite.ingest.source.mqtt.MqttIngestRoute;
import org.vivacite.ingest.source.mqtt.MqttPacketLimit;
import org.vivacite.ingest.source.mqtt.MqttSourceSettings;

/**
 * The MQTT, CoAP and file sources of a running server: one Camel context, the embedded MQTT broker
 * when there is no city broker, the CoAP server. Started after the rest of the application (the
 * stores, the pipeline) and stopped before it; only when there is an {@link Ingest} to feed.
 */
public final class IngestSources implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IngestSources.class);

    private final ObjectProvider<Ingest> ingest;
    private final ObjectProvider<Rejects> rejects;
    private final ObjectProvider<DeadLetterStore> deadLetters;
    private final MeterRegistry registry;
    private final IngestRate rate;
    private final Credentials credentials;
    private final IngestSourcesProperties.Mqtt mqtt;
    private final IngestSourcesProperties.Coap coap;
    private final IngestSourcesProperties.Ingest files;
    private final Path data;
    private final boolean demo;

    private volatile boolean running;
    private DefaultCamelContext camel;
    private volatile MqttIngestRoute mqttRoute;
    private volatile boolean noPipeline;
    private EmbeddedMqttBroker broker;
    private CoapIngestServer coapServer;

    IngestSources(
            ObjectProvider<Ingest> ingest,
            ObjectProvider<Rejects> rejects,
            ObjectProvider<DeadLetterStore> deadLetters,
            MeterRegistry registry,
            IngestRate rate,
            Credentials credentials,
            IngestSourcesProperties.Mqtt mqtt,
            IngestSourcesProperties.Coap coap,
            IngestSourcesProperties.Ingest files,
            Path data,
            boolean demo) {
        this.ingest = ingest;
        this.rejects = rejects;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.rate = rate;
        this.credentials = credentials;
        this.mqtt = mqtt;
        this.coap = coap;
        this.files = files;
        this.data = data;
        this.demo = demo;
    }

    @Override
    public synchronized void start() {
        running = true;
        Ingest port = ingest.getIfAvailable();
        if (port == null) {
            noPipeline = true;
            LOG.info("No ingest pipeline in this build: the MQTT, CoAP and file sources are not started");
            return;
        }
        Clock clock = Clock.systemUTC();
        // The dead-letter quota and the rate of a gateway are checked where it can be told to send
        // again: CoAP answers, and the embedded MQTT broker refuses a publication. Past that door,
        // the MQTT route cannot refuse (the broker acknowledged the message: a city's broker has no
        // door), and drop folders are the operator's, with no gateway: their letters are kept beyond
        // a gateway's quota (the store's total still refuses, and the message or file then waits),
        // and they are read at the pace of the poll.
        IngestGate gate = new IngestGate(port, registry);
        IngestGate admitting = new IngestGate(port, registry, deadLetters.getIfAvailable(), rate);
        // what cannot become an envelope of a known format still goes through the port, which keeps
        // it in the dead-letter store (reason unknown-format)
        Rejects unwrapped = rejects.getIfAvailable(() -> (source, origin, receivedAt, payload, reason) ->
                port.accept(new org.vivacite.ingest.Envelope(null, source, origin, null, receivedAt, payload, null)));
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("vivacite-ingest");
        camel.getShutdownStrategy().setTimeout(15);
        try {
            if (mqtt.enabled()) {
                mqttRoute = new MqttIngestRoute(mqttSettings(admitting), gate, unwrapped, clock);
                camel.addRoutes(mqttRoute);
            }
            if (coap.enabled()) {
                camel.addRoutes(new CoapIngestRoute(admitting));
            }
            if (files.inbox()) {
                camel.addRoutes(new FileIngestRoute(data.resolve("inbox"), files.inboxPoll(), gate, clock));
            }
            camel.start();
            if (coap.enabled()) {
                coapServer = CoapIngestServer.start(coapSettings(), camel, clock);
            }
        } catch (Exception e) {
            stopAll();
            running = false;
            throw new IllegalStateException("cannot start the ingest sources: " + e.getMessage(), e);
        }
    }

    /**
     * The broker's address for the platform's own client: the embedded one's (which refuses a
     * gateway's publications while the gateway is at its dead-letter quota or beyond its rate), or
     * the city's.
     */
    private MqttSourceSettings mqttSettings(IngestGate admitting) {
        if (!mqtt.embedded(demo)) {
            return settings(mqtt.url()).withLogin(mqtt.username(), mqtt.password());
        }
        // The platform logs in to its own broker with a secret made for this run; gateways with their token.
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        BiPredicate<String, String> gateways = (user, token) -> credentials
                .holderOf(token)
                .filter(h -> h.role() == Credentials.Role.GATEWAY && h.name().equals(user))
                .isPresent();
        broker = EmbeddedMqttBroker.start(
                mqtt.host(),
                mqtt.port(),
                data.resolve("mqtt"),
                new EmbeddedMqttBroker.Users(
                        EmbeddedMqttBroker.PLATFORM_USER,
                        secret,
                        mqtt.clientId(),
                        gateways,
                        gateway -> admitting.admits(MqttIngestRoute.SOURCE, gateway)),
                MqttPacketLimit.forPayload(
                        files.maxPayload().toBytes(),
                        (gateway, size) -> admitting.oversized(MqttIngestRoute.SOURCE, gateway)));
        return settings(broker.url()).withLogin(EmbeddedMqttBroker.PLATFORM_USER, secret);
    }

    private MqttSourceSettings settings(String url) {
        MqttSourceSettings defaults = MqttSourceSettings.of(url);
        return new MqttSourceSettings(
                url,
                mqtt.clientId(),
                null,
                null,
                mqtt.concurrency(),
                mqtt.sessionExpiry(),
                defaults.retryBackoff(),
                defaults.maxRetryBackoff());
    }

    private CoapSourceSettings coapSettings() {
        boolean secure = !coap.psk().isEmpty();
        if (!secure) {
            LOG.info("CoAP over DTLS off: no pre-shared key configured (vivacite.coap.psk.<identity>)");
        }
        return new CoapSourceSettings(
                coap.plain() ? coap.plainHost() : null,
                coap.port(),
                secure ? coap.secureHost() : null,
                coap.securePort(),
                CoapSourceSettings.hexKeys(coap.psk()));
    }

    /**
     * Whether the MQTT consumer is subscribed, and if not why (not started yet, or stopped); empty
     * when there is no pipeline to feed, so the source never runs.
     */
    Optional<MqttIngestRoute.Status> mqttStatus() {
        MqttIngestRoute route = mqttRoute;
        if (route != null) {
            return Optional.of(route.status());
        }
        return noPipeline
                ? Optional.empty()
                : Optional.of(new MqttIngestRoute.Status(false, "not subscribed: the MQTT source is not running"));
    }

    /** The embedded broker's URL, or null when the city's broker is used. */
    public String embeddedBrokerUrl() {
        return broker == null ? null : broker.url();
    }

    public int coapPort() {
        return coapServer == null ? -1 : coapServer.plainPort();
    }

    int coapSecurePort() {
        return coapServer == null ? -1 : coapServer.securePort();
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopAll();
    }

    private void stopAll() {
        if (coapServer != null) {
            coapServer.close();
            coapServer = null;
        }
        if (camel != null) {
            camel.stop();
            camel = null;
        }
        mqttRoute = null;
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (which starts in phase {@code Integer.MAX_VALUE - 1024}), stopped before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 512;
    }
}
