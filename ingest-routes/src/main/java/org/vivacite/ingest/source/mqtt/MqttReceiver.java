package org.vivacite.ingest.source.mqtt;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.Rejects;

/**
 * One MQTT message to the port. Returns normally only when the message may be acknowledged: its
 * readings committed, or, for a message that can never be read (unknown format, unreadable
 * payload), once {@link Rejects} took it. Any other failure propagates, so the route fails the
 * exchange and the message is not acknowledged.
 */
final class MqttReceiver implements Processor {

    static final String SOURCE = MqttIngestRoute.SOURCE;

    private static final Logger LOG = LoggerFactory.getLogger(MqttReceiver.class);

    private final IngestGate gate;
    private final Rejects rejects;
    private final Clock clock;

    MqttReceiver(IngestGate gate, Rejects rejects, Clock clock) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.rejects = Objects.requireNonNull(rejects, "rejects");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getIn().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        byte[] payload = exchange.getIn().getBody(byte[].class);
        if (payload == null) {
            payload = new byte[0];
        }
        var receivedAt = clock.instant();
        Optional<MqttTopics.Levels> levels = MqttTopics.parse(topic);
        Format format;
        try {
            format = Format.of(levels.map(MqttTopics.Levels::format).orElse(null));
        } catch (DecodeException e) {
            String reason = levels.isEmpty()
                    ? "topic '" + topic + "' is not vivacite/ingest/{format}/{gatewayId}"
                    : e.getMessage() + " (topic '" + topic + "')";
            LOG.warn("MQTT message refused: {}", reason);
            rejects.reject(SOURCE, topic, receivedAt, payload, reason);
            gate.refused(SOURCE);
            return;
        }
        MqttProperties properties =
                exchange.getIn().getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class);
        Envelope envelope = new Envelope(
                format, SOURCE, levels.get().gateway(), messageId(exchange), receivedAt, payload, rssi(properties));
        try {
            gate.accept(envelope);
        } catch (RuntimeException e) {
            if (!IngestGate.isUnreadable(e)) {
                throw e;
            }
            // The port stored nothing and a redelivery would fail the same way: keep it as a reject.
            String reason = IngestGate.reason(e);
            LOG.warn("MQTT message on '{}' unreadable: {}", topic, reason);
            rejects.reject(SOURCE, topic, receivedAt, payload, reason);
        }
    }

    private static String messageId(Exchange exchange) {
        Object message = exchange.getIn();
        if (message instanceof org.apache.camel.component.paho.mqtt5.PahoMqtt5Message paho
                && paho.getMqttMessage() != null) {
            return Integer.toString(paho.getMqttMessage().getId());
        }
        return null;
    }

    /** The {@code rssi} user property a gateway may add (dBm), when it is an integer. */
    static Integer rssi(MqttProperties properties) {
        if (properties == null || properties.getUserProperties() == null) {
            return null;
        }
        for (UserProperty p : properties.getUserProperties()) {
            if ("rssi".equalsIgnoreCase(p.getKey())) {
                try {
                    return Integer.valueOf(p.getValue().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
