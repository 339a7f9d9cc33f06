package org.vivacite.triplestore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.sparql.core.Quad;

/**
 * The write path of the private store: gathers deliveries into transactions of up to
 * {@code maxQuads} quads, and commits a partial batch once its oldest delivery has waited
 * {@code maxDelay}, so a trickle of small deliveries still commits within a second while a flood
 * commits in large, fast transactions.
 *
 * <p>{@link #write} returns a future that completes when the delivery's transaction has committed:
 * from then on its data survive a crash (the store forces commits to disk). If the transaction
 * fails, every delivery in it fails with the store's error, and none of it is kept. Writes are
 * idempotent, so a caller may safely retry. One thread commits; {@link #write} blocks when
 * {@code maxPending} deliveries are waiting (back-pressure).
 */
public final class BatchingWriter implements AutoCloseable {

    /** 10 000 readings of 8 quads: smaller and larger transactions both load LMDB slower (docs/benchmarks.md). */
    public static final int DEFAULT_MAX_QUADS = 80_000;

    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(200);
    private static final int MAX_PENDING = 10_000;

    private record Delivery(Collection<Quad> quads, CompletableFuture<Void> done) {}

    private static final Delivery STOP = new Delivery(List.of(), new CompletableFuture<>());

    private final QuadStore store;
    private final java.util.function.Consumer<List<Quad>> commitBatch;
    private final int maxQuads;
    private final long maxDelayNanos;
    private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>(MAX_PENDING);
    private final Thread committer;
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;
    /** Writers share it to enqueue; close() takes it alone, so no delivery can slip in after STOP. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    public BatchingWriter(QuadStore store) {
        this(store, DEFAULT_MAX_QUADS, DEFAULT_MAX_DELAY);
    }

    public BatchingWriter(QuadStore store, int maxQuads, Duration maxDelay) {
        this(store, maxQuads, maxDelay, store::add);
    }

    /**
     * @param committer writes one batch in one transaction of {@code store}; by default {@link
     *     QuadStore#add(java.util.Collection)}, or for instance {@link
     *     org.vivacite.triplestore.rollup.MeterDayRollups#write} to maintain rollups with the readings
     */
    public BatchingWriter(
            QuadStore store, int maxQuads, Duration maxDelay, java.util.function.Consumer<List<Quad>> committer) {
        this.commitBatch = committer;
        if (maxQuads < 1 || maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxQuads must be ≥ 1 and maxDelay ≥ 0");
        }
        this.store = store;
        this.maxQuads = maxQuads;
        this.maxDelayNanos = maxDelay.toNanos();
        this.committer = new Thread(this::commitLoop, "vivacite-writer-" + store.role());
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /**
     * Queues quads for the next transaction.
     *
     * @return completes once they are committed, or exceptionally with the store's error
     */
    public CompletableFuture<Void> write(Collection<Quad> quads) {
        if (closed) {
            throw new StoreException("the writer of the " + store.role() + " store is closed");
        }
        // Refused here, so one bad delivery cannot fail the others sharing its transaction.
        QuadStore.requireNamedGraphs(quads);
        Delivery d = new Delivery(List.copyOf(quads), new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                throw new StoreException("the writer of the " + store.role() + " store is closed");
            }
            queue.put(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to write to the " + store.role() + " store", e);
        } finally {
            gate.readLock().unlock();
        }
        return d.done();
    }

    /** The number of transactions committed so far. */
    public long commits() {
        return commits.get();
    }

    /** Commits what is queued, then stops; waits for the last commit. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.put(STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            gate.writeLock().unlock();
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commitLoop() {
        List<Delivery> batch = new ArrayList<>();
        try {
            commitUntilStopped(batch);
        } finally {
            // Also after a fatal error: later writes fail at once, and what is queued fails now.
            gate.writeLock().lock();
            try {
                closed = true;
                StoreException stopped = new StoreException("the writer of the " + store.role() + " store has stopped");
                batch.forEach(d -> d.done().completeExceptionally(stopped));
                for (Delivery d; (d = queue.poll()) != null; ) {
                    d.done().completeExceptionally(stopped);
                }
            } finally {
                gate.writeLock().unlock();
            }
        }
    }

    private void commitUntilStopped(List<Delivery> batch) {
        try {
            while (true) {
                Delivery first = queue.take();
                if (first == STOP) {
                    return;
                }
                batch.add(first);
                int size = first.quads().size();
                long deadline = System.nanoTime() + maxDelayNanos;
                boolean stop = false;
                while (size < maxQuads) {
                    long wait = deadline - System.nanoTime();
                    Delivery next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (next == STOP) {
                        stop = true;
                        break;
                    }
                    batch.add(next);
                    size += next.quads().size();
                }
                commit(batch, size);
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<Delivery> batch, int size) {
        List<Quad> quads = new ArrayList<>(size);
        batch.forEach(d -> quads.addAll(d.quads()));
        try {
            commitBatch.accept(quads);
            commits.incrementAndGet();
            batch.forEach(d -> d.done().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(d -> d.done().completeExceptionally(e));
        } catch (Error e) {
            batch.forEach(d -> d.done().completeExceptionally(e));
            throw e; // the writer stops; what is queued fails (commitLoop)
        }
        batch.clear();
    }
}
