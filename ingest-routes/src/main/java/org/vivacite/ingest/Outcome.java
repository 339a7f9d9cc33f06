package org.vivacite.ingest;

import java.util.List;

/**
 * What became of a payload: how many readings were written (committed, durable) and how many
 * inputs (telegrams, frames, records, rows) were rejected to the dead-letter store, with their
 * reasons and dead-letter ids.
 *
 * @param accepted readings written, or already in the store (a redelivery)
 * @param rejected inputs that went to the dead-letter store
 * @param rejections why, one per rejected input
 */
public record Outcome(int accepted, int rejected, List<Rejection> rejections) {

    /** One rejected input: the dead letter it became and the reason. */
    public record Rejection(String deadLetterId, String reason, String detail) {}

    public Outcome {
        rejections = List.copyOf(rejections);
    }
}
