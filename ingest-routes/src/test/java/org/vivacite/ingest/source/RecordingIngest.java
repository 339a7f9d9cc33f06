package org.vivacite.ingest.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;

/**
 * The port as tests need it: records every call and every accepted envelope; can be told to throw
 * for the next calls, to answer a given outcome, to be slow, or to wait until several calls are
 * inside at once.
 */
public final class RecordingIngest implements Ingest {

    private final ConcurrentLinkedQueue<Envelope> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Envelope> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<Supplier<RuntimeException>> failure =
            new AtomicReference<>(() -> new IllegalStateException("store unavailable (test)"));
    private volatile Function<Envelope, Outcome> answer = e -> new Outcome(1, 0, List.of());
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch together;
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();

    /** The next {@code n} calls throw what the supplier makes, storing nothing. */
    public RecordingIngest failNext(int n, Supplier<RuntimeException> what) {
        failure.set(what);
        failuresLeft.set(n);
        return this;
    }

    /** The next {@code n} calls throw a store failure. */
    public RecordingIngest failNext(int n) {
        return failNext(n, () -> new IllegalStateException("store unavailable (test)"));
    }

    public RecordingIngest answering(Function<Envelope, Outcome> outcome) {
        this.answer = outcome;
        return this;
    }

    public RecordingIngest slow(Duration each) {
        this.delay = each;
        return this;
    }

    /** Each call waits (up to 10 s) until {@code n} calls have arrived. */
    public RecordingIngest meetInGroupsOf(int n) {
        this.together = new CountDownLatch(n);
        return this;
    }

    @Override
    public Outcome accept(Envelope envelope) {
        calls.add(envelope);
        int now = inside.incrementAndGet();
        mostInside.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch latch = together;
            if (latch != null) {
                latch.countDown();
                latch.await(10, TimeUnit.SECONDS);
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw failure.get().get();
            }
            Outcome outcome = answer.apply(envelope);
            accepted.add(envelope);
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inside.decrementAndGet();
        }
    }

    /** Every call, failed or not, in order of arrival. */
    public List<Envelope> calls() {
        return new ArrayList<>(calls);
    }

    /** The envelopes whose call returned normally. */
    public List<Envelope> accepted() {
        return new ArrayList<>(accepted);
    }

    /** The most calls that were inside at once. */
    public int mostAtOnce() {
        return mostInside.get();
    }
}
