package org.vivacite.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * A payload as a source received it, before anything is decoded: what every source hands to
 * {@link Ingest}, and what the dead-letter store keeps of an input it could not write.
 *
 * @param format the payload's format; null only in the dead letter of a payload whose format no
 *     decoder has (an MQTT topic naming an unknown format)
 * @param source the kind of source: {@code mqtt}, {@code coap}, {@code http}, {@code file}…
 *     (a dead letter replayed keeps its own)
 * @param gateway the sender: gateway id (MQTT topic, HTTP token's gateway, CoAP identity), file
 *     name; never a secret. A gateway may report only the meters the registry lets it; files of
 *     the drop folders are the operator's ({@link #fromGateway})
 * @param messageId an identifier of the message at its source (MQTT message id, file name, HTTP
 *     request id), for provenance; may be null
 * @param receivedAt when the platform received it
 * @param payload the raw bytes, as received
 * @param rssi the radio signal strength the gateway reported, in dBm, or null
 */
public record Envelope(
        Format format,
        String source,
        String gateway,
        String messageId,
        Instant receivedAt,
        byte[] payload,
        Integer rssi) {

    public Envelope {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** The source of the drop folders ({@code {data}/inbox/}): files the operator, who holds the data directory, put there. */
    public static final String DROP_FOLDER = "file";

    /**
     * Whether a gateway sent it, so that it may report only the meters whose registry row lets
     * that gateway; false for a drop folder's file, which the operator put there (whoever can write
     * into the data directory can also change the registry).
     */
    public boolean fromGateway() {
        return !DROP_FOLDER.equals(source);
    }

    /** An envelope without message id nor signal strength. */
    public static Envelope of(Format format, String source, String gateway, Instant receivedAt, byte[] payload) {
        return new Envelope(format, source, gateway, null, receivedAt, payload, null);
    }

    /** The format's name, or {@code unknown}. */
    public String formatName() {
        return format == null ? "unknown" : format.id();
    }

    /** The same envelope around another payload (a part of this one: a line, a frame, a record). */
    public Envelope withPayload(byte[] part) {
        return new Envelope(format, source, gateway, messageId, receivedAt, part, rssi);
    }
}
