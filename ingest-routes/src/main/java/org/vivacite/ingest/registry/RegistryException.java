package org.vivacite.ingest.registry;

import org.vivacite.ingest.DecodeException;

/** A registry file or entry that cannot be taken: the message names the line and the column. */
public class RegistryException extends DecodeException {

    public RegistryException(String message) {
        super(message);
    }
}
