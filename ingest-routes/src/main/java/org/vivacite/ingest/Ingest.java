package org.vivacite.ingest;

/**
 * The ingest port every source calls: decodes a payload, maps its readings to observations and
 * writes them into the private store; what it cannot write goes to the dead-letter store with its
 * reason. When it returns, the outcome is durable (the readings committed, the rejects in the
 * dead-letter store): a source acknowledges its sender only then. When it throws, nothing was
 * acknowledged and the sender should deliver again (writes are idempotent). Thread-safe.
 */
public interface Ingest {

    Outcome accept(Envelope envelope);

    /**
     * Keeps the head of a payload too large to be taken, which the source read only so far, with
     * the size the payload had: a dead letter of reason {@code too-large}, marked truncated. Durable
     * when it returns, as {@link #accept} is.
     *
     * @param head the envelope with the payload's first bytes
     * @param size the payload's size in bytes, or -1 when the source does not know it
     */
    default Outcome tooLarge(Envelope head, long size) {
        throw new UnsupportedOperationException("this ingest port keeps no dead letters");
    }
}
