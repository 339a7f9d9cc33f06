package org.vivacite.ingest.source;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often each gateway may send payloads, whatever the source: a token bucket per gateway
 * (Bucket4j), {@code burst} tokens at most, refilled at {@code perSecond} tokens a second; a payload
 * takes one, and without one it is refused ({@link #take}) with the time until the next. One
 * instance is shared by every source that can tell its sender to come back later (HTTP, CoAP, the
 * embedded MQTT broker), so a gateway has one rate over all of them (docs/ingest.md, "Ingest rate").
 *
 * <p>A gateway's bucket is made at its first payload; beyond 1 024 buckets, those that have
 * refilled (and whose gateway was not warned about in the last minute) are forgotten: a full bucket
 * behaves as a new one, so the buckets kept are about those of the gateways that sent in the last
 * {@code burst / perSecond} seconds, however many names a sender tries. A refused gateway is logged at WARN at most once a minute, with the
 * number of its payloads refused since, never their content.
 */
public final class IngestRate {

    /** No limit. */
    public static final IngestRate UNLIMITED = new IngestRate(0, 0);

    /** The settings, for the messages. */
    public static final String SETTINGS = "vivacite.ingest.rate.payloads-per-second, burst";

    private static final Logger LOG = LoggerFactory.getLogger(IngestRate.class);
    private static final long WARN_EVERY = Duration.ofMinutes(1).toNanos();
    /** Buckets kept before the full ones are looked for, at least. */
    private static final int PRUNE_FROM = 1024;

    private final long perSecond;
    private final long burst;
    private final TimeMeter time;
    private final ConcurrentMap<String, Gateway> gateways = new ConcurrentHashMap<>();
    private volatile int pruneAt = PRUNE_FROM;

    /**
     * @param perSecond payloads a second each gateway may send in the long run; 0: no limit
     * @param burst payloads a gateway may send at once after a quiet time (the bucket's size)
     * @throws IllegalArgumentException when a rate is negative, or the burst is below 1 with a rate
     */
    public IngestRate(long perSecond, long burst) {
        this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the clock given: for tests. */
    IngestRate(long perSecond, long burst, TimeMeter time) {
        if (perSecond < 0) {
            throw new IllegalArgumentException(
                    "vivacite.ingest.rate.payloads-per-second must be 0 (no limit) or more, not " + perSecond);
        }
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException(
                    "vivacite.ingest.rate.burst must be 1 or more with a rate, not " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Payloads a second each gateway may send in the long run; 0: no limit. */
    public long perSecond() {
        return perSecond;
    }

    /** Payloads a gateway may send at once. */
    public long burst() {
        return burst;
    }

    /** Whether payloads are limited at all. */
    public boolean limited() {
        return perSecond > 0;
    }

    /**
     * Takes a token of the gateway's bucket.
     *
     * @return empty when the gateway may send this payload; else how long until it may send one
     */
    public Optional<Duration> take(String gateway) {
        if (!limited()) {
            return Optional.empty();
        }
        String key = gateway == null ? "" : gateway;
        Gateway g = gateways.get(key);
        if (g == null) {
            g = gateways.computeIfAbsent(key, k -> new Gateway());
            if (gateways.size() > pruneAt) {
                prune();
            }
        }
        ConsumptionProbe probe = g.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
        g.refused(key, wait);
        return Optional.of(wait);
    }

    /** The message of a refusal, naming the gateway, the limit and the settings. */
    public String refusal(String gateway, Duration wait) {
        long seconds = (wait.toNanos() + 999_999_999L) / 1_000_000_000L;
        return "gateway " + gateway + " sends faster than its ingest rate (" + perSecond + " payloads a second, "
                + burst + " at once: " + SETTINGS + "): send again in " + Math.max(1, seconds) + " s";
    }

    /** Buckets held now (tests). */
    int size() {
        return gateways.size();
    }

    /** Forgets the buckets that have refilled: the next payload of their gateway finds a new one, alike. */
    private synchronized void prune() {
        if (gateways.size() <= pruneAt) {
            return;
        }
        long now = time.currentTimeNanos();
        gateways.entrySet().removeIf(e -> e.getValue().idle(now));
        pruneAt = Math.max(PRUNE_FROM, 2 * gateways.size());
    }

    private final class Gateway {
        final Bucket bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
        final AtomicLong warned = new AtomicLong(time.currentTimeNanos() - WARN_EVERY);
        final AtomicLong refusedSince = new AtomicLong();

        void refused(String gateway, Duration wait) {
            long refused = refusedSince.incrementAndGet();
            long now = time.currentTimeNanos();
            long last = warned.get();
            if (now - last >= WARN_EVERY && warned.compareAndSet(last, now)) {
                refusedSince.addAndGet(-refused);
                LOG.warn(
                        "Gateway {} sends faster than its ingest rate ({} payloads a second, {} at once: {}): {}"
                                + " payload{} refused since the last warning, each with the time to send again"
                                + " (now {} ms); the next warning in a minute at the earliest",
                        gateway,
                        perSecond,
                        burst,
                        SETTINGS,
                        refused,
                        refused == 1 ? "" : "s",
                        wait.toMillis());
            }
        }

        boolean idle(long now) {
            return bucket.getAvailableTokens() >= burst && now - warned.get() >= WARN_EVERY;
        }
    }
}
