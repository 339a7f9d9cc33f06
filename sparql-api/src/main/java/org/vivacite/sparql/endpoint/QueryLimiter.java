package org.vivacite.sparql.endpoint;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.vivacite.sparql.SparqlException;

/**
 * Keeps the endpoint answering under load: a client (IP address) may have only so many queries
 * running or waiting, more get {@code 429}; and only so many queries run at once for everyone, the
 * others wait their turn within their own time limit, then get {@code 503}. What is left of the
 * machine keeps serving everything else, health included.
 */
final class QueryLimiter {

    /** A query's place, to give back when it is done. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int perClient;
    private final Semaphore running;
    /** Queries running or waiting, per client; a client with none has no entry. */
    private final ConcurrentHashMap<String, Integer> clients = new ConcurrentHashMap<>();

    QueryLimiter(int perClient, int runningAtOnce) {
        if (perClient < 1 || runningAtOnce < 1) {
            throw new IllegalArgumentException(
                    "vivacite.sparql.max-queries-per-client and max-running-queries must be at least 1");
        }
        this.perClient = perClient;
        this.running = new Semaphore(runningAtOnce, true);
    }

    /**
     * Waits for a place for one query of this client, at most {@code patience} (what is left of its
     * time limit).
     */
    Slot acquire(String client, Duration patience) {
        if (clients.merge(client, 1, Integer::sum) > perClient) {
            release(client);
            throw new SparqlException(
                    429,
                    "too many queries at once from " + client + ": at most " + perClient
                            + " (vivacite.sparql.max-queries-per-client); retry when one has finished");
        }
        boolean started;
        try {
            started = running.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(client);
            throw new SparqlException(503, "the server is stopping");
        }
        if (!started) {
            release(client);
            throw new SparqlException(
                    503,
                    "the endpoint is busy: no query could start within the query's time limit"
                            + " (vivacite.sparql.timeout)");
        }
        return () -> {
            running.release();
            release(client);
        };
    }

    private void release(String client) {
        clients.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }
}
