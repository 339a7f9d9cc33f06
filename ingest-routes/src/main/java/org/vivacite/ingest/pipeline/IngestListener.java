package org.vivacite.ingest.pipeline;

import org.vivacite.ingest.deadletter.Reason;

/** What the pipeline tells about its work, for metrics: the app counts it with Micrometer. */
public interface IngestListener {

    /** Readings written (or already there) from a source. */
    default void accepted(String source, int readings) {}

    /**
     * Readings not kept because they are finer than the step the household consented to, by reason
     * ({@code between-steps}, {@code instantaneous}, {@code across-steps}, {@code partial-step}:
     * {@link ConsentFilter}).
     */
    default void withheld(String source, String reason, int readings) {}

    /** An input of a source that went to the dead-letter store. */
    default void rejected(String source, Reason reason) {}

    /** Derived consumption intervals that could not be derived (a register that went down). */
    default void underived(int intervals) {}

    IngestListener NONE = new IngestListener() {};
}
