package org.vivacite.portal.identity;

/** Identity cannot do what was asked: the message names the input (account, file, setting) and the rule. */
public class IdentityException extends RuntimeException {

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
