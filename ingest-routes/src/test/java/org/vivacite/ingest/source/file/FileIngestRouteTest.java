package org.vivacite.ingest.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.RecordingIngest;

/** The drop folders, on a real directory, polled by real Camel file consumers. */
class FileIngestRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path inbox;

    private final RecordingIngest ingest = new RecordingIngest();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new FileIngestRoute(
                inbox, Duration.ofMillis(200), new IngestGate(ingest, registry), Clock.systemUTC()));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    /** Writes as the convention says: a .tmp file, then a rename. */
    private Path drop(String format, String name, String content) throws Exception {
        Path dir = Files.createDirectories(inbox.resolve(format));
        Path tmp = Files.writeString(dir.resolve(name + ".tmp"), content, StandardCharsets.UTF_8);
        return Files.move(tmp, dir.resolve(name));
    }

    @Test
    void acceptedFileGoesToDoneAfterThePortReturned() throws Exception {
        drop("csv", "export-1.csv", "meter;time;value\n");

        Path done = inbox.resolve("csv/done/export-1.csv");
        await().atMost(WAIT).until(() -> Files.exists(done));
        assertThat(Files.exists(inbox.resolve("csv/export-1.csv"))).isFalse();
        Envelope e = ingest.accepted().get(0);
        assertThat(e.format()).isEqualTo(Format.CSV);
        assertThat(e.source()).isEqualTo("file");
        assertThat(e.gateway()).isEqualTo("export-1.csv");
        assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("meter;time;value\n");
    }

    @Test
    void partlyRejectedFileIsDoneToo() throws Exception {
        ingest.answering(e -> new Outcome(2, 1, List.of(new Outcome.Rejection("dl-9", "bad checksum", "label BASE"))));
        drop("tic", "capture.bin", "frames");
        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("tic/done/capture.bin")));
        assertThat(Files.exists(inbox.resolve("tic/done/capture.bin.reason.txt")))
                .isFalse();
    }

    @Test
    void fileWithEveryInputRejectedGoesToFailedWithItsReasons() throws Exception {
        ingest.answering(e -> new Outcome(
                0,
                2,
                List.of(
                        new Outcome.Rejection("dl-1", "line 1: unknown meter key", null),
                        new Outcome.Rejection("dl-2", "line 2: not hexadecimal", null))));
        drop("wmbus", "telegrams.txt", "zz\nyy\n");

        Path reason = inbox.resolve("wmbus/failed/telegrams.txt.reason.txt");
        await().atMost(WAIT).until(() -> Files.exists(reason));
        assertThat(Files.exists(inbox.resolve("wmbus/failed/telegrams.txt"))).isTrue();
        assertThat(Files.readString(reason))
                .contains("nothing accepted, 2 rejected")
                .contains("line 1: unknown meter key (dead letter dl-1)")
                .contains("line 2: not hexadecimal (dead letter dl-2)");
    }

    @Test
    void unreadableFileGoesToFailedWithTheReason() throws Exception {
        ingest.failNext(1, () -> new DecodeException("Data Connect: not JSON"));
        drop("dataconnect", "reading.json", "{");

        Path reason = inbox.resolve("dataconnect/failed/reading.json.reason.txt");
        await().atMost(WAIT).until(() -> Files.exists(reason));
        assertThat(Files.readString(reason)).contains("unreadable: Data Connect: not JSON");
    }

    @Test
    void fileIsLeftAndReadAgainWhenTheStoreFailed() throws Exception {
        ingest.failNext(2);
        drop("senml", "pack.json", "[]");

        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("senml/done/pack.json")));
        assertThat(ingest.calls()).hasSize(3);
        assertThat(ingest.accepted()).hasSize(1);
        assertThat(Files.exists(inbox.resolve("senml/failed"))).isFalse();
    }

    @Test
    void fileBeingWrittenIsNotPickedUp() throws Exception {
        Path dir = Files.createDirectories(inbox.resolve("csv"));
        Path writing = Files.writeString(dir.resolve("big.csv.tmp"), "half of it", StandardCharsets.UTF_8);
        Path partial = Files.writeString(dir.resolve("other.csv.part"), "half", StandardCharsets.UTF_8);
        drop("csv", "small.csv", "all of it");

        // The poll that took small.csv saw the others and left them.
        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("csv/done/small.csv")));
        assertThat(writing).exists();
        assertThat(partial).exists();
        assertThat(ingest.calls()).extracting(Envelope::gateway).containsExactly("small.csv");

        // Renamed when complete: now it is read.
        Files.move(writing, dir.resolve("big.csv"));
        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("csv/done/big.csv")));
        assertThat(ingest.calls()).extracting(Envelope::gateway).containsExactly("small.csv", "big.csv");
    }

    @Test
    void sameNameDroppedTwiceKeepsBothInDone() throws Exception {
        drop("csv", "daily.csv", "one");
        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("csv/done/daily.csv")));
        drop("csv", "daily.csv", "two");
        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("csv/done/daily.csv.1")));
        assertThat(Files.readString(inbox.resolve("csv/done/daily.csv"))).isEqualTo("one");
        assertThat(Files.readString(inbox.resolve("csv/done/daily.csv.1"))).isEqualTo("two");
    }

    @Test
    void theInboxFoldersAndTheFilesTheyKeepAreOwnerOnly() throws Exception {
        Path accepted = drop("csv", "export.csv", "meter;time;value\n");
        Files.setPosixFilePermissions(accepted, PosixFilePermissions.fromString("rw-r--r--")); // as cp makes it
        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("csv/done/export.csv")));
        ingest.failNext(1, () -> new DecodeException("Data Connect: not JSON"));
        drop("dataconnect", "reading.json", "{");
        await().atMost(WAIT).until(() -> Files.exists(inbox.resolve("dataconnect/failed/reading.json.reason.txt")));

        for (Format format : Format.values()) {
            assertThat(mode(inbox.resolve(format.id()))).as(format.id()).isEqualTo("rwx------");
        }
        assertThat(mode(inbox.resolve("csv/done"))).isEqualTo("rwx------");
        assertThat(mode(inbox.resolve("csv/done/export.csv"))).isEqualTo("rw-------");
        assertThat(mode(inbox.resolve("dataconnect/failed"))).isEqualTo("rwx------");
        assertThat(mode(inbox.resolve("dataconnect/failed/reading.json"))).isEqualTo("rw-------");
        assertThat(mode(inbox.resolve("dataconnect/failed/reading.json.reason.txt")))
                .isEqualTo("rw-------");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
