package org.vivacite.app.cli;

/** A command could not do its work; the message is shown to the user as one line. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
