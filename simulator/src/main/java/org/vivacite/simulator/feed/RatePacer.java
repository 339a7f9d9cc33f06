package org.vivacite.simulator.feed;

/**
 * Keeps a feed to a steady rate: each {@link #acquire()} waits until its turn, one turn every
 * {@code 1/perSecond} seconds. A caller slower than the rate never waits; time it lost is not
 * made up later with a burst. Safe to share between threads.
 */
public final class RatePacer {

    /** Time as the pacer sees it; a test gives its own. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    private final long intervalNanos;
    private final Clock clock;
    private boolean started;
    private long nextTurn;

    /** @param perSecond turns per second, greater than 0 (fractions allowed: 0.5 is one every 2 s) */
    public RatePacer(double perSecond) {
        this(perSecond, Clock.SYSTEM);
    }

    RatePacer(double perSecond, Clock clock) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be a positive number per second, not " + perSecond);
        }
        this.intervalNanos = Math.round(1e9 / perSecond);
        this.clock = clock;
    }

    /** Blocks until the caller's turn; the first call returns at once. */
    public void acquire() throws InterruptedException {
        long wait = reserveTurn();
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }

    /** Takes the next turn and returns how long until it comes. */
    private synchronized long reserveTurn() {
        long now = clock.nanoTime();
        long turn = started && nextTurn - now > 0 ? nextTurn : now;
        started = true;
        nextTurn = turn + intervalNanos;
        return turn - now;
    }
}
