package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, for adapters that keep their files in a directory. */
public abstract class EmbeddedStoreContractTest extends QuadStoreContractTest {

    @TempDir
    protected Path dir;

    @Override
    protected QuadStore openEmpty() {
        return QuadStores.open(kind(), "private", dir.resolve("store"));
    }

    @Override
    protected QuadStore reopen() {
        return openEmpty();
    }

    @Test
    void healthSaysWhereTheStoreLives() {
        assertThat(store.health().detail()).contains(dir.resolve("store").toString());
    }

    @Test
    void diskUseStaysBoundedUnderManySmallCommits() throws Exception {
        store.add(G1, parse("<http://example.org/s> <http://example.org/p> 0 ."));
        long start = allocatedBytes(dir);
        for (int i = 1; i <= 250; i++) {
            store.add(G1, parse("<http://example.org/s> <http://example.org/p> " + i + " ."));
        }
        long after = allocatedBytes(dir);
        // 250 commits of one triple each, no explicit compaction. Uncompacted TDB2 reaches about
        // 25 MB here; compacting itself every 200 commits, it keeps at most 200 commits of history.
        assertThat(after)
                .as("bytes after 250 small commits (started at %d)", start)
                .isLessThan(start + 10_000_000);
        assertThat(store.statistics()).containsEntry(G1, 251L);
        store.compact();
        assertThat(allocatedBytes(dir)).as("after compact()").isLessThan(3 * start + 1_000_000);
    }

    /** Blocks really allocated (du), not file lengths: TDB2's memory-mapped files are sparse. */
    protected static long allocatedBytes(Path root) throws Exception {
        Process du = new ProcessBuilder("du", "-sk", root.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(du.waitFor()).isZero();
        return Long.parseLong(out.split("\\s+")[0]) * 1024;
    }

    @Test
    void storeHeldByAnotherProcessIsAClearError() throws Exception {
        store.add(G1, parse("<http://example.org/s> <http://example.org/p> 1 ."));
        store.close();
        Process holder = StoreHolder.start(kind(), dir.resolve("store"));
        try {
            assertThatThrownBy(this::reopen)
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("in use by another process (pid " + holder.pid() + ")")
                    .hasMessageContaining(dir.resolve("store").toString());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        store = reopen(); // released by the holder's death
        assertThat(store.statistics()).containsEntry(G1, 1L);
    }

    @Test
    void directoryThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> QuadStores.open(kind(), "public", file.resolve("store")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("public")
                .hasMessageContaining(file.resolve("store").toString());
    }

    @Test
    void aPrivateStoresFilesAreOwnerOnlyWhateverModesTheyWereLeftWith() throws Exception {
        store.add(G1, parse("<http://example.org/s> <http://example.org/p> 1 ."));
        assertThat(open(dir.resolve("store"))).as("made by the store").isEmpty();
        store.close();
        umaskModes(dir.resolve("store")); // as an install made under umask 022 left them
        store = reopen();
        assertThat(open(dir.resolve("store")))
                .as("after opening the store again")
                .isEmpty();
        assertThat(store.statistics()).containsEntry(G1, 1L);
    }

    /** Folders rwxr-xr-x and files rw-r--r--, as a umask of 022 makes them. */
    static void umaskModes(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    /** The files and folders under root that group or others may use, with their modes. */
    static List<String> open(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> {
                        try {
                            return p + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(s -> !s.endsWith("------"))
                    .toList();
        }
    }
}
