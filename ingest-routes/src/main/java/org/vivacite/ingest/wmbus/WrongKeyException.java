package org.vivacite.ingest.wmbus;

import org.vivacite.ingest.DecodeException;

/** An encrypted telegram that the meter's key does not decrypt (the check bytes 2F 2F do not come out). */
public class WrongKeyException extends DecodeException {

    public WrongKeyException(String message) {
        super(message);
    }
}
