package org.vivacite.app.ingest;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.vivacite.ingest.source.IngestRate;

/** Settings of the ingest sources; docs/configuration.md lists them with their defaults. */
final class IngestSourcesProperties {

    private IngestSourcesProperties() {}

    /**
     * {@code vivacite.mqtt.*}.
     *
     * @param enabled whether the MQTT source runs
     * @param url the city's broker; unset: an embedded broker is started (always with {@code --demo})
     * @param host the embedded broker's address
     * @param port the embedded broker's port ({@code 0}: a free one)
     * @param clientId the platform's client id (its persistent session)
     * @param username user at the city's broker, or none
     * @param password its password
     * @param concurrency messages handed to the pipeline at once
     * @param sessionExpiry how long the broker keeps the platform's session while it is away
     */
    @ConfigurationProperties("vivacite.mqtt")
    record Mqtt(
            @DefaultValue("true") boolean enabled,
            String url,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("1883") int port,
            @DefaultValue("vivacite-ingest") String clientId,
            String username,
            String password,
            @DefaultValue("256") int concurrency,
            @DefaultValue("1d") Duration sessionExpiry) {

        boolean embedded(boolean demo) {
            return demo || url == null || url.isBlank();
        }
    }

    /**
     * {@code vivacite.coap.*}.
     *
     * @param enabled whether the CoAP source runs
     * @param plain whether plain (unauthenticated) CoAP listens
     * @param plainHost its address: loopback unless configured
     * @param port its port ({@code 0}: a free one)
     * @param secureHost the DTLS address
     * @param securePort the DTLS port ({@code 0}: a free one)
     * @param psk identity (the gateway id) → pre-shared key in hex; DTLS listens only when there is one
     */
    @ConfigurationProperties("vivacite.coap")
    record Coap(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean plain,
            @DefaultValue("127.0.0.1") String plainHost,
            @DefaultValue("5683") int port,
            @DefaultValue("0.0.0.0") String secureHost,
            @DefaultValue("5684") int securePort,
            Map<String, String> psk) {

        Coap {
            psk = psk == null ? Map.of() : Map.copyOf(psk);
        }
    }

    /**
     * {@code vivacite.ingest.*}.
     *
     * @param maxPayload the largest HTTP body {@code POST /ingest/…} takes; beyond, 413. The embedded
     *     MQTT broker closes the connection of a packet larger than this and 64 KiB, before reading it
     * @param inbox whether the drop folders {@code {data}/inbox/{format}/} are watched
     * @param inboxPoll how often they are looked at
     * @param rate how often each gateway may send, {@code vivacite.ingest.rate.*}
     */
    @ConfigurationProperties("vivacite.ingest")
    record Ingest(
            @DefaultValue("16MB") DataSize maxPayload,
            @DefaultValue("true") boolean inbox,
            @DefaultValue("1s") Duration inboxPoll,
            @DefaultValue Rate rate) {}

    /**
     * {@code vivacite.ingest.rate.*}: how often each gateway may send payloads, over HTTP, CoAP and
     * the embedded MQTT broker together (docs/ingest.md, "Ingest rate").
     *
     * @param payloadsPerSecond payloads a second a gateway may send in the long run; {@code 0}: no
     *     limit
     * @param burst payloads it may send at once after a quiet time
     */
    record Rate(
            @DefaultValue("50") long payloadsPerSecond,
            @DefaultValue("200") long burst) {

        /** The limiter these settings make: one for the whole server. */
        IngestRate limiter() {
            return new IngestRate(payloadsPerSecond, burst);
        }
    }
}
