package org.vivacite.portal.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.ConsentException;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.portal.Enrolments;

/**
 * A person's consents: those of the dwellings they are enrolled in now, given and withdrawn by
 * them, each change with a signed receipt. A consent or receipt of another household is as absent
 * as one that does not exist.
 */
public final class PersonalConsents {

    private final Consents consents;
    private final Enrolments enrolments;
    private final ConsentReceipts receipts;
    private final Clock clock;

    public PersonalConsents(Consents consents, Enrolments enrolments, ConsentReceipts receipts, Clock clock) {
        this.consents = consents;
        this.enrolments = enrolments;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** A consent changed, and the receipt of the change. */
    public record Change(Consent consent, ConsentReceipts.Receipt receipt) {}

    /**
     * The consents of the dwellings the person is enrolled in now that concern their household:
     * those they gave, those of the meter registry in effect since they moved in, and those recorded
     * since then; not the consents of an earlier household (its people's, or the registry's that
     * its move-out ended).
     */
    public List<Consent> list(String subject) {
        List<Enrolments.Enrolment> mine = enrolments.of(subject, clock.instant());
        return consents
                .of(mine.stream().map(Enrolments.Enrolment::dwelling).distinct().toList())
                .stream()
                .filter(c -> mine.stream().anyMatch(e -> e.dwelling().equals(c.dwelling()) && ours(c, subject, e)))
                .toList();
    }

    private static boolean ours(Consent c, String subject, Enrolments.Enrolment e) {
        boolean since = c.until().isAfter(e.from())
                && (c.withdrawn() == null || c.withdrawn().isAfter(e.from()));
        return (c.fromRegistry() && since)
                || subject.equals(c.subject())
                || !c.recorded().isBefore(e.from());
    }

    /**
     * Gives a consent for a dwelling the person is enrolled in (the only one when {@code dwelling}
     * is null).
     *
     * @throws ConsentException naming the field: no such dwelling of theirs, or one of {@link Consents#give}'s rules
     */
    public Change give(String subject, String dwelling, Purpose purpose, Duration step, Instant from, Instant until) {
        List<String> mine = dwellings(subject);
        String d;
        if (dwelling == null) {
            if (mine.size() != 1) {
                throw new ConsentException(
                        "dwelling: you are enrolled in " + mine.size() + " dwellings; name the one the consent is for");
            }
            d = mine.get(0);
        } else if (mine.contains(dwelling)) {
            d = dwelling;
        } else {
            throw new ConsentException("dwelling: you are not enrolled in " + dwelling);
        }
        Consent c = consents.give(subject, d, purpose, step, from, until);
        return new Change(c, receipts.issue(c, "given", c.recorded(), subject));
    }

    /** Withdraws a consent of one of the person's dwellings, effective at once; empty if there is none such. */
    public Optional<Change> withdraw(String subject, String id) {
        Optional<Consent> c = consents.get(id).filter(x -> list(subject).contains(x));
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Consent withdrawn = consents.withdraw(id).consent();
        return Optional.of(
                new Change(withdrawn, receipts.issue(withdrawn, "withdrawn", withdrawn.withdrawn(), subject)));
    }

    /** A receipt issued to that person. */
    public Optional<ConsentReceipts.Receipt> receipt(String subject, String id) {
        return receipts.get(id).filter(r -> r.account().equals(Consents.account(subject)));
    }

    private List<String> dwellings(String subject) {
        return enrolments.of(subject, clock.instant()).stream()
                .map(Enrolments.Enrolment::dwelling)
                .distinct()
                .toList();
    }
}
