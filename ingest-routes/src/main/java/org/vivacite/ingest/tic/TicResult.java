package org.vivacite.ingest.tic;

import java.util.List;
import org.vivacite.ingest.DecodedReading;

/**
 * What a TIC stream gave: the readings of its complete frames, the datasets refused (each with its
 * reason, the rest of their frame still used), and notes on what was usable but doubtful (a meter
 * clock not synchronised, a frame interrupted and dropped).
 */
public record TicResult(List<DecodedReading> readings, List<RejectedDataset> rejected, List<String> notes) {

    public TicResult {
        readings = List.copyOf(readings);
        rejected = List.copyOf(rejected);
        notes = List.copyOf(notes);
    }
}
