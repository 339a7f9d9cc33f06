package org.vivacite.ingest.tic;

import org.vivacite.ingest.DecodeException;

/**
 * A dataset, or a whole frame, that could not be used, and why: for the dead-letter store.
 *
 * @param frame the frame's position in the stream (0 for the first frame read)
 * @param label the dataset's label, or null when it could not be read or the frame as a whole is
 *     meant
 * @param reason what rule was broken; names the label, never the value
 */
public record RejectedDataset(int frame, String label, String reason) {

    /** The reason as the subsystem's exception, for callers that dead-letter exceptions. */
    public DecodeException toException() {
        return new DecodeException(reason);
    }
}
