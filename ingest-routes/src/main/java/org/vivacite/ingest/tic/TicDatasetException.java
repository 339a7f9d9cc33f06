package org.vivacite.ingest.tic;

import org.vivacite.ingest.DecodeException;

/** A TIC dataset whose shape, checksum, value or horodate is wrong. The message names the label. */
public class TicDatasetException extends DecodeException {

    private final String label;

    public TicDatasetException(String label, String message) {
        super(message);
        this.label = label;
    }

    /** The dataset's label, or null if it could not be read. */
    public String label() {
        return label;
    }
}
