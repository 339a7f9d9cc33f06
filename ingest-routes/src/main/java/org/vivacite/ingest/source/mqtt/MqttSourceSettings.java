package org.vivacite.ingest.source.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * How the MQTT source connects and consumes.
 *
 * @param brokerUrl the broker, e.g. {@code tcp://broker.city:1883}
 * @param clientId the platform's client id: fixed, so that its persistent session (and the
 *     messages it has not acknowledged) outlives a reconnection or a restart
 * @param username the user to log in as, or null
 * @param password its password, or null; never logged
 * @param concurrency how many messages are handed to the port at once
 * @param sessionExpiry how long the broker keeps the session (and queues messages) while the
 *     platform is away
 * @param retryBackoff the first wait before resuming the session after a failed delivery; it
 *     doubles up to {@link #maxRetryBackoff}
 * @param maxRetryBackoff the longest such wait
 */
public record MqttSourceSettings(
        String brokerUrl,
        String clientId,
        String username,
        String password,
        int concurrency,
        Duration sessionExpiry,
        Duration retryBackoff,
        Duration maxRetryBackoff) {

    public MqttSourceSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        if (concurrency < 1) {
            throw new IllegalArgumentException("MQTT concurrency must be at least 1, not " + concurrency);
        }
    }

    /** Anonymous, client id {@code vivacite-ingest}, 8 at once, a day of session, retries from 1 s to 30 s. */
    public static MqttSourceSettings of(String brokerUrl) {
        return new MqttSourceSettings(
                brokerUrl,
                "vivacite-ingest",
                null,
                null,
                8,
                Duration.ofDays(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    public MqttSourceSettings withLogin(String user, String secret) {
        return new MqttSourceSettings(
                brokerUrl, clientId, user, secret, concurrency, sessionExpiry, retryBackoff, maxRetryBackoff);
    }

    public MqttSourceSettings withRetryBackoff(Duration first, Duration max) {
        return new MqttSourceSettings(brokerUrl, clientId, username, password, concurrency, sessionExpiry, first, max);
    }

    public MqttSourceSettings withConcurrency(int n) {
        return new MqttSourceSettings(
                brokerUrl, clientId, username, password, n, sessionExpiry, retryBackoff, maxRetryBackoff);
    }

    @Override
    public String toString() {
        return "MqttSourceSettings[" + brokerUrl + ", client " + clientId + ", user " + username + "]";
    }
}
