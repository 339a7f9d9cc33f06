package org.vivacite.portal;

import java.time.Instant;
import java.util.List;

/**
 * Which dwellings a person may see: an account is enrolled in a dwelling with a one-time code the
 * operator generated for it, from that day until the person moves out. Personal reads go through a
 * {@code PersonalView} over the graphs of the enrolments active at the time of the read.
 */
public interface Enrolments {

    /**
     * One person in one dwelling.
     *
     * @param subject the account's OIDC subject
     * @param dwelling the dwelling's IRI
     * @param graphs the private graphs of the dwelling's meters
     * @param from the move-in: when access starts, and the person's data with it
     * @param until the move-out date, null while the person lives there
     */
    record Enrolment(String subject, String dwelling, List<String> graphs, Instant from, Instant until) {

        public boolean activeAt(Instant t) {
            return !t.isBefore(from) && (until == null || t.isBefore(until));
        }

        /**
         * Whether {@code [start, end)} lies within the person's time in the dwelling: only readings
         * over such a period are theirs, the previous and next households' are not.
         */
        public boolean covers(Instant start, Instant end) {
            return !start.isBefore(from) && (until == null || !end.isAfter(until));
        }
    }

    /** The person's enrolments active at {@code at}. */
    List<Enrolment> of(String subject, Instant at);
}
