package org.vivacite.ingest.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;

/**
 * The one place where sources call {@link Ingest#accept}: it counts each message in {@code
 * vivacite.ingest.messages}, tagged with its {@code source} and its {@code outcome}:
 *
 * <ul>
 *   <li>{@code accepted}: every input written;
 *   <li>{@code partial}: some written, some dead-lettered;
 *   <li>{@code rejected}: nothing written, every input dead-lettered (or nothing in it);
 *   <li>{@code unreadable}: the port threw a {@link DecodeException} for the whole payload;
 *   <li>{@code failed}: the port threw anything else (the store failed): the sender must retry;
 *   <li>{@code refused}: the source refused it before the port (unknown format, too large…).
 * </ul>
 */
public final class IngestGate {

    /** The counter's name. */
    public static final String MESSAGES = "vivacite.ingest.messages";

    private final Ingest ingest;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestGate(Ingest ingest, MeterRegistry registry) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Hands the envelope to the port and counts the outcome.
     *
     * @throws DecodeException when the payload cannot be read at all (counted {@code unreadable})
     * @throws RuntimeException when the port failed otherwise (counted {@code failed})
     */
    public Outcome accept(Envelope envelope) {
        Outcome outcome;
        try {
            outcome = ingest.accept(envelope);
        } catch (RuntimeException e) {
            count(envelope.source(), isUnreadable(e) ? "unreadable" : "failed");
            throw e;
        }
        count(envelope.source(), outcomeTag(outcome));
        return outcome;
    }

    /** Counts a message that the source refused before the port. */
    public void refused(String source) {
        count(source, "refused");
    }

    /** Whether the port's failure says the payload cannot be read (a retry will not help). */
    public static boolean isUnreadable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DecodeException) {
                return true;
            }
        }
        return false;
    }

    /** The reason of an unreadable payload, as the port gave it. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DecodeException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    /** Whether nothing of the payload was written: it counts as failed for a drop folder. */
    public static boolean nothingAccepted(Outcome outcome) {
        return outcome.accepted() == 0;
    }

    private static String outcomeTag(Outcome outcome) {
        if (outcome.accepted() == 0) {
            return "rejected";
        }
        return outcome.rejected() == 0 ? "accepted" : "partial";
    }

    private void count(String source, String outcome) {
        counters.computeIfAbsent(
                        source + '\0' + outcome,
                        k -> Counter.builder(MESSAGES)
                                .description("Payloads received by the ingest sources, by outcome")
                                .tag("source", source)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }
}
