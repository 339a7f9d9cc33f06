package org.vivacite.portal.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Release;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.cube.CsvTable;
import org.vivacite.opendata.release.ReleaseFolders;

/**
 * The district's level per degree-day, from a release written as the publisher writes it (CsvTable,
 * release.json): the residential cell's value per degree-day shared among its homes; nothing from a
 * confidential cell, another sector, or before any release; a file that is not the one published, refused.
 */
class DistrictLevelTest {

    private static final String BASE = "http://localhost:8080/";
    private static final Period YEAR = new Period(LocalDate.of(2025, 1, 1), Period.Step.YEAR);
    private static final Area COMMUNE =
            new Area(BASE + "id/commune/38185", TerritorialLevel.COMMUNE, "38185", "Grenoble", null);
    private static final Area DISTRICT =
            new Area(BASE + "id/district/381850101", TerritorialLevel.DISTRICT, "381850101", "Europole", COMMUNE.iri());
    private static final Area OTHER =
            new Area(BASE + "id/district/381850102", TerritorialLevel.DISTRICT, "381850102", "Hoche", COMMUNE.iri());

    @TempDir
    Path dir;

    @Test
    void theDistrictsHomesPerDegreeDayIsItsPublishedValueSharedAmongItsHomes() throws IOException {
        ReleaseFolders folders = ReleaseFolders.of(dir);
        assertThat(DistrictLevel.of(folders, DISTRICT.iri(), "gas"))
                .as("no release yet")
                .isEmpty();
        write(folders);

        DistrictLevel level = DistrictLevel.of(folders, DISTRICT.iri(), "gas").orElseThrow();
        // 120 000 kWh over 2 400 degree-days, 12 homes: 50 a degree-day, 4.17 a home
        assertThat(level.households()).isEqualTo(12);
        assertThat(level.perDegreeDay().multiply(BigDecimal.valueOf(12)))
                .as("as published, rounded")
                .isCloseTo(new BigDecimal("50"), within(new BigDecimal("0.0001")));
        assertThat(level.label()).isEqualTo("Europole");
        assertThat(level.unit()).endsWith("KiloW-HR");
        assertThat(DistrictLevel.of(folders, OTHER.iri(), "gas"))
                .as("confidential")
                .isEmpty();
        assertThat(DistrictLevel.of(folders, DISTRICT.iri(), "heat"))
                .as("no cell")
                .isEmpty();
    }

    @Test
    void refusesAFileThatIsNotTheOnePublished() throws IOException {
        ReleaseFolders folders = ReleaseFolders.of(dir);
        Files.writeString(write(folders), "tampered\r\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DistrictLevel.of(folders, DISTRICT.iri(), "gas"))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("is not the one published");
    }

    private static Path write(ReleaseFolders folders) throws IOException {
        Dataset d = Dataset.ANNUAL_BY_DISTRICT;
        List<Cell> cells = List.of(
                cell(DISTRICT, Sector.TERTIARY, "900000", 4, Protection.Status.PUBLISHED),
                cell(DISTRICT, Sector.RESIDENTIAL, "120000", 12, Protection.Status.PUBLISHED),
                cell(OTHER, Sector.RESIDENTIAL, "30000", 5, Protection.Status.PRIMARY));
        String id = "2026-01-15T000000Z";
        Release release = new Release(
                d,
                id,
                Instant.parse("2026-01-15T00:00:00Z"),
                YEAR.start(),
                YEAR.end(),
                DisclosureRules.DEFAULTS,
                cells);
        String name = d.id + ".csv";
        try (ReleaseFolders.Draft draft = folders.draft(d, id)) {
            try (OutputStream out = Files.newOutputStream(draft.dir().resolve(name))) {
                new CsvTable(BASE, "https://www.etalab.gouv.fr/licence-ouverte-open-licence").write(release, out);
            }
            draft.commit(
                    release.issued(),
                    YEAR.start(),
                    YEAR.end(),
                    cells.size(),
                    1,
                    List.of(),
                    Map.of(name, "text/csv"),
                    DisclosureRules.DEFAULTS.parameters());
        }
        return folders.folder(d, id).resolve(name);
    }

    private static Cell cell(Area area, Sector sector, String total, int points, Protection.Status status) {
        return new Cell(
                Dataset.ANNUAL_BY_DISTRICT,
                area,
                YEAR,
                null,
                Fluid.GAS,
                sector,
                new BigDecimal(total),
                points,
                new BigDecimal("0.1"),
                null,
                new BigDecimal("2400"),
                status == Protection.Status.PUBLISHED
                        ? Protection.PUBLISHED
                        : new Protection(status, Protection.Rule.MIN_HOUSEHOLDS));
    }
}
