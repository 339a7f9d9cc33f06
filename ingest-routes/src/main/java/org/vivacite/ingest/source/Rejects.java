package org.vivacite.ingest.source;

import java.time.Instant;

/**
 * Takes a payload that a source received but could not wrap in an {@link
 * org.vivacite.ingest.Envelope}, for example an MQTT message on a topic naming an unknown format.
 * The server hands it to the ingest port as an envelope without a format, which the pipeline keeps
 * in the dead-letter store with the reason {@code unknown-format}. Called before the sender is
 * acknowledged: if it throws, the source does not acknowledge.
 */
@FunctionalInterface
public interface Rejects {

    /**
     * @param source the kind of source ({@code mqtt}…)
     * @param origin where it came from: the MQTT topic, the file name; never a secret
     * @param receivedAt when the platform received it
     * @param payload the raw bytes
     * @param reason why it could not be taken in
     */
    void reject(String source, String origin, Instant receivedAt, byte[] payload, String reason);
}
