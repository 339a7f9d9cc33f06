package org.vivacite.portal.advice;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.release.ReleaseFolders;

/**
 * The homes of a district (IRIS) as the newest release of the annual open data by district
 * publishes them: the residential cell's consumption per degree-day ({@code per_degree_day}, the
 * district's total over the year's heating degree-days) shared among its active delivery points.
 * Only a cell that disclosure control published is read (a confidential one has no figure), as the
 * compare page reads them; nothing here reads a store.
 *
 * @param area the district's IRI
 * @param label its name as published
 * @param households the active delivery points the cell counts
 * @param perDegreeDay the mean home's consumption per degree-day, in {@code unit}
 * @param unit the cell's QUDT unit IRI
 * @param release the release's identifier
 */
record DistrictLevel(String area, String label, int households, BigDecimal perDegreeDay, String unit, String release) {

    /** The dataset read: the finest residential cells published every release. */
    static final Dataset DATASET = Dataset.ANNUAL_BY_DISTRICT;

    /**
     * The published level of a district's homes for a fluid, empty when there is no release yet, or
     * the cell is confidential, absent or has no value per degree-day.
     *
     * @throws OpenDataException when the release's file is not the one published (its checksum differs)
     */
    static Optional<DistrictLevel> of(ReleaseFolders releases, String district, String fluid) {
        Optional<ReleaseSummary> latest = releases.latest(DATASET);
        Optional<ReleaseSummary.DownloadFile> csv = latest.flatMap(r ->
                r.files().stream().filter(f -> f.format().equals("text/csv")).findFirst());
        if (csv.isEmpty()) {
            return Optional.empty();
        }
        Path file =
                releases.folder(DATASET, latest.get().id()).resolve(csv.get().name());
        if (!csv.get().sha256().equals(ReleaseFolders.sha256(file))) {
            throw new OpenDataException("release " + latest.get().id() + " of " + DATASET.id + ": its file "
                    + csv.get().name() + " is not the one published (its SHA-256 differs from release.json's)");
        }
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord r : parser) {
                if (!r.get("area").equals(district)
                        || !r.get("fluid").equals(fluid)
                        || !Sector.RESIDENTIAL.code.equals(r.get("sector"))) {
                    continue;
                }
                if (!"published".equals(r.get("status"))
                        || r.get("per_degree_day").isEmpty()
                        || r.get("active_delivery_points").isEmpty()) {
                    return Optional.empty();
                }
                int households = Integer.parseInt(r.get("active_delivery_points"));
                if (households <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new DistrictLevel(
                        district,
                        r.get("area_label"),
                        households,
                        new BigDecimal(r.get("per_degree_day"))
                                .divide(BigDecimal.valueOf(households), MathContext.DECIMAL64),
                        r.get("unit"),
                        latest.get().id()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published cells of " + file, e);
        }
        return Optional.empty();
    }
}
