package org.vivacite.ingest.consent;

/** A consent that cannot be given or changed as asked; the message names the field and the rule broken. */
public class ConsentException extends RuntimeException {

    public ConsentException(String message) {
        super(message);
    }
}
