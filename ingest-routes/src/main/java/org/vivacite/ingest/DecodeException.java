package org.vivacite.ingest;

/**
 * A payload, or part of one, that cannot be read: the one exception base of the ingest subsystem.
 * The message names the input (meter, line, label) and the rule broken; it never carries the
 * payload's bytes or a key. What raises it goes to the dead-letter store with this reason.
 */
public class DecodeException extends RuntimeException {

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
