package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve} does to a data directory before it starts: an existing install's files, made
 * under a umask of 022 (folders {@code rwxr-xr-x}, files {@code rw-r--r--}), are made owner-only,
 * and a data directory that group or others may enter is refused with the command that fixes it.
 */
class DataDirectoryTest {

    @TempDir
    Path tmp;

    private static final List<String> PRIVATE = List.of(
            "private/triples/data.mdb",
            "private/values/lock.mdb",
            "credentials",
            "meters.csv",
            "private-rollups.journal",
            "deadletter/20260201T100000.000Z-1.json",
            "deadletter/replayed/20260201T090000.000Z-2.json",
            "inbox/csv/export.csv",
            "inbox/csv/done/old.csv",
            "mqtt/journal/activemq-data-1.amq",
            "tmp/tomcat/work/upload.tmp");
    private static final List<String> PUBLIC =
            List.of("public/tdb2/Data-0001/nodes.dat", "open-data/consumption/2026-01/data.csv");

    @Test
    void theFilesOfAnOwnerOnlyDataDirectoryAreMadeOwnerOnlyButItsPublicParts() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        install(data);
        setMode(data, "rwx------"); // its owner closed it, the files inside kept the umask's modes

        ServeCommand.prepareDataDirectory(data);

        for (String path : PRIVATE) {
            assertThat(mode(data.resolve(path))).as(path).isEqualTo("rw-------");
            for (Path dir = data.resolve(path).getParent(); !dir.equals(data); dir = dir.getParent()) {
                assertThat(mode(dir)).as(data.relativize(dir).toString()).isEqualTo("rwx------");
            }
        }
        for (String path : PUBLIC) {
            assertThat(mode(data.resolve(path))).as(path).isEqualTo("rw-r--r--");
        }
        assertThat(mode(data.resolve("public"))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void aDataDirectoryOthersMayEnterIsRefusedWithTheCommandThatFixesIt() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        install(data); // the data directory rwxr-xr-x, as `mkdir data` makes it

        assertThatThrownBy(() -> ServeCommand.prepareDataDirectory(data))
                .isInstanceOf(CliException.class)
                .hasMessage("data directory '" + data + "' is open to other users (rwxr-xr-x), but it holds private"
                        + " readings and secrets: make it owner-only with 'chmod -R go-rwx " + data + "'");
        assertThat(mode(data.resolve("credentials"))).as("nothing changed").isEqualTo("rw-r--r--");

        setMode(data, "rwx--x--x"); // others may not list it, but may open a file whose name they know
        assertThatThrownBy(() -> ServeCommand.prepareDataDirectory(data))
                .hasMessageContaining("is open to other users (rwx--x--x)");
    }

    @Test
    void theTemporaryFoldersAreOwnerOnly() throws Exception {
        Path data = ServeCommand.prepareDataDirectory(tmp.resolve("fresh"));
        String previous = System.getProperty("java.io.tmpdir");
        try {
            ServeCommand.keepTemporaryFilesUnder(data);
        } finally {
            System.setProperty("java.io.tmpdir", previous);
        }
        assertThat(mode(data.resolve("tmp"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("tmp/native"))).isEqualTo("rwx------");
    }

    /** The files of an install made under a umask of 022. */
    private static void install(Path data) throws IOException {
        for (String path : concat(PRIVATE, PUBLIC)) {
            Path file = data.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
            setMode(file, "rw-r--r--");
            for (Path dir = file.getParent(); !dir.equals(data.getParent()); dir = dir.getParent()) {
                setMode(dir, "rwxr-xr-x");
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void setMode(Path p, String mode) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
