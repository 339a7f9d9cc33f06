package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.output.SimulationFolder;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * {@code vivacite enrol …} on a real data directory whose private store holds the simulated city's
 * dwellings (its registry imported as an operator would): codes written for a mail merge and one
 * redeemed, moving out, and the refusals.
 */
class EnrolCommandTest extends InProcessCommand {

    private static final String BASE = "http://localhost:8080/";

    @TempDir
    static Path city;

    @TempDir
    Path data;

    @TempDir
    Path letters;

    @BeforeAll
    static void simulate() throws Exception {
        SimulationFolder.write(
                DemoCity.generate(4, 40, LocalDate.of(2026, 3, 1), null),
                city.resolve("out"),
                LocalDate.of(2026, 3, 2),
                Duration.ofDays(1),
                EnumSet.of(WireFormat.WMBUS),
                "default");
    }

    @BeforeEach
    void dwellingsInThePrivateStore() throws Exception {
        Path keys = data.resolve(IngestParts.KEYS_FILE);
        Files.copy(city.resolve("out/keys.csv"), keys);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        assertThat(run("meters", "import", city.resolve("out/meters.csv").toString(), "--data", data.toString()))
                .as(err.toString())
                .isZero();
    }

    private QuadStore store() {
        return QuadStores.open("lmdb", "private", data.resolve("private"));
    }

    private static Consents consents(QuadStore store) {
        return new Consents(
                store, BASE, Clock.systemUTC(), new FinerData(store, QuantityRegistry.standard(), IngestParts.ZONE));
    }

    private List<String> dwellings() {
        try (QuadStore store = store()) {
            return new StoreEnrolments(store, BASE, Clock.systemUTC()).dwellings();
        }
    }

    @Test
    void codesForEveryDwellingGoToAnOwnerOnlyCsvAndOneEnrolsThroughTheStore() throws Exception {
        List<String> dwellings = dwellings();
        assertThat(dwellings).hasSizeGreaterThan(1);
        Path out = letters.resolve("codes.csv");
        Instant before = Instant.now();

        assertThat(run(
                        "enrol",
                        "codes",
                        "--all",
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString(),
                        "--valid-days",
                        "30"))
                .as(err.toString())
                .isZero();
        Instant after = Instant.now();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("dwelling,code,expires");
        List<String[]> rows = lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",", -1))
                .toList();
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(3));
        assertThat(rows.stream().map(r -> r[0]).toList()).containsExactlyElementsOf(dwellings);
        assertThat(new HashSet<>(rows.stream().map(r -> r[1]).toList()))
                .as("a code of its own per dwelling")
                .hasSize(dwellings.size());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[1]).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
            assertThat(Instant.parse(r[2]))
                    .isBetween(before.plus(Duration.ofDays(30)), after.plus(Duration.ofDays(30)));
        });
        assertThat(out().strip()).startsWith("wrote " + dwellings.size() + " enrolment code(s) to " + out);

        String[] second = rows.get(1);
        try (QuadStore store = store()) {
            StoreEnrolments enrolments = new StoreEnrolments(store, BASE, Clock.systemUTC());
            assertThat(store.read(enrolments.graph()).toString())
                    .as("only the hashes are stored")
                    .doesNotContain(second[1].replace("-", ""));
            Enrolments.Enrolment e = enrolments.redeem("alice", second[1]);
            assertThat(e.dwelling()).isEqualTo(second[0]);
            assertThat(e.graphs()).singleElement().asString().startsWith(BASE + "graph/private/");
            assertThat(enrolments.of("alice", Instant.now())).containsExactly(e);
        }
    }

    @Test
    void aCodeMadeWithTheMoveInStartsTheEnrolmentThenAndAFutureOrOverlappingMoveInIsRefused() throws Exception {
        String dwelling = dwellings().get(0);
        Path out = letters.resolve("codes.csv");
        assertThat(run(
                        "enrol",
                        "codes",
                        "--dwelling",
                        dwelling,
                        "--moved-in",
                        "2026-03-01",
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString()))
                .as(err.toString())
                .isZero();
        String code = Files.readAllLines(out).get(1).split(",")[1];
        try (QuadStore store = store()) {
            Enrolments.Enrolment e = new StoreEnrolments(store, BASE, Clock.systemUTC()).redeem("alice", code);
            assertThat(e.from())
                    .isEqualTo(LocalDate.of(2026, 3, 1)
                            .atStartOfDay(IngestParts.ZONE)
                            .toInstant());
        }

        // another household's move-in while alice lives there: her move-out is recorded first
        Path next = letters.resolve("next.csv");
        assertThat(run(
                        "enrol",
                        "codes",
                        "--dwelling",
                        dwelling,
                        "--moved-in",
                        "2026-04-01",
                        "--data",
                        data.toString(),
                        "--out",
                        next.toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("vivacite: moved-in: ")
                .contains("is before the move-out of the household enrolled in " + dwelling)
                .contains("record it first (enrol move-out)")
                .doesNotContain("\n");
        assertThat(next).doesNotExist();

        String tomorrow = LocalDate.now(IngestParts.ZONE).plusDays(1).toString();
        Path later = letters.resolve("later.csv");
        assertThat(run(
                        "enrol",
                        "codes",
                        "--dwelling",
                        dwelling,
                        "--moved-in",
                        tomorrow,
                        "--data",
                        data.toString(),
                        "--out",
                        later.toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("vivacite: moved-in: ")
                .contains("is in the future")
                .doesNotContain("\n");
        assertThat(later).doesNotExist();
    }

    @Test
    void aBadDwellingGetsOneLineNamingItAndNoFile() {
        Path out = letters.resolve("codes.csv");

        assertThat(run(
                        "enrol",
                        "codes",
                        "--dwelling",
                        "not an iri>",
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("vivacite: dwelling 'not an iri>' is not an absolute IRI\n");
        assertThat(out).doesNotExist();

        String unknown = BASE + "dwelling/0000000000000000";
        assertThat(run(
                        "enrol",
                        "codes",
                        "--dwelling",
                        dwellings().get(0),
                        "--dwelling",
                        unknown,
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("vivacite: dwelling '" + unknown + "' is no dwelling of the private store\n");
        assertThat(out).doesNotExist();

        assertThat(run("enrol", "move-out", "--dwelling", unknown, "--date", "2026-12-01", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("vivacite: dwelling '" + unknown + "' is no dwelling of the private store\n");
    }

    @Test
    void anEarlierBatchIsNeverOverwritten() throws Exception {
        Path out = letters.resolve("codes.csv");
        Files.writeString(out, "the codes of last month\n");

        assertThat(run("enrol", "codes", "--all", "--data", data.toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains(out + ": exists already");
        assertThat(Files.readString(out)).isEqualTo("the codes of last month\n");
    }

    @Test
    void movingOutEndsAccessAndTheLeavingPersonsConsentsAtTheStartOfTheMoveDate() {
        // a dwelling whose meter registry gives no consent to fine data (a move-out ends that one
        // too: FineDataWithdrawalTest): the step after the move is the person's consent's end
        List<String> all = dwellings();
        String dwelling;
        try (QuadStore store = store()) {
            dwelling = all.stream()
                    .filter(d -> consents(store).step(d, Instant.now()).equals(Duration.ofDays(1)))
                    .findFirst()
                    .orElseThrow();
        }
        try (QuadStore store = store()) {
            StoreEnrolments enrolments = new StoreEnrolments(store, BASE, Clock.systemUTC());
            enrolments.redeem(
                    "alice",
                    enrolments
                            .generate(List.of(dwelling), Duration.ofDays(1))
                            .get(0)
                            .code());
            consents(store).give("alice", dwelling, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        }
        LocalDate date = LocalDate.now(IngestParts.ZONE).plusDays(2);
        Instant midnight = date.atStartOfDay(IngestParts.ZONE).toInstant();

        assertThat(run(
                        "enrol",
                        "move-out",
                        "--dwelling",
                        dwelling,
                        "--date",
                        date.toString(),
                        "--data",
                        data.toString()))
                .as(err.toString())
                .isZero();

        assertThat(out().strip())
                .startsWith(dwelling + ": 1 enrolment(s), the 1 consent(s) their people gave and the meter registry's 0"
                        + " ended at " + date
                        + "T00:00");
        try (QuadStore store = store()) {
            StoreEnrolments enrolments = new StoreEnrolments(store, BASE, Clock.systemUTC());
            assertThat(enrolments.of("alice", midnight.minusSeconds(1))).hasSize(1);
            assertThat(enrolments.of("alice", midnight)).isEmpty();
            assertThat(consents(store).step(dwelling, midnight.minusSeconds(1))).hasMinutes(30);
            assertThat(consents(store).step(dwelling, midnight)).hasDays(1);
        }
        assertThat(run("enrol", "move-out", "--dwelling", dwelling, "--date", "2026-13-01", "--data", data.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .contains("--date")
                .contains("2026-13-01")
                .doesNotContain("\n");
    }

    @Test
    void whileTheServerHoldsTheStoreItSaysToStopItAndLeavesNoFile() {
        Path out = letters.resolve("codes.csv");
        try (QuadStore held = store()) {
            assertThat(run("enrol", "codes", "--all", "--data", data.toString(), "--out", out.toString()))
                    .isEqualTo(1);
        }
        assertThat(err.toString())
                .contains("is in use by another process")
                .contains("enrolment commands run while the server is stopped");
        assertThat(err.toString().strip()).doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    private String out() {
        return out.toString();
    }
}
