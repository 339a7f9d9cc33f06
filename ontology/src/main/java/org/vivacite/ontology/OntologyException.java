package org.vivacite.ontology;

/** Base of every error raised by the ontology module: a missing resource, an unknown quantity. */
public class OntologyException extends RuntimeException {

    public OntologyException(String message) {
        super(message);
    }

    public OntologyException(String message, Throwable cause) {
        super(message, cause);
    }
}
