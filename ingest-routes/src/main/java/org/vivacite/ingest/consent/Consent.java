package org.vivacite.ingest.consent;

import java.time.Duration;
import java.time.Instant;

/**
 * One consent of a household, for one purpose, as the consent graph holds it.
 *
 * @param id its identifier ({@code {base}consent/{id}})
 * @param dwelling the IRI of the dwelling (or building) whose data it covers
 * @param purpose what for
 * @param step for {@link Purpose#FINE_DATA}, the finest step kept; otherwise {@code P1D}
 * @param from when it starts
 * @param until when it ends (at most {@link Consents#MAX_LENGTH} after {@code from})
 * @param withdrawn when it was withdrawn, or null
 * @param subject the OIDC subject of the account that gave it, or null when it was imported from
 *     the meter registry
 * @param recorded when it was recorded
 */
public record Consent(
        String id,
        String dwelling,
        Purpose purpose,
        Duration step,
        Instant from,
        Instant until,
        Instant withdrawn,
        String subject,
        Instant recorded) {

    /** Whether it allows processing at that instant: started, not ended, not withdrawn. */
    public boolean activeAt(Instant t) {
        return !t.isBefore(from) && t.isBefore(until) && (withdrawn == null || t.isBefore(withdrawn));
    }

    /** Whether it was imported from the meter registry rather than given by a person. */
    public boolean fromRegistry() {
        return subject == null;
    }

    /** Its DPV status at that instant: {@code given}, {@code withdrawn} or {@code expired}. */
    public String status(Instant at) {
        if (withdrawn != null) {
            return "withdrawn";
        }
        return at.isBefore(until) ? "given" : "expired";
    }

    Consent withdrawnAt(Instant t) {
        return new Consent(id, dwelling, purpose, step, from, until, t, subject, recorded);
    }

    /** The same consent ending at {@code t} (at its start, if it had not begun by then). */
    Consent endingAt(Instant t) {
        return new Consent(id, dwelling, purpose, step, from, t.isAfter(from) ? t : from, withdrawn, subject, recorded);
    }
}
