package org.vivacite.opendata;

/** The base of every open-data failure: the message names the dataset, release or input and what is wrong. */
public class OpenDataException extends RuntimeException {

    public OpenDataException(String message) {
        super(message);
    }

    public OpenDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
