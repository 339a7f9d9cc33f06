package org.vivacite.ingest.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;

class DeadLetterStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheRawPayloadAndEverythingAboutItOwnerOnlyAndSurvivesAReopening() throws Exception {
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"));
        byte[] payload = {0x02, 0x0A, (byte) 0xFF, 0x00, 0x03};
        Envelope e =
                new Envelope(Format.TIC, "mqtt", "gw-7", "42", Instant.parse("2026-02-01T10:00:00Z"), payload, -80);

        String id = store.put(e, Reason.UNDECODABLE, "TIC frame 1: bad checksum of PAPP");
        String second = store.put(e, Reason.UNKNOWN_METER, "meter 1 is not in the meter registry");

        DeadLetter letter =
                new DeadLetterStore(dir.resolve("deadletter")).get(id).orElseThrow();
        assertThat(letter.envelope().payload()).isEqualTo(payload);
        assertThat(letter.envelope().gateway()).isEqualTo("gw-7");
        assertThat(letter.envelope().messageId()).isEqualTo("42");
        assertThat(letter.envelope().rssi()).isEqualTo(-80);
        assertThat(letter.envelope().receivedAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
        assertThat(letter.reason()).isEqualTo(Reason.UNDECODABLE);
        assertThat(letter.detail()).isEqualTo("TIC frame 1: bad checksum of PAPP");
        assertThat(store.list()).extracting(DeadLetter::id).containsExactly(id, second);
        assertThat(store.list(l -> l.reason() == Reason.UNKNOWN_METER))
                .extracting(DeadLetter::id)
                .containsExactly(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("deadletter"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("deadletter").resolve(id + ".json"))))
                .isEqualTo("rw-------");

        store.retried(letter, Reason.UNKNOWN_METER, "still unknown");
        assertThat(store.get(id).orElseThrow().attempts()).isEqualTo(2);
        store.resolved(id);
        assertThat(store.list()).extracting(DeadLetter::id).containsExactly(second);
        assertThat(store.get("../../etc/passwd")).isEmpty();
    }

    @Test
    void reasonsHaveTheirCommandLineNames() {
        assertThat(Reason.of("unknown-meter")).isEqualTo(Reason.UNKNOWN_METER);
        assertThat(Reason.WRONG_KEY.id()).isEqualTo("wrong-key");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Reason.of("bad"))
                .hasMessageContaining("unknown reason 'bad'")
                .hasMessageContaining("future-time");
    }

    @Test
    void everyFolderItMakesAndTheReplayedLettersAreOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        DeadLetterStore store = new DeadLetterStore(data.resolve("deadletter"));
        String id = store.put(
                new Envelope(Format.TIC, "mqtt", "gw-7", "42", Instant.now(), new byte[] {1}, null),
                Reason.UNDECODABLE,
                "bad checksum");
        store.resolved(id);
        Path replayed = data.resolve("deadletter/replayed");
        assertThat(mode(data)).as("the folder above, made").isEqualTo("rwx------");
        assertThat(mode(replayed)).isEqualTo("rwx------");
        assertThat(mode(replayed.resolve(id + ".json"))).isEqualTo("rw-------");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
