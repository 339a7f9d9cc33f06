package org.vivacite.portal.targets;

/** A target that cannot be set: the message names the field and what is wrong with it. */
public class TargetsException extends RuntimeException {

    private final String field;

    public TargetsException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The form field at fault. */
    public String field() {
        return field;
    }
}
