package org.vivacite.portal.rights;

/** A request about personal-data rights refused: the message names the field and what is wrong. */
public class RightsException extends RuntimeException {

    public RightsException(String message) {
        super(message);
    }
}
