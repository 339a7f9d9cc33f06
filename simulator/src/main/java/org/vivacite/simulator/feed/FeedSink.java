package org.vivacite.simulator.feed;

import org.vivacite.simulator.WireFormat;

/**
 * Where the {@code simulate} command streams readings while it runs: a live server, through the
 * same path a real meter or gateway would take (HTTP, MQTT or CoAP).
 *
 * <p>One call to {@link #send} is one delivery: a line of telegrams, a TIC frame, a SenML pack, a
 * CSV file or a Data Connect document. It returns once the peer has acknowledged it and throws
 * {@link FeedException} otherwise.
 */
public interface FeedSink extends AutoCloseable {

    /**
     * Delivers one payload.
     *
     * @param format the wire format, which picks the ingest path or topic
     * @param contentType the payload's media type, e.g. {@code application/senml+cbor} for a SenML
     *     pack in CBOR; usually {@link WireFormat#mediaType()}
     * @param payload the bytes, sent unchanged
     * @throws FeedException if the peer cannot be reached or does not accept the payload
     */
    void send(WireFormat format, String contentType, byte[] payload);

    /** Releases the connection; no exception for a peer that has gone away. */
    @Override
    void close();
}
