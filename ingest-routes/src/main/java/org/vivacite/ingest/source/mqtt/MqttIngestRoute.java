package org.vivacite.ingest.source.mqtt;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.Rejects;

/**
 * MQTT to the port: subscribes to {@code vivacite/ingest/+/+} at QoS 1 and hands each message to
 * {@link org.vivacite.ingest.Ingest}.
 *
 * <p><b>Acknowledged after commit.</b> The consumer ({@link AckAfterCommitConsumer}) runs Paho with
 * manual acknowledgements: it sends the PUBACK from the exchange's completion, only when the route
 * completed without an exception, that is after {@code Ingest.accept} returned. A failed exchange is not acknowledged;
 * {@link MqttSessionRetry} then resumes the persistent session ({@code cleanStart=false}, session
 * expiry from the settings) so that the broker delivers the message again.
 *
 * <p><b>Subscribed again after any reconnection</b>, since the broker may have lost the session;
 * {@link #status()} says whether the consumer is subscribed now, and if not why (the server's
 * health reports it).
 *
 * <p><b>Not serialised.</b> Paho calls back on one thread; the route hands each message to a pool
 * of {@code concurrency} threads at once and returns, so slow commits overlap. When the pool and
 * its queue are full the callback thread runs the message itself, which holds back the next ones.
 */
public final class MqttIngestRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "ingest-mqtt";

    /** The source its envelopes and counters are tagged with. */
    public static final String SOURCE = "mqtt";

    /**
     * Whether the platform's consumer is subscribed, so that messages reach it.
     *
     * @param subscribed whether it is
     * @param detail what it is subscribed to, or why it is not
     */
    public record Status(boolean subscribed, String detail) {
        static Status up(String detail) {
            return new Status(true, detail);
        }

        static Status down(String detail) {
            return new Status(false, "not subscribed: " + detail);
        }
    }

    private final AtomicReference<Status> status = new AtomicReference<>(Status.down("not started"));

    private final MqttSourceSettings settings;
    private final IngestGate gate;
    private final Rejects rejects;
    private final Clock clock;

    public MqttIngestRoute(MqttSourceSettings settings, IngestGate gate, Rejects rejects, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.rejects = Objects.requireNonNull(rejects, "rejects");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void configure() {
        PahoMqtt5Configuration config = new PahoMqtt5Configuration();
        config.setBrokerUrl(settings.brokerUrl());
        config.setClientId(settings.clientId());
        config.setUserName(settings.username());
        config.setPassword(settings.password());
        config.setQos(1);
        config.setManualAcksEnabled(true);
        config.setCleanStart(false);
        config.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        config.setAutomaticReconnect(true);
        config.setMaxReconnectDelay((int) settings.maxRetryBackoff().toMillis());
        // At most this many messages unacknowledged at once: the pool, its queue and one more each.
        int inFlight = settings.concurrency() * 4;
        config.setReceiveMaximum(inFlight);

        PahoMqtt5Component component = getContext().getComponent("paho-mqtt5", PahoMqtt5Component.class);
        AckAfterCommitEndpoint endpoint =
                new AckAfterCommitEndpoint(MqttTopics.SUBSCRIPTION, component, config, status);
        MqttSessionRetry retry =
                new MqttSessionRetry(getContext(), ROUTE_ID, settings.retryBackoff(), settings.maxRetryBackoff());
        endpoint.setExceptionHandler(retry);
        MqttReceiver receiver = new MqttReceiver(gate, rejects, clock);

        errorHandler(noErrorHandler());
        from(endpoint)
                .routeId(ROUTE_ID)
                .threads(settings.concurrency(), settings.concurrency())
                .maxQueueSize(inFlight - settings.concurrency())
                .threadName("vivacite-mqtt-ingest")
                .process(exchange -> {
                    receiver.process(exchange);
                    retry.succeeded();
                });
    }

    /** Whether the consumer is subscribed now, and if not why. */
    public Status status() {
        return status.get();
    }
}
