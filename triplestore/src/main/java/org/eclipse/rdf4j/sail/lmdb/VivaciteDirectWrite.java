package org.eclipse.rdf4j.sail.lmdb;

/**
 * Undoes a failed write made without isolation ({@code IsolationLevels.NONE}), kept in RDF4J's
 * package because it needs the package-private {@link LmdbSailStore#rollback()}.
 *
 * <p>Without isolation, RDF4J 5.2.0's LMDB store writes each statement straight into its open LMDB
 * write transaction instead of first collecting the whole transaction in an in-memory changeset
 * (a third of the private write of a territory import, and as many objects as statements). The
 * LMDB transaction still commits as one, but a connection's {@code rollback()} leaves it open
 * with what was written so far, for the next commit to publish. Call this after such a rollback
 * to abort it. Remove it once RDF4J rolls back un-isolated LMDB writes itself.
 */
public final class VivaciteDirectWrite {

    private VivaciteDirectWrite() {}

    public static void abort(LmdbStore store) {
        store.getBackingStore().rollback();
    }
}
