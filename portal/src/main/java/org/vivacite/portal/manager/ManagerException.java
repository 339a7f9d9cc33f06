package org.vivacite.portal.manager;

/** A building manager's request refused; the message names the input and the rule broken. */
public class ManagerException extends RuntimeException {

    public ManagerException(String message) {
        super(message);
    }

    /** A building that is not assigned to the manager asking: {@code 403}. */
    public static final class NotAssigned extends ManagerException {
        public NotAssigned(String building) {
            super("building: " + building + " is not assigned to you");
        }
    }
}
