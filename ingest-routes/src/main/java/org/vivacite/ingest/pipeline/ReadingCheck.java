package org.vivacite.ingest.pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.ReadingKind;

/**
 * The checks of {@code shapes.ttl} that a decoded reading can fail, done in Java before mapping
 * (SHACL on every batch would cost more than the rest of the write path): the quantity is in the
 * registry, a cumulative register is not negative, an interval is positive, the value is a finite
 * number the store can hold, the time is not in the future beyond a margin, and it does not begin
 * before 1970 (a corrupted or absurd timestamp, which the time arithmetic of the registry and the
 * mapping could not even handle at the extremes of {@link Instant}). The other
 * constraints of the shapes hold by construction of {@code ObservationMapper} (one unit, the
 * canonical one; a result time with its offset; well-formed intervals). {@code ReadingCheckTest}
 * runs the same readings through this check and through SHACL and finds them agreeing.
 */
public final class ReadingCheck {

    /** Values beyond this are not readings of a city's meters but corrupted data. */
    private static final BigDecimal LIMIT = new BigDecimal("1e15");

    /** Times before this are not readings of a city's meters but corrupted data. */
    static final Instant EARLIEST = Instant.EPOCH;

    private final QuantityRegistry quantities;
    private final Duration futureMargin;

    public ReadingCheck(QuantityRegistry quantities, Duration futureMargin) {
        this.quantities = quantities;
        this.futureMargin = futureMargin;
    }

    /** What is wrong with a reading, or empty when it may be written. */
    public Optional<Decoders.Problem> check(DecodedReading r, Instant now) {
        Optional<Quantity> q = quantities.find(r.quantity());
        String what = "meter " + r.meterId() + " " + r.quantity();
        if (q.isEmpty()) {
            return problem(Reason.INVALID_VALUE, what + ": not a quantity of the registry");
        }
        if (r.value() == null) {
            return problem(Reason.INVALID_VALUE, what + ": no value");
        }
        if (r.value().abs().compareTo(LIMIT) > 0) {
            return problem(
                    Reason.INVALID_VALUE,
                    what + ": value " + r.value().toEngineeringString() + " is out of any meter's range");
        }
        if (q.get().kind() == ReadingKind.CUMULATIVE_REGISTER && r.value().signum() < 0) {
            return problem(
                    Reason.INVALID_VALUE,
                    what + ": a cumulative register cannot be negative ("
                            + r.value().toPlainString() + ")");
        }
        if (r.interval() != null && (r.interval().isNegative() || r.interval().isZero())) {
            return problem(Reason.INVALID_VALUE, what + ": interval " + r.interval() + " is not positive");
        }
        if (r.time() != null) {
            if (r.time().isBefore(EARLIEST)) {
                return problem(
                        Reason.INVALID_VALUE,
                        what + ": time " + r.time() + " is before " + EARLIEST + ", earlier than any meter reading");
            }
            Instant end = r.interval() == null ? r.time() : r.time().plus(r.interval());
            if (end.isAfter(now.plus(futureMargin))) {
                return problem(
                        Reason.FUTURE_TIME,
                        what + ": time " + end + " is in the future (now " + now + ", a clock may be ahead by "
                                + futureMargin + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<Decoders.Problem> problem(Reason reason, String detail) {
        return Optional.of(new Decoders.Problem(reason, detail));
    }
}
