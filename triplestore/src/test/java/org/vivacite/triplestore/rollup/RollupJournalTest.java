package org.vivacite.triplestore.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal reads back complete records only, whatever a crash cut off. */
class RollupJournalTest {

    @TempDir
    Path dir;

    private static Node iri(String s) {
        return NodeFactory.createURI("http://localhost:8080/" + s);
    }

    private static RollupJournal.Delta delta(String rollup, String sum, long count) {
        return new RollupJournal.Delta(
                iri(rollup), iri("graph/private/d1"), LocalDate.parse("2026-01-15"), new BigDecimal(sum), count);
    }

    @Test
    void readsBackBatchesTheFlushRecordAndSnapshots() {
        Path file = dir.resolve("j");
        try (RollupJournal journal = new RollupJournal(file)) {
            journal.batch(iri("graph/private/d1"), iri("obs/1"), List.of(delta("r1", "0.125", 2)));
            journal.batch(iri("graph/private/d1"), iri("obs/2"), List.of(delta("r2", "3", 1)));
            journal.flushing(
                    iri("r1/part/x"),
                    LocalDate.parse("2026-01-16"),
                    delta("r1", "0.125", 2).slot());
            RollupJournal.Content content = journal.read();
            assertThat(content.batches()).hasSize(2);
            assertThat(content.batches().get(0).witness()).isEqualTo(iri("obs/1"));
            assertThat(content.batches().get(0).deltas()).containsExactly(delta("r1", "0.125", 2));
            assertThat(content.lastFlush().part()).isEqualTo(iri("r1/part/x"));
            assertThat(content.lastFlush().before()).isEqualTo(LocalDate.parse("2026-01-16"));
            assertThat(content.lastFlush().wrote(delta("r1", "9", 9))).isTrue();
            assertThat(content.lastFlush().wrote(delta("r2", "3", 1)))
                    .as("after the flush's last sum in the order")
                    .isFalse();

            journal.snapshot(List.of(delta("r2", "3", 1)));
            content = journal.read();
            assertThat(content.batches()).hasSize(1);
            assertThat(content.batches().get(0).witness())
                    .as("a snapshot needs no witness")
                    .isNull();
            assertThat(content.batches().get(0).deltas()).containsExactly(delta("r2", "3", 1));
            assertThat(content.lastFlush()).isNull();
            journal.batch(iri("graph/private/d1"), iri("obs/3"), List.of(delta("r3", "1", 1)));
            assertThat(journal.read().batches()).as("appends after a snapshot").hasSize(2);

            journal.snapshot(List.of());
            assertThat(journal.size()).isZero();
            assertThat(journal.read().batches()).isEmpty();
        }
    }

    @Test
    void aRecordCutOffByACrashIsIgnored() throws Exception {
        Path file = dir.resolve("j");
        try (RollupJournal journal = new RollupJournal(file)) {
            journal.batch(iri("graph/private/d1"), iri("obs/1"), List.of(delta("r1", "1", 1)));
        }
        String whole = Files.readString(file);
        try (RollupJournal journal = new RollupJournal(file)) {
            journal.batch(iri("graph/private/d1"), iri("obs/2"), List.of(delta("r2", "2", 1)));
        }
        String both = Files.readString(file);
        // Every point inside the second record, up to its end line ("E" without its newline is whole).
        for (int cut = whole.length(); cut < both.length() - 1; cut++) {
            Files.writeString(file, both.substring(0, cut), StandardOpenOption.TRUNCATE_EXISTING);
            try (RollupJournal journal = new RollupJournal(file)) {
                assertThat(journal.read().batches())
                        .as("cut at %d", cut)
                        .extracting(RollupJournal.Batch::witness)
                        .containsExactly(iri("obs/1"));
            }
        }
        for (String torn : List.of(
                "F\thttp://localhost:8080/r1/part/x\t2026-01-1",
                "F\thttp://localhost:8080/r1/part/x\t2026-01-16\t2026-01-15\thttp://localhost:8080/r1")) {
            Files.writeString(file, whole + torn, StandardOpenOption.TRUNCATE_EXISTING);
            try (RollupJournal journal = new RollupJournal(file)) {
                assertThat(journal.read().lastFlush())
                        .as("a flush record without its end: %s", torn)
                        .isNull();
            }
        }
        // A tail cut inside a multi-byte character, or a damaged delta line, spoils only its record.
        byte[] tail = "B\thttp://localhost:8080/graph/private/d1\thttp://localhost:8080/obs/é"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(file, whole.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(file, java.util.Arrays.copyOf(tail, tail.length - 1), StandardOpenOption.APPEND);
        try (RollupJournal journal = new RollupJournal(file)) {
            assertThat(journal.read().batches())
                    .extracting(RollupJournal.Batch::witness)
                    .containsExactly(iri("obs/1"));
        }
        Files.writeString(
                file,
                whole + "B\thttp://localhost:8080/graph/private/d1\thttp://localhost:8080/obs/2\nD\tbroken\nE\n",
                StandardOpenOption.TRUNCATE_EXISTING);
        try (RollupJournal journal = new RollupJournal(file)) {
            assertThat(journal.read().batches())
                    .extracting(RollupJournal.Batch::witness)
                    .containsExactly(iri("obs/1"));
        }
    }

    @Test
    void anErasureRecordCountsOnlyWhole() throws Exception {
        Path file = dir.resolve("j");
        try (RollupJournal journal = new RollupJournal(file)) {
            journal.batch(iri("graph/private/d1"), iri("obs/1"), List.of(delta("r1", "1", 1)));
        }
        String whole = Files.readString(file);
        try (RollupJournal journal = new RollupJournal(file)) {
            journal.erasing(iri("graph/private/d1"), iri("erasure/e1"), List.of(iri("r1"), iri("r2")));
            List<RollupJournal.Entry> entries = journal.read().entries();
            assertThat(entries).hasSize(2);
            assertThat(entries.get(1)).isInstanceOfSatisfying(RollupJournal.Erasure.class, e -> {
                assertThat(e.graph()).isEqualTo(iri("graph/private/d1"));
                assertThat(e.witness()).isEqualTo(iri("erasure/e1"));
                assertThat(e.rollups()).containsExactlyInAnyOrder(iri("r1"), iri("r2"));
            });
        }
        String both = Files.readString(file);
        for (int cut = whole.length(); cut < both.length() - 1; cut++) {
            Files.writeString(file, both.substring(0, cut), StandardOpenOption.TRUNCATE_EXISTING);
            try (RollupJournal journal = new RollupJournal(file)) {
                assertThat(journal.read().entries())
                        .as("cut at %d", cut)
                        .noneMatch(RollupJournal.Erasure.class::isInstance)
                        .hasSize(1);
            }
        }
        Files.writeString(
                file,
                whole + "X\thttp://localhost:8080/graph/private/d1\thttp://localhost:8080/erasure/e1\nR\t\nE\n",
                StandardOpenOption.TRUNCATE_EXISTING);
        try (RollupJournal journal = new RollupJournal(file)) {
            assertThat(journal.read().entries())
                    .as("a damaged rollup line spoils its record")
                    .noneMatch(RollupJournal.Erasure.class::isInstance);
        }
    }

    @Test
    void theJournalIsOwnerOnlyWhenMadeRewrittenOrFoundReadableByOthers() throws Exception {
        Path file = dir.resolve("private/j");
        try (RollupJournal journal = new RollupJournal(file)) {
            journal.batch(iri("graph/private/d1"), iri("obs/1"), List.of(delta("r1", "1", 1)));
            assertThat(mode(file)).as("made").isEqualTo("rw-------");
            assertThat(mode(file.getParent())).as("its folder, made").isEqualTo("rwx------");
            journal.snapshot(List.of(delta("r1", "1", 1)));
            assertThat(mode(file)).as("rewritten").isEqualTo("rw-------");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--")); // an older install's
        try (RollupJournal journal = new RollupJournal(file)) {
            assertThat(mode(file)).as("opened").isEqualTo("rw-------");
            assertThat(journal.read().batches()).hasSize(1);
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
