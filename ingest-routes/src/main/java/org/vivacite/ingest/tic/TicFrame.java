package org.vivacite.ingest.tic;

import java.util.List;

/**
 * One frame read from a stream: the datasets whose checksums were right, those that were not.
 *
 * @param index the frame's position in the stream, from 0
 * @param datasets the datasets read, in order
 * @param rejected the datasets refused, with their reasons
 * @param interruption null for a frame that ended with ETX; otherwise why it did not (EOT, a new STX,
 *     the end of the stream)
 */
public record TicFrame(int index, List<TicDataset> datasets, List<RejectedDataset> rejected, String interruption) {

    public TicFrame {
        datasets = List.copyOf(datasets);
        rejected = List.copyOf(rejected);
    }

    /** Whether the frame ran from STX to ETX. */
    public boolean complete() {
        return interruption == null;
    }
}
