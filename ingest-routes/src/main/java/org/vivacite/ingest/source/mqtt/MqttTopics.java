package org.vivacite.ingest.source.mqtt;

import java.util.Optional;

/** The topics gateways publish to: {@code vivacite/ingest/{format}/{gatewayId}}. */
final class MqttTopics {

    /** What the platform subscribes to. */
    static final String SUBSCRIPTION = "vivacite/ingest/+/+";

    private static final String PREFIX = "vivacite/ingest/";

    /** A topic's format and gateway levels, as written (the format not yet checked). */
    record Levels(String format, String gateway) {}

    private MqttTopics() {}

    /** The two levels after {@code vivacite/ingest/}, or empty when the topic has another shape. */
    static Optional<Levels> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Levels(rest.substring(0, slash), rest.substring(slash + 1)));
    }
}
