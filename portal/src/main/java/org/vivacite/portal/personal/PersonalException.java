package org.vivacite.portal.personal;

/** A personal request refused; the message names the parameter and the rule broken. */
public class PersonalException extends RuntimeException {

    public PersonalException(String message) {
        super(message);
    }

    /** A dwelling the person is not enrolled in now: as absent as one that does not exist. */
    public static final class NotEnrolled extends PersonalException {
        public NotEnrolled(String dwelling) {
            super("dwelling: you are not enrolled in " + dwelling);
        }
    }
}
