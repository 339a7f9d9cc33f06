package org.vivacite.triplestore.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.rdf4j.common.transaction.IsolationLevels;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.lmdb.LmdbStore;
import org.eclipse.rdf4j.sail.lmdb.VivaciteDirectWrite;
import org.eclipse.rdf4j.sail.lmdb.config.LmdbStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why {@link LmdbQuadStore} aborts a failed write made without isolation, and that it works. */
class DirectWriteAbortTest {

    @TempDir
    Path dir;

    @Test
    void rolledBackWriteWithoutIsolationIsPublishedByTheNextCommitUnlessAborted() {
        assertThat(leftoverAfterRollback(false)).isTrue();
        assertThat(leftoverAfterRollback(true)).isFalse();
    }

    /** Whether a statement added then rolled back without isolation is there after another commit. */
    private boolean leftoverAfterRollback(boolean abort) {
        LmdbStore sail = new LmdbStore(
                dir.resolve(abort ? "aborted" : "not-aborted").toFile(), new LmdbStoreConfig("spoc,posc,cspo"));
        SailRepository repository = new SailRepository(sail);
        repository.init();
        try {
            ValueFactory vf = repository.getValueFactory();
            IRI s = vf.createIRI("urn:x:s");
            IRI p = vf.createIRI("urn:x:p");
            IRI g = vf.createIRI("urn:x:g");
            try (RepositoryConnection conn = repository.getConnection()) {
                conn.begin(IsolationLevels.NONE);
                conn.add(s, p, vf.createLiteral("failed write"), g);
                conn.rollback();
            }
            if (abort) {
                VivaciteDirectWrite.abort(sail);
            }
            try (RepositoryConnection conn = repository.getConnection()) {
                conn.begin();
                conn.add(s, p, vf.createLiteral("next write"), g);
                conn.commit();
                return conn.hasStatement(s, p, vf.createLiteral("failed write"), false, g);
            }
        } finally {
            repository.shutDown();
        }
    }
}
