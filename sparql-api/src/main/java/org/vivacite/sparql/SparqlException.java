package org.vivacite.sparql;

/**
 * Something the SPARQL API refuses or cannot do, with the HTTP status that says so and a message
 * that names the input and what is wrong. The one exception base of this module.
 */
public class SparqlException extends RuntimeException {

    private final int status;

    public SparqlException(int status, String message) {
        super(message);
        this.status = status;
    }

    public SparqlException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }
}
