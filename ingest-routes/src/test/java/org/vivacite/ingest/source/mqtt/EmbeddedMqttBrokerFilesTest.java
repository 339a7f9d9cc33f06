package org.vivacite.ingest.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker's journal holds readings in flight: its folder is owner-only. */
class EmbeddedMqttBrokerFilesTest {

    @TempDir
    Path dir;

    @Test
    void theBrokersWorkFolderIsOwnerOnlyWhateverModeItHad() throws Exception {
        Path work = dir.resolve("mqtt");
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start("127.0.0.1", 0, work, null)) {
            assertThat(mode(work)).as("made").isEqualTo("rwx------");
        }
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start("127.0.0.1", 0, work, null)) {
            assertThat(mode(work)).as("found open").isEqualTo("rwx------");
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
