package org.vivacite.ingest.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.RetryLaterException;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.QuotaExceededException;

/**
 * The one place where sources call {@link Ingest#accept}. With an {@link IngestRate}, it first
 * takes a token of the payload's gateway: a gateway sending faster than its rate is refused before
 * anything is read ({@link RateLimitedException}). With a dead-letter store, it then admits the
 * gateway ({@link DeadLetterStore#admit}): a gateway at its dead-letter quota is refused before
 * anything is read ({@link QuotaExceededException}), and the room its payload's letter may take is
 * reserved while the port works. It counts each message in {@code vivacite.ingest.messages}, tagged
 * with its {@code source} and its {@code outcome}:
 *
 * <ul>
 *   <li>{@code accepted}: every input written;
 *   <li>{@code partial}: some written, some dead-lettered;
 *   <li>{@code rejected}: nothing written, every input dead-lettered (or nothing in it);
 *   <li>{@code unreadable}: the port threw a {@link DecodeException} for the whole payload;
 *   <li>{@code over-quota}: the dead-letter store refused it (the gateway's quota, or the store's
 *       total): the sender must retry later; also counted per gateway in {@code
 *       vivacite.ingest.quota.refused{source, gateway}};
 *   <li>{@code over-rate}: the gateway sends faster than its rate: the sender must retry later;
 *       also counted per gateway in {@code vivacite.ingest.rate.refused{source, gateway}};
 *   <li>{@code failed}: the port threw anything else (the store failed): the sender must retry;
 *   <li>{@code refused}: the source refused it before the port (unknown format…).
 * </ul>
 *
 * <p>A packet the embedded MQTT broker refused for its size, before reading it, never becomes a
 * message: it is counted per gateway in {@code vivacite.ingest.oversized{source, gateway}}.
 */
public final class IngestGate {

    /** The counter's name. */
    public static final String MESSAGES = "vivacite.ingest.messages";

    /** The name of the counter of payloads refused for the dead-letter quota, per source and gateway. */
    public static final String QUOTA_REFUSED = "vivacite.ingest.quota.refused";

    /**
     * The name of the counter of packets refused for their size before they were read (the embedded
     * MQTT broker), per source and gateway.
     */
    public static final String OVERSIZED = "vivacite.ingest.oversized";
    /** The name of the counter of payloads refused for the gateway's ingest rate, per source and gateway. */
    public static final String RATE_REFUSED = "vivacite.ingest.rate.refused";

    private final Ingest ingest;
    private final MeterRegistry registry;
    private final DeadLetterStore quota;
    private final IngestRate rate;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** A gate that admits every payload: for a source that cannot refuse its sender (MQTT behind a broker). */
    public IngestGate(Ingest ingest, MeterRegistry registry) {
        this(ingest, registry, null);
    }

    /**
     * @param quota the dead-letter store whose gateway quotas payloads are admitted by, or null to
     *     admit every payload
     */
    public IngestGate(Ingest ingest, MeterRegistry registry, DeadLetterStore quota) {
        this(ingest, registry, quota, IngestRate.UNLIMITED);
    }

    /**
     * @param quota the dead-letter store whose gateway quotas payloads are admitted by, or null to
     *     admit every payload
     * @param rate the gateways' ingest rate, shared by every gate of a server that can refuse its
     *     sender
     */
    public IngestGate(Ingest ingest, MeterRegistry registry, DeadLetterStore quota, IngestRate rate) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.quota = quota;
        this.rate = Objects.requireNonNull(rate, "rate");
    }

    /**
     * Admits the payload, hands the envelope to the port and counts the outcome.
     *
     * @throws RateLimitedException when the gateway sends faster than its rate (counted {@code
     *     over-rate}): nothing of it was read nor kept
     * @throws QuotaExceededException when the dead-letter store refuses the gateway or the letter
     *     (counted {@code over-quota}): nothing of it is in the dead-letter store
     * @throws DecodeException when the payload cannot be read at all (counted {@code unreadable})
     * @throws RuntimeException when the port failed otherwise (counted {@code failed})
     */
    public Outcome accept(Envelope envelope) {
        return call(envelope, () -> ingest.accept(envelope));
    }

    /**
     * Hands the head of a payload too large to be taken to the port ({@link Ingest#tooLarge}), which
     * keeps it as a dead letter, and counts the outcome ({@code rejected}).
     *
     * @param size the payload's size, or -1 when the source does not know it
     */
    public Outcome tooLarge(Envelope head, long size) {
        return call(head, () -> ingest.tooLarge(head, size));
    }

    private Outcome call(Envelope envelope, Supplier<Outcome> port) {
        Optional<Duration> wait = rate.take(envelope.gateway());
        if (wait.isPresent()) {
            overRate(envelope.source(), envelope.gateway());
            throw new RateLimitedException(
                    rate.refusal(envelope.gateway(), wait.get()), envelope.gateway(), wait.get());
        }
        Outcome outcome;
        try (DeadLetterStore.Admission admitted =
                quota == null ? DeadLetterStore.Admission.NONE : quota.admit(envelope)) {
            outcome = port.get();
        } catch (QuotaExceededException e) {
            overQuota(envelope.source(), e.gateway());
            throw e;
        } catch (RuntimeException e) {
            count(envelope.source(), isUnreadable(e) ? "unreadable" : "failed");
            throw e;
        }
        count(envelope.source(), outcomeTag(outcome));
        return outcome;
    }

    /**
     * Whether the gateway may send a payload now, for a door that must answer before it has the
     * payload (the embedded MQTT broker, at each PUBLISH): below its dead-letter quota, and with a
     * token of its rate (taken). A refusal is counted as one of {@link #accept}'s ({@code
     * over-quota} or {@code over-rate}, and per gateway).
     */
    public boolean admits(String source, String gateway) {
        if (quota != null && !quota.admits(gateway)) {
            overQuota(source, gateway);
            return false;
        }
        if (rate.take(gateway).isPresent()) {
            overRate(source, gateway);
            return false;
        }
        return true;
    }

    private void overRate(String source, String gateway) {
        count(source, "over-rate");
        perGateway(
                RATE_REFUSED,
                "Payloads refused because their gateway sends faster than its ingest rate, by source and gateway",
                source,
                gateway);
    }

    private void overQuota(String source, String gateway) {
        count(source, "over-quota");
        perGateway(
                QUOTA_REFUSED,
                "Payloads refused because the dead-letter store is at its quota, by source and gateway",
                source,
                gateway);
    }

    /**
     * Counts a packet refused for its size before it was read, so never a message nor a dead letter.
     *
     * @param gateway the gateway logged in, or null when none was (the tag is then empty)
     */
    public void oversized(String source, String gateway) {
        perGateway(
                OVERSIZED,
                "Packets refused for their size before they were read, by source and gateway (empty: before a"
                        + " login)",
                source,
                gateway == null ? "" : gateway);
    }

    /** Increments the counter {@code name} of this source and gateway. */
    private void perGateway(String name, String description, String source, String gateway) {
        counters.computeIfAbsent(
                        name + '\0' + source + '\0' + gateway,
                        k -> Counter.builder(name)
                                .description(description)
                                .tag("source", source)
                                .tag("gateway", gateway)
                                .register(registry))
                .increment();
    }

    /** Counts a message that the source refused before the port. */
    public void refused(String source) {
        count(source, "refused");
    }

    /**
     * The refusal for now among a failure's causes (the dead-letter quota, the rate), if it is one:
     * the sender must retry later.
     */
    public static Optional<RetryLaterException> retryLater(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryLaterException q) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
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

    /**
     * Whether nothing of the payload was taken, neither written nor withheld by the household's
     * consent (which is no error): it counts as failed for a drop folder.
     */
    public static boolean nothingAccepted(Outcome outcome) {
        return outcome.accepted() == 0 && outcome.withheld() == 0;
    }

    private static String outcomeTag(Outcome outcome) {
        if (nothingAccepted(outcome)) {
            return "rejected";
        }
        return outcome.rejected() == 0 ? "accepted" : "partial";
    }

    private void count(String source, String outcome) {
        counters.computeIfAbsent(
                        MESSAGES + '\0' + source + '\0' + outcome,
                        k -> Counter.builder(MESSAGES)
                                .description("Payloads received by the ingest sources, by outcome")
                                .tag("source", source)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }
}
