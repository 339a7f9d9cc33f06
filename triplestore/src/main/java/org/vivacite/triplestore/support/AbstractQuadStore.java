package org.vivacite.triplestore.support;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.Graph;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreHealth;

/**
 * What every adapter shares: its role, the closed state, health from a cheap probe, and errors
 * that name the store. An adapter implements the engine calls: {@link #write}, {@link #probe},
 * {@link #shutDown} and the reads.
 */
public abstract class AbstractQuadStore implements QuadStore {

    private final String role;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param role {@code private} or {@code public}
     * @param description the engine and where it lives, for health and messages ("LMDB store in /srv/data/private")
     */
    protected AbstractQuadStore(String role, String description) {
        this.role = role;
        this.description = description;
    }

    @Override
    public final String role() {
        return role;
    }

    @Override
    public final void add(String graphIri, Graph triples) {
        ensureOpen();
        try {
            write(graphIri, false, triples);
        } catch (RuntimeException e) {
            throw failure("write to <" + graphIri + ">", e);
        }
    }

    @Override
    public final void replace(String graphIri, Graph triples) {
        ensureOpen();
        try {
            write(graphIri, true, triples);
        } catch (RuntimeException e) {
            throw failure("write to <" + graphIri + ">", e);
        }
    }

    @Override
    public final StoreHealth health() {
        if (closed.get()) {
            return StoreHealth.down(description + " is closed");
        }
        try {
            probe();
            return StoreHealth.up(description);
        } catch (RuntimeException e) {
            return StoreHealth.down(description + " does not answer: " + e.getMessage());
        }
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            shutDown();
        }
    }

    /** Writes the triples into the graph in one transaction, clearing the graph first if asked. */
    protected abstract void write(String graphIri, boolean clearFirst, Graph triples);

    /** A cheap read that fails when the store does not answer. */
    protected abstract void probe();

    /** Releases the engine; called once. */
    protected abstract void shutDown();

    /** @throws StoreException when the store is closed */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new StoreException("the " + role + " store (" + description + ") is closed");
        }
    }

    /** An error that names the operation and the store; a {@link StoreException} passes through. */
    protected final StoreException failure(String operation, RuntimeException e) {
        if (e instanceof StoreException s) {
            return s;
        }
        return new StoreException(operation + " in the " + role + " store failed: " + e.getMessage(), e);
    }
}
