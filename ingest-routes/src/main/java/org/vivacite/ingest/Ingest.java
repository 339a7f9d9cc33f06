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
}
