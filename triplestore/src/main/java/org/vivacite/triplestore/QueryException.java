package org.vivacite.triplestore;

/** A query or update that cannot be run as written: syntax error, wrong form, refused feature. */
public class QueryException extends StoreException {

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
