package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/** {@code vivacite deadletter …} on a real dead-letter store and private store. */
class DeadletterCommandTest extends InProcessCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SENSOR = "0024befffe804ff1";
    static final String REGISTRY = String.join(",", MeterCsv.COLUMNS) + "\n" + SENSOR
            + ",ACME,none,D-0001,room-sensor,roomTemperature,senml,,,PT30M,,,gw-7,,\n";

    @TempDir
    Path data;

    private DeadLetterStore letters;
    private String unknownMeter;
    private String undecodable;
    private String binary;

    /** A SenML pack of one room temperature of the sensor at that time. */
    static byte[] temperature(Instant at, String value) {
        return ("[{\"bn\":\"urn:dev:mac:" + SENSOR + ":\",\"bt\":" + at.getEpochSecond()
                        + ",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":" + value + "}]")
                .getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void lettersOfThreeReasons() {
        letters = IngestParts.deadLetters(data);
        Instant received = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        unknownMeter = letters.put(
                Envelope.of(
                        Format.SENML,
                        "mqtt",
                        "gw-7",
                        received,
                        // on the hour: a reading the sensor's PT30M consent keeps
                        temperature(received.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)), "21.5")),
                Reason.UNKNOWN_METER,
                "meter " + SENSOR + " is not in the meter registry: quarantined until it is registered");
        undecodable = letters.put(
                Envelope.of(Format.WMBUS, "http", "gw-7", received, "2E44".getBytes(StandardCharsets.US_ASCII)),
                Reason.UNDECODABLE,
                "wmbus telegram of 2 bytes is shorter than its header");
        binary = letters.put(
                new Envelope(
                        Format.WMBUS,
                        "coap",
                        null,
                        "m-1",
                        received,
                        HexFormat.of().parseHex("2e4400ff01"),
                        -71),
                Reason.MISSING_KEY,
                "no key for meter 12345678");
    }

    @Test
    void listPrintsOneLinePerLetterWithItsMetadataButNotItsPayload() {
        assertThat(run("deadletter", "list", "--data", data.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        String[] first = lines.get(0).split("\t");
        DeadLetter letter = letters.get(unknownMeter).orElseThrow();
        assertThat(first)
                .containsExactly(
                        unknownMeter,
                        letter.rejectedAt().toString(),
                        "mqtt",
                        "senml",
                        "gw-7",
                        "unknown-meter",
                        letter.detail());
        assertThat(lines.get(2).split("\t")).containsSubsequence(binary, "coap", "wmbus", "-", "missing-key");
        assertThat(out.toString()).doesNotContain("temperature").doesNotContain("2E44");
    }

    @Test
    void aLetterOfSeveralInputsIsListedWithItsCountsPerReasonAndShownWithEachInputsReason() throws Exception {
        String rows = letters.put(
                Envelope.of(
                        Format.CSV,
                        "http",
                        "gw-8",
                        Instant.now(),
                        "usage_point_id,start,end,value,unit\nx\ny\nz\nw\n".getBytes(StandardCharsets.US_ASCII)),
                4,
                false,
                DeadLetter.Units.of(
                        List.of(Reason.UNDECODABLE, Reason.UNDECODABLE, Reason.UNDECODABLE, Reason.UNKNOWN_METER),
                        List.of("row 1", "row 2", "row 3", "row 4")));

        assertThat(run("deadletter", "list", "--reason", "unknown-meter", "--data", data.toString()))
                .isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith(rows)))
                .singleElement()
                .satisfies(l -> assertThat(l.split("\t"))
                        .containsSubsequence("gw-8", "undecodable (3), unknown-meter (1)", "row 1"));

        assertThat(run("deadletter", "show", rows, "--data", data.toString())).isZero();
        JsonNode shown = JSON.readTree(out.toString());
        assertThat(shown.path("units").asInt()).isEqualTo(4);
        assertThat(shown.path("reasons").path("undecodable").asInt()).isEqualTo(3);
        assertThat(shown.path("unitReasons").findValuesAsText("reason"))
                .containsExactly("undecodable", "undecodable", "undecodable", "unknown-meter");
        assertThat(shown.path("unitReasons").findValuesAsText("detail"))
                .containsExactly("row 1", "row 2", "row 3", "row 4");
    }

    @Test
    void listKeepsTheLettersOfOneReason() {
        assertThat(run("deadletter", "list", "--reason", "undecodable", "--data", data.toString()))
                .isZero();
        assertThat(out.toString().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith(undecodable + "\t"));
    }

    @Test
    void anUnknownReasonNamesTheValidOnes() {
        assertThat(run("deadletter", "list", "--reason", "garbled", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains("unknown reason 'garbled'")
                .contains("undecodable")
                .contains("unknown-meter")
                .contains("conflicting-value");
        assertThat(run("deadletter", "replay", "--reason", "garbled", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("unknown reason 'garbled'");
    }

    @Test
    void showGivesTheMetadataAndThePayloadAsTextOrHex() throws Exception {
        assertThat(run("deadletter", "show", undecodable, "--data", data.toString()))
                .isZero();
        JsonNode text = JSON.readTree(out.toString());
        assertThat(text.path("id").asText()).isEqualTo(undecodable);
        assertThat(text.path("reason").asText()).isEqualTo("undecodable");
        assertThat(text.path("gateway").asText()).isEqualTo("gw-7");
        assertThat(text.path("payloadText").asText()).isEqualTo("2E44");
        assertThat(text.has("payloadHex")).isFalse();

        assertThat(run("deadletter", "show", binary, "--data", data.toString())).isZero();
        JsonNode hex = JSON.readTree(out.toString());
        assertThat(hex.path("payloadHex").asText()).isEqualTo("2e4400ff01");
        assertThat(hex.has("payloadText")).isFalse();
        assertThat(hex.path("messageId").asText()).isEqualTo("m-1");
        assertThat(hex.path("rssi").asInt()).isEqualTo(-71);
        assertThat(hex.path("payloadBytes").asInt()).isEqualTo(5);
        assertThat(hex.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void showOfAnUnknownIdSaysSo() {
        assertThat(run("deadletter", "show", "20260101T000000.000Z-zz", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no dead letter '20260101T000000.000Z-zz' waiting in");
    }

    @Test
    void replayWritesWhatNowGoesThroughAndKeepsTheRest() throws Exception {
        new MeterRegistry(data.resolve(IngestParts.REGISTRY_FILE), IngestParts.ZONE)
                .register(MeterCsv.parse(REGISTRY, "test")); // no pipeline listens: nothing replayed yet

        assertThat(run("deadletter", "replay", unknownMeter, undecodable, "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip())
                .isEqualTo("replayed 2 input(s) of 2 dead letter(s): 1 written (resolved), 1 rejected again (failed,"
                        + " still waiting)");
        assertThat(letters.get(unknownMeter)).isEmpty();
        assertThat(data.resolve("deadletter/replayed/" + unknownMeter + ".json"))
                .exists();
        assertThat(letters.get(undecodable).orElseThrow().attempts()).isEqualTo(2);
        assertThat(letters.get(binary).orElseThrow().attempts())
                .as("not asked for")
                .isEqualTo(1);
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            assertThat(store.statistics()).isNotEmpty();
        }
    }

    @Test
    void replayByReasonAndOfAnUnknownId() {
        assertThat(run("deadletter", "replay", "--reason", "missing-key", "--data", data.toString()))
                .isZero();
        assertThat(out.toString()).startsWith("replayed 1 input(s) of 1 dead letter(s): 0 written");
        assertThat(run("deadletter", "replay", "20260101T000000.000Z-zz", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no dead letter 20260101T000000.000Z-zz waiting in");
    }

    @Test
    void replayWhileTheStoreIsHeldIsAClearError() {
        try (QuadStore held = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            assertThat(run("deadletter", "replay", "--data", data.toString())).isEqualTo(1);
        }
        assertThat(err.toString()).contains("is in use by another process").contains("POST /admin/deadletter/replay");
        assertThat(letters.size()).isEqualTo(3);
    }

    @Test
    void showingAHouseholdsLetterNeedsAReasonAndIsRecordedInItsAccessLogFirst() throws Exception {
        java.nio.file.Path registry = data.resolve("registry-import.csv");
        java.nio.file.Files.writeString(registry, REGISTRY);
        assertThat(run("meters", "import", registry.toString(), "--data", data.toString()))
                .as(err.toString())
                .isZero();
        String household = letters.put(
                Envelope.of(Format.SENML, "mqtt", "gw-7", Instant.now(), temperature(Instant.now(), "21.5")),
                Reason.FUTURE_TIME,
                "a reading in the future");

        assertThat(run("deadletter", "show", household, "--data", data.toString()))
                .isNotZero();
        assertThat(err.toString()).contains("--why: dead letter " + household + " names the meters of 1 household(s)");
        assertThat(out.toString()).as("nothing shown").doesNotContain("payload");

        assertThat(run(
                        "deadletter",
                        "show",
                        household,
                        "--why",
                        "gateway gw-7 sends the future, ticket 42",
                        "--operator",
                        "ops-1",
                        "--data",
                        data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("payloadText");
        try (org.vivacite.triplestore.QuadStore store =
                org.vivacite.triplestore.QuadStores.open("lmdb", "private", data.resolve("private"))) {
            var rows = store.select("PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dct: <http://purl.org/dc/terms/>"
                            + " SELECT ?d ?why ?who ?what WHERE { GRAPH ?g { ?a prov:used ?d ; dct:description ?why ;"
                            + " dct:title ?what ; prov:qualifiedAssociation [ prov:agent/dct:identifier ?who ] } }"
                            + " ")
                    .rows();
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.get("why").getLiteralLexicalForm()).isEqualTo("gateway gw-7 sends the future, ticket 42");
                assertThat(r.get("who").getLiteralLexicalForm()).isEqualTo("ops-1");
                assertThat(r.get("what").getLiteralLexicalForm()).isEqualTo("dead letter " + household);
                assertThat(r.get("d").getURI()).contains("/dwelling/");
            });
        }
        // a letter that names no household's meter is shown as before, without a reason
        assertThat(run("deadletter", "show", undecodable, "--data", data.toString()))
                .isZero();
    }
}
