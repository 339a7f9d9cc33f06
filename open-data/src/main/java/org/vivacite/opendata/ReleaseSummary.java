package org.vivacite.opendata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.vivacite.ontology.TerritorialLevel;

/**
 * What the catalogue says of a release once its files are written: no cells, only its dates,
 * coverage, counts and downloadable files. Kept as {@code release.json} in the release's folder.
 *
 * @param cells how many cells the release has, published or not
 * @param published how many of them are published
 * @param levels the same per territorial level, finest first: the share of cells disclosure control
 *     hid at each level (which anyone can count in the files; the share of consumption they hold is
 *     for the operator only, see {@link InformationLoss})
 */
public record ReleaseSummary(
        Dataset dataset,
        String id,
        Instant issued,
        LocalDate coverageStart,
        LocalDate coverageEnd,
        int cells,
        int published,
        List<LevelCells> levels,
        List<DownloadFile> files) {

    /** The cells of a release at one territorial level, and how many of them are published. */
    public record LevelCells(TerritorialLevel level, int cells, int published) {}

    /**
     * A file of the release, served at {@code {base}open-data/{dataset}/{release}/{name}}.
     *
     * @param format the IANA media type, such as {@code text/turtle}
     * @param sha256 lower-case hex
     */
    public record DownloadFile(String name, String format, long bytes, String sha256) {}

    public String iri(String base) {
        return base + "id/dataset/" + dataset.id + "/" + id;
    }

    public String downloadUrl(String base, String file) {
        return base + "open-data/" + dataset.id + "/" + id + "/" + file;
    }
}
