package org.vivacite.ingest.wmbus;

import org.vivacite.ingest.DecodeException;

/** A telegram no decoder here can read: manufacturer-specific data, an unsupported CI or security mode. */
public class UnsupportedTelegramException extends DecodeException {

    public UnsupportedTelegramException(String message) {
        super(message);
    }
}
