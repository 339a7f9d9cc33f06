package org.vivacite.simulator.feed;

/**
 * A payload was not delivered: the peer could not be reached or refused it. The message names the
 * destination and what the peer said; it never holds payload bytes nor credentials.
 */
public class FeedException extends RuntimeException {

    public FeedException(String message) {
        super(message);
    }

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
