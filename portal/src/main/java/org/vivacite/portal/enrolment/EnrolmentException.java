package org.vivacite.portal.enrolment;

/** An enrolment refused; the message names the input and the rule broken, never which codes exist. */
public class EnrolmentException extends RuntimeException {

    public EnrolmentException(String message) {
        super(message);
    }
}
