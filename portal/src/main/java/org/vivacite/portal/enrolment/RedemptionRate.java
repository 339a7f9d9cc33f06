package org.vivacite.portal.enrolment;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How often enrolment codes may be tried: a token bucket (Bucket4j, as the ingest rate's) per
 * account and one per client address. Every try takes a token of both, right or wrong; without one
 * it is refused ({@link #take}) with the time until the next, and the code is not looked at. The
 * address's limit is looser than the account's: many people may enrol from one address (a help
 * desk, a shared connection), while one person needs a few tries at most.
 *
 * <p>A code has 60 random bits, so guessing one is hopeless without a limit; the limit keeps a
 * script from loading the store and the logs, and makes guessing cost a time in proportion. A
 * bucket is made at its key's first try; beyond 1 024 buckets of a kind, those that have refilled
 * are forgotten (a full bucket behaves as a new one), so many names cannot grow the maps.
 */
public final class RedemptionRate {

    /** {@code tries} at once, and {@code tries} again over each {@code per}, refilled evenly. */
    public record Limit(long tries, Duration per) {

        public Limit {
            if (tries < 1) {
                throw new IllegalArgumentException("an enrolment rate allows 1 try or more, not " + tries);
            }
            if (per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("an enrolment rate is over a positive duration, not " + per);
            }
        }
    }

    /** 5 tries at once, 5 an hour, per account. */
    public static final Limit PER_ACCOUNT = new Limit(5, Duration.ofHours(1));

    /** 30 tries at once, 30 an hour, per client address. */
    public static final Limit PER_ADDRESS = new Limit(30, Duration.ofHours(1));

    private static final int PRUNE_FROM = 1024;

    private final Buckets accounts;
    private final Buckets addresses;

    /** With the default limits, {@link #PER_ACCOUNT} and {@link #PER_ADDRESS}. */
    public RedemptionRate() {
        this(PER_ACCOUNT, PER_ADDRESS);
    }

    public RedemptionRate(Limit perAccount, Limit perAddress) {
        this(perAccount, perAddress, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the clock given: for tests. */
    RedemptionRate(Limit perAccount, Limit perAddress, TimeMeter time) {
        Objects.requireNonNull(time, "time");
        this.accounts = new Buckets(perAccount, time);
        this.addresses = new Buckets(perAddress, time);
    }

    /**
     * Takes a token of the account's bucket and of the address's; a token taken from the first is
     * given back when the second has none, so a refused try costs the account nothing.
     *
     * @return empty when this try may go on; else how long until the next may
     */
    public Optional<Duration> take(String subject, String address) {
        Bucket account = accounts.of(subject);
        ConsumptionProbe a = account.tryConsumeAndReturnRemaining(1);
        if (!a.isConsumed()) {
            return Optional.of(wait(a));
        }
        ConsumptionProbe b = addresses.of(address).tryConsumeAndReturnRemaining(1);
        if (!b.isConsumed()) {
            account.addTokens(1);
            return Optional.of(wait(b));
        }
        return Optional.empty();
    }

    /** Buckets held now, of accounts and of addresses (tests). */
    int size() {
        return accounts.map.size() + addresses.map.size();
    }

    private static Duration wait(ConsumptionProbe p) {
        return Duration.ofNanos(Math.max(1, p.getNanosToWaitForRefill()));
    }

    /** The buckets of one kind of key. */
    private static final class Buckets {
        final Limit limit;
        final TimeMeter time;
        final ConcurrentMap<String, Bucket> map = new ConcurrentHashMap<>();
        volatile int pruneAt = PRUNE_FROM;

        Buckets(Limit limit, TimeMeter time) {
            this.limit = Objects.requireNonNull(limit, "limit");
            this.time = time;
        }

        Bucket of(String key) {
            String k = key == null ? "" : key;
            Bucket b = map.get(k);
            if (b == null) {
                if (map.size() >= pruneAt) {
                    prune(); // before the new bucket is in: it is full, and would go
                }
                b = map.computeIfAbsent(
                        k,
                        x -> Bucket.builder()
                                .addLimit(l -> l.capacity(limit.tries()).refillGreedy(limit.tries(), limit.per()))
                                .withCustomTimePrecision(time)
                                .build());
            }
            return b;
        }

        private synchronized void prune() {
            if (map.size() < pruneAt) {
                return;
            }
            map.values().removeIf(b -> b.getAvailableTokens() >= limit.tries());
            pruneAt = Math.max(PRUNE_FROM, 2 * map.size());
        }
    }
}
