package org.vivacite.ingest.wmbus;

import org.vivacite.ingest.DecodeException;

/** An encrypted telegram of a meter whose key is not known. */
public class MissingKeyException extends DecodeException {

    public MissingKeyException(String message) {
        super(message);
    }
}
