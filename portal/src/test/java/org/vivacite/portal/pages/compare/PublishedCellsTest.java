package org.vivacite.portal.pages.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Set;
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
 * The cells a comparison reads, from a release written as the publisher writes it (CsvTable,
 * release.json): only the residential cells of the areas asked; a confidential cell without values;
 * the release's own min-households; no release, nothing; a file that is not the one published, refused.
 */
class PublishedCellsTest {

    private static final String BASE = "http://localhost:8080/";
    private static final Period YEAR = new Period(LocalDate.of(2025, 1, 1), Period.Step.YEAR);
    private static final Area METROPOLIS =
            new Area(BASE + "id/metropolis/200040715", TerritorialLevel.METROPOLIS, "200040715", "Métropole", null);
    private static final Area COMMUNE =
            new Area(BASE + "id/commune/38185", TerritorialLevel.COMMUNE, "38185", "Grenoble", METROPOLIS.iri());
    private static final Area DISTRICT =
            new Area(BASE + "id/district/381850101", TerritorialLevel.DISTRICT, "381850101", "Europole", COMMUNE.iri());

    @TempDir
    Path dir;

    @Test
    void readsTheResidentialCellsOfTheAreasAskedAndTheRulesOfTheRelease() throws IOException {
        ReleaseFolders folders = ReleaseFolders.of(dir);
        assertThat(PublishedCells.of(folders, Set.of(COMMUNE.iri()))).isEmpty();
        write(folders);

        PublishedCells.Published p = PublishedCells.of(folders, Set.of(DISTRICT.iri(), COMMUNE.iri()))
                .orElseThrow();
        assertThat(p.release().id()).isEqualTo("2026-01-15T000000Z");
        assertThat(p.minHouseholds()).isEqualTo(DisclosureRules.DEFAULTS.minHouseholds());
        assertThat(p.rows()).containsOnlyKeys(DISTRICT.iri(), COMMUNE.iri());
        PublishedCells.Row commune = p.row(COMMUNE.iri(), "electricity").orElseThrow();
        assertThat(commune.published()).isTrue();
        assertThat(commune.label()).isEqualTo("Grenoble");
        assertThat(commune.households()).isEqualTo(25);
        assertThat(commune.total()).isEqualByComparingTo("75000");
        assertThat(commune.mean()).isEqualByComparingTo("3000");
        assertThat(commune.perM2()).isEqualByComparingTo("50");
        assertThat(commune.unit()).endsWith("KiloW-HR");
        PublishedCells.Row district = p.row(DISTRICT.iri(), "electricity").orElseThrow();
        assertThat(district.published()).isFalse();
        assertThat(district.total()).isNull();
        assertThat(district.households()).isNull();
        assertThat(district.mean()).isNull();
        // the tertiary cell of the commune is not a home's
        assertThat(p.rows().get(COMMUNE.iri())).containsOnlyKeys("electricity");
    }

    @Test
    void refusesAFileThatIsNotTheOnePublished() throws IOException {
        ReleaseFolders folders = ReleaseFolders.of(dir);
        Path csv = write(folders);
        Files.writeString(csv, "tampered\r\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> PublishedCells.of(folders, Set.of(COMMUNE.iri())))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("is not the one published");
    }

    private static Path write(ReleaseFolders folders) throws IOException {
        Dataset d = Dataset.ANNUAL_BY_DISTRICT;
        List<Cell> cells = List.of(
                cell(DISTRICT, Sector.RESIDENTIAL, "21000", 6, null, Protection.Status.PRIMARY),
                cell(COMMUNE, Sector.RESIDENTIAL, "75000", 25, "1500", Protection.Status.PUBLISHED),
                cell(COMMUNE, Sector.TERTIARY, "90000", 5, null, Protection.Status.PUBLISHED),
                cell(METROPOLIS, Sector.RESIDENTIAL, "300000", 100, null, Protection.Status.PUBLISHED));
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
                    3,
                    List.of(),
                    Map.of(name, "text/csv"),
                    DisclosureRules.DEFAULTS.parameters());
        }
        return folders.folder(d, id).resolve(name);
    }

    private static Cell cell(
            Area area, Sector sector, String total, int points, String floorArea, Protection.Status status) {
        return new Cell(
                Dataset.ANNUAL_BY_DISTRICT,
                area,
                YEAR,
                null,
                Fluid.ELECTRICITY,
                sector,
                new BigDecimal(total),
                points,
                new BigDecimal("0.1"),
                floorArea == null ? null : new BigDecimal(floorArea),
                null,
                status == Protection.Status.PUBLISHED
                        ? Protection.PUBLISHED
                        : new Protection(status, Protection.Rule.MIN_HOUSEHOLDS));
    }
}
