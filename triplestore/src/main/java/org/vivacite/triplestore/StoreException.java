package org.vivacite.triplestore;

/** Base of every error raised by the triplestore layer; the message names the store and what failed. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
