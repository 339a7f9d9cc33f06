package org.vivacite.ingest.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;

class DeadLetterStoreTest {

    private static final Instant RECEIVED = Instant.parse("2026-02-01T10:00:00Z");

    @TempDir
    Path dir;

    private static Envelope from(String gateway, byte[] payload) {
        return Envelope.of(Format.CSV, "http", gateway, RECEIVED, payload);
    }

    /** A quota of these many letters and bytes per gateway and in all, retry after 10 minutes. */
    private static DeadLetterQuota quota(long gatewayLetters, long gatewayBytes, long totalLetters, long totalBytes) {
        return new DeadLetterQuota(gatewayLetters, gatewayBytes, totalLetters, totalBytes, Duration.ofMinutes(10));
    }

    @Test
    void keepsTheRawPayloadAndEverythingAboutItOwnerOnlyAndSurvivesAReopening() throws Exception {
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"));
        byte[] payload = {0x02, 0x0A, (byte) 0xFF, 0x00, 0x03};
        Envelope e = new Envelope(Format.TIC, "mqtt", "gw-7", "42", RECEIVED, payload, -80);

        String id = store.put(e, Reason.UNDECODABLE, "TIC frame 1: bad checksum of PAPP");
        String second = store.put(e, Reason.UNKNOWN_METER, "meter 1 is not in the meter registry");

        DeadLetter letter =
                new DeadLetterStore(dir.resolve("deadletter")).get(id).orElseThrow();
        assertThat(letter.envelope().payload()).isEqualTo(payload);
        assertThat(letter.envelope().gateway()).isEqualTo("gw-7");
        assertThat(letter.envelope().messageId()).isEqualTo("42");
        assertThat(letter.envelope().rssi()).isEqualTo(-80);
        assertThat(letter.envelope().receivedAt()).isEqualTo(RECEIVED);
        assertThat(letter.reason()).isEqualTo(Reason.UNDECODABLE);
        assertThat(letter.detail()).isEqualTo("TIC frame 1: bad checksum of PAPP");
        assertThat(letter.size()).isEqualTo(5);
        assertThat(store.list()).extracting(DeadLetter::id).containsExactly(id, second);
        assertThat(store.list(l -> l.waits(Reason.UNKNOWN_METER)))
                .extracting(DeadLetter::id)
                .containsExactly(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("deadletter"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("deadletter").resolve(id + ".json"))))
                .isEqualTo("rw-------");

        store.retried(
                letter,
                letter.units()
                        .edit()
                        .rejected(0, Reason.UNKNOWN_METER, "still unknown")
                        .done());
        DeadLetter again = store.get(id).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.reason()).isEqualTo(Reason.UNKNOWN_METER);
        assertThat(again.detail()).isEqualTo("still unknown");
        store.resolved(again, again.units().edit().resolved(0).done());
        assertThat(store.list()).extracting(DeadLetter::id).containsExactly(second);
        assertThat(dir.resolve("deadletter/replayed/" + id + ".json")).exists();
        assertThat(store.get("../../etc/passwd")).isEmpty();
    }

    @Test
    void aLetterHoldsEveryUnitsReasonAndTheFirstDetailsAndCountsThemPerReason() {
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"));
        List<Reason> reasons = new ArrayList<>(Collections.nCopies(19_998, Reason.UNDECODABLE));
        reasons.add(Reason.UNKNOWN_METER);
        reasons.add(Reason.UNKNOWN_METER);
        List<String> details = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            details.add("csv row " + (i + 1) + ": " + "x".repeat(500));
        }

        String id = store.put(
                from("gw-1", "rows".getBytes(StandardCharsets.US_ASCII)),
                40_000,
                false,
                DeadLetter.Units.of(reasons, details));

        DeadLetter letter = store.get(id).orElseThrow();
        assertThat(letter.units().size()).isEqualTo(20_000);
        assertThat(letter.reasons())
                .containsExactly(Map.entry(Reason.UNDECODABLE, 19_998), Map.entry(Reason.UNKNOWN_METER, 2));
        assertThat(letter.units().reason(19_999)).hasValue(Reason.UNKNOWN_METER);
        assertThat(letter.units().details()).hasSize(DeadLetter.Units.DETAILS);
        assertThat(letter.units().detail(0)).startsWith("csv row 1: xxx").hasSize(DeadLetter.Units.DETAIL_LENGTH);
        assertThat(letter.units().detail(DeadLetter.Units.DETAILS)).isNull();
        assertThat(letter.size()).isEqualTo(40_000);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void theHeadOfAPayloadTooLargeIsKeptAsItIsMarkedTruncatedWithTheWholesSize() {
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"));
        byte[] head = "usage_point_id,start".getBytes(StandardCharsets.US_ASCII);

        String id = store.put(
                from("gw-1", head), 300_000, true, DeadLetter.Units.one(Reason.TOO_LARGE, "csv payload too large"));

        DeadLetter letter = store.get(id).orElseThrow();
        assertThat(letter.envelope().payload()).isEqualTo(head);
        assertThat(letter.truncated()).isTrue();
        assertThat(letter.size()).isEqualTo(300_000);
    }

    @Test
    void aGatewayAtItsLetterQuotaIsRefusedWhileOthersAreAdmitted() {
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"), quota(2, 1 << 20, 100, 1 << 30));
        byte[] junk = "junk".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 2; i++) {
            try (DeadLetterStore.Admission a = store.admit(from("gw-1", junk))) {
                store.put(from("gw-1", junk), Reason.UNDECODABLE, "junk " + i);
            }
        }

        assertThatThrownBy(() -> store.admit(from("gw-1", junk)))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.gateway()).isEqualTo("gw-1");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
                })
                .hasMessageContaining("gateway gw-1 has 2 dead letters")
                .hasMessageContaining("vivacite.ingest.dead-letters.gateway-letters");
        assertThat(store.admits("gw-1")).isFalse();
        try (DeadLetterStore.Admission other = store.admit(from("gw-2", junk))) {
            assertThat(store.admits("gw-2")).isTrue();
        }
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void aGatewayIsAdmittedOnlyWithRoomForTheLargestLetterItsPayloadCanGiveAndPayloadsInFlightHoldTheirRoom() {
        byte[] payload = new byte[10_000];
        long largest = DeadLetterStore.largestLetter(from("gw-1", payload));
        assertThat(largest).isGreaterThan(payload.length);
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"), quota(100, 2 * largest, 100, 1 << 30));

        DeadLetterStore.Admission first = store.admit(from("gw-1", payload));
        DeadLetterStore.Admission second = store.admit(from("gw-1", payload));
        assertThatThrownBy(() -> store.admit(from("gw-1", payload)))
                .as("two payloads in flight hold the gateway's room")
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("vivacite.ingest.dead-letters.gateway-size");
        first.close();
        first.close(); // once is enough
        second.close();
        store.admit(from("gw-1", payload)).close();
    }

    @Test
    void aLetterNeverTakesMoreThanTheLargestItsPayloadCanGive() throws Exception {
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"));
        Random random = new Random(17);
        for (int size : new int[] {0, 1, 2, 3, 31, 32, 33, 1000, 65_537}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            // the worst a payload can give: one unit per byte, each with a detail of the longest,
            // of characters JSON escapes or UTF-8 writes in three bytes
            int units = Math.max(1, size);
            List<Reason> reasons = Collections.nCopies(units, Reason.CONFLICTING_VALUE);
            List<String> details = Collections.nCopies(Math.min(units, 40), "\"€\\\u0001".repeat(100));
            Envelope e =
                    new Envelope(Format.TIC, "mqtt", "gw-\u20ac".repeat(50), "m".repeat(300), RECEIVED, payload, -120);

            String id = store.put(e, Long.MAX_VALUE, false, DeadLetter.Units.of(reasons, details));

            long written = Files.size(dir.resolve("deadletter/" + id + ".json"));
            assertThat(written).as("a payload of %d bytes", size).isLessThanOrEqualTo(DeadLetterStore.largestLetter(e));
            DeadLetter letter = store.get(id).orElseThrow();
            store.retried(letter, letter.units());
            assertThat(store.storedBytes(id)).isLessThanOrEqualTo(DeadLetterStore.largestLetter(e));
        }
    }

    @Test
    void aLetterThatWouldPassTheTotalIsRefusedAndTheStoreStaysWithinIt() {
        byte[] junk = new byte[1000];
        DeadLetterStore probe = new DeadLetterStore(dir.resolve("probe"));
        String probed = probe.put(from("gw-0", junk), Reason.UNDECODABLE, "junk");
        long letter = probe.storedBytes(probed);
        DeadLetterStore store =
                new DeadLetterStore(dir.resolve("deadletter"), quota(100, 1 << 20, 100, 3 * letter + letter / 2));

        for (String gateway : List.of("gw-1", "gw-2", "gw-3")) {
            store.put(from(gateway, junk), Reason.UNDECODABLE, "junk");
        }
        assertThatThrownBy(() -> store.put(from("gw-4", junk), Reason.UNDECODABLE, "junk"))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("vivacite.ingest.dead-letters.total-size");

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.usage().bytes()).isLessThanOrEqualTo(store.quota().totalBytes());
        assertThat(store.usage().letters()).isEqualTo(3);
    }

    @Test
    void theLettersOnDiskCountAfterAReopeningAndThoseRemovedByHandFreeTheirRoom() throws Exception {
        DeadLetterQuota one = quota(1, 1 << 20, 100, 1 << 30);
        byte[] junk = "junk".getBytes(StandardCharsets.US_ASCII);
        String id =
                new DeadLetterStore(dir.resolve("deadletter"), one).put(from("gw-1", junk), Reason.UNDECODABLE, "junk");

        DeadLetterStore reopened = new DeadLetterStore(dir.resolve("deadletter"), one);
        assertThatThrownBy(() -> reopened.admit(from("gw-1", junk))).isInstanceOf(QuotaExceededException.class);
        assertThat(reopened.usage().letters()).isEqualTo(1);

        Files.delete(dir.resolve("deadletter/" + id + ".json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> admitted(reopened, from("gw-1", junk)));
        assertThat(reopened.usage().letters()).isZero();
    }

    @Test
    void aGatewayRefusedAtTheDoorIsAdmittedAgainOnceItsLettersAreRemovedByHand() throws Exception {
        DeadLetterStore store = new DeadLetterStore(dir.resolve("deadletter"), quota(1, 1 << 20, 100, 1 << 30));
        byte[] junk = "junk".getBytes(StandardCharsets.US_ASCII);
        String id = store.put(from("gw-1", junk), Reason.UNDECODABLE, "junk");
        assertThat(store.admits("gw-1")).isFalse();

        Files.delete(dir.resolve("deadletter/" + id + ".json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.admits("gw-1"));
    }

    private static boolean admitted(DeadLetterStore store, Envelope payload) {
        try (DeadLetterStore.Admission a = store.admit(payload)) {
            return true;
        } catch (QuotaExceededException e) {
            return false;
        }
    }

    @Test
    void readsALetterWrittenBeforePayloadsWereGrouped() throws Exception {
        Path store = Files.createDirectories(dir.resolve("deadletter"));
        String id = "20260201T100000.000Z-1x3f";
        Files.writeString(
                store.resolve(id + ".json"),
                "{\"id\":\"" + id + "\",\"format\":\"wmbus\",\"source\":\"http\",\"gateway\":\"gw-7\","
                        + "\"messageId\":null,\"receivedAt\":\"2026-02-01T10:00:00Z\","
                        + "\"rejectedAt\":\"2026-02-01T10:00:00.123Z\",\"reason\":\"missing-key\","
                        + "\"detail\":\"no key for meter 12345678\",\"attempts\":2,\"truncated\":false,"
                        + "\"payload\":\"MkU0NA==\"}");

        DeadLetterStore letters = new DeadLetterStore(store, quota(1, 1 << 20, 100, 1 << 30));

        DeadLetter letter = letters.get(id).orElseThrow();
        assertThat(letter.reason()).isEqualTo(Reason.MISSING_KEY);
        assertThat(letter.detail()).isEqualTo("no key for meter 12345678");
        assertThat(letter.units().size()).isEqualTo(1);
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.size()).isEqualTo(4);
        assertThat(letters.admits("gw-7")).as("counted against its gateway").isFalse();
    }

    @Test
    void reasonsHaveTheirCommandLineNames() {
        assertThat(Reason.of("unknown-meter")).isEqualTo(Reason.UNKNOWN_METER);
        assertThat(Reason.WRONG_KEY.id()).isEqualTo("wrong-key");
        assertThatThrownBy(() -> Reason.of("bad"))
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
        DeadLetter letter = store.get(id).orElseThrow();
        store.resolved(letter, letter.units().edit().resolved(0).done());
        Path replayed = data.resolve("deadletter/replayed");
        assertThat(mode(data)).as("the folder above, made").isEqualTo("rwx------");
        assertThat(mode(replayed)).isEqualTo("rwx------");
        assertThat(mode(replayed.resolve(id + ".json"))).isEqualTo("rw-------");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
