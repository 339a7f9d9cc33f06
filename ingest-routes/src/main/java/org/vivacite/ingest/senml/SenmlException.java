package org.vivacite.ingest.senml;

import org.vivacite.ingest.DecodeException;

/** A SenML pack that breaks RFC 8428: the message names the record and the rule. */
public class SenmlException extends DecodeException {

    public SenmlException(String message) {
        super(message);
    }

    public SenmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
