package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.aggregate.DemoTerritoryFixture;
import org.vivacite.opendata.aggregate.PublicBuildingsFixture;
import org.vivacite.opendata.aggregate.TestCity;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.rollup.MeterDayRollups;
import org.vivacite.triplestore.support.OwnerOnly;

/** {@code vivacite publish} with the server stopped: it opens the stores of the data directory itself. */
class PublishCommandTest extends InProcessCommand {

    @TempDir
    Path data;

    /** The stores a stopped server leaves, empty, as {@code store} commands expect them. */
    private void emptyStores() {
        QuadStores.open("lmdb", "private", data.resolve("private")).close();
        QuadStores.open("tdb2", "public", data.resolve("public")).close();
    }

    @Test
    void publishesTheDataDirectoryWhenTheServerIsStopped() throws Exception {
        emptyStores();
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"));
                MeterDayRollups rollups = IngestParts.rollups(store, data)) {
            DemoTerritoryFixture.writeInto(store, rollups, LocalDate.now(IngestParts.ZONE));
        }
        int code = run("publish", "--data", data.toString()); // the base IRI is the store's own
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"dataset\" : \"" + Dataset.ANNUAL_BY_DISTRICT.id + "\"");
        // the operator sees the information loss, and the release's audit record is kept apart, private
        assertThat(out.toString()).contains("\"informationLoss\"", "\"consumptionShare\"", "\"level\" : \"district\"");
        try (var audits = Files.list(data.resolve("releases"))) {
            Path audit = audits.filter(p -> !p.getFileName().toString().startsWith("."))
                    .findFirst()
                    .orElseThrow();
            assertThat(audit.resolve("confidential-cells.csv")).isRegularFile();
            assertThat(OwnerOnly.openTo(audit)).isEmpty();
        }
        try (var releases = Files.list(data.resolve("open-data").resolve(Dataset.ANNUAL_BY_DISTRICT.id))) {
            Path release = releases.filter(p -> !p.getFileName().toString().startsWith("."))
                    .findFirst()
                    .orElseThrow();
            assertThat(release.resolve(Dataset.ANNUAL_BY_DISTRICT.id + ".csv")).isRegularFile();
            assertThat(release.resolve("SHA256SUMS")).isRegularFile();
        }
    }

    @Test
    void refusesAReleaseItCannotProtectWithOneErrorAndWritesNothing() throws Exception {
        emptyStores();
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"));
                MeterDayRollups rollups = IngestParts.rollups(store, data)) {
            PublicBuildingsFixture.write(new TestCity(store, rollups), LocalDate.now(IngestParts.ZONE));
        }
        assertThat(run("publish", "--data", data.toString())).as(err.toString()).isZero();
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            PublicBuildingsFixture.flagFirstBuilding(store);
        }
        Set<Path> before = files();

        int code = run("publish", "--data", data.toString());

        assertThat(code).isNotZero();
        assertThat(err.toString())
                .contains("release refused, nothing published")
                .contains(PublicBuildingsFixture.COMMUNE + "#unflagged-public-buildings");
        assertThat(out.toString()).isEmpty();
        assertThat(files()).isEqualTo(before);
    }

    /** The release folders and audit records, hidden drafts included. */
    private Set<Path> files() throws IOException {
        Set<Path> all = new HashSet<>();
        for (String part : List.of("open-data", "releases")) {
            try (Stream<Path> s = Files.walk(data.resolve(part))) {
                s.forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void saysSoWhenThereIsNothingToPublish() {
        emptyStores();
        int code = run("publish", "--data", data.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("nothing to publish").contains("derived daily consumption");
        assertThat(data.resolve("open-data")).doesNotExist();
    }
}
