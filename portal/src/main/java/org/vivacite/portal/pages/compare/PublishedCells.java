package org.vivacite.portal.pages.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.release.ReleaseFolders;

/**
 * The residential cells of the newest published release of the annual consumption by district
 * (IRIS), commune and metropolis, as its CSV file publishes them: only what disclosure control let
 * out (docs/disclosure.md). A confidential cell comes with its status and no value. Nothing here
 * reads a store: a comparison is made with published figures only.
 */
public final class PublishedCells {

    /** The dataset compared with: the finest residential cells published every release. */
    public static final Dataset DATASET = Dataset.ANNUAL_BY_DISTRICT;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedCells() {}

    /**
     * A residential cell of one area and fluid.
     *
     * @param unit the QUDT unit IRI of {@code total} and {@code mean}
     * @param households the active delivery points counted, null when confidential
     * @param perM2 consumption per m² of the homes' floor area, null when not published
     * @param perDegreeDay the total per heating degree-day, null when not published
     */
    public record Row(
            String area,
            String label,
            String fluid,
            String unit,
            BigDecimal total,
            Integer households,
            BigDecimal mean,
            BigDecimal perM2,
            BigDecimal perDegreeDay,
            boolean published) {}

    /**
     * A release's cells of the areas asked, by area then fluid.
     *
     * @param minHouseholds the fewest households a household cell had to count, as the release
     *     records its rules; null if it does not
     */
    public record Published(ReleaseSummary release, Integer minHouseholds, Map<String, Map<String, Row>> rows) {

        public Optional<Row> row(String area, String fluid) {
            return Optional.ofNullable(rows.getOrDefault(area, Map.of()).get(fluid));
        }
    }

    /**
     * The residential cells of {@code areas} in the newest release; empty when there is none yet.
     *
     * @throws OpenDataException when the release's file is not the one published (its checksum differs)
     */
    public static Optional<Published> of(ReleaseFolders releases, Set<String> areas) {
        Optional<ReleaseSummary> latest = releases.latest(DATASET);
        Optional<ReleaseSummary.DownloadFile> csv = latest.flatMap(r ->
                r.files().stream().filter(f -> f.format().equals("text/csv")).findFirst());
        if (csv.isEmpty()) {
            return Optional.empty();
        }
        Path folder = releases.folder(DATASET, latest.get().id());
        Path file = folder.resolve(csv.get().name());
        if (!csv.get().sha256().equals(ReleaseFolders.sha256(file))) {
            throw new OpenDataException("release " + latest.get().id() + " of " + DATASET.id + ": its file "
                    + csv.get().name() + " is not the one published (its SHA-256 differs from release.json's)");
        }
        Map<String, Map<String, Row>> rows = new HashMap<>();
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord r : parser) {
                if (!areas.contains(r.get("area")) || !Sector.RESIDENTIAL.code.equals(r.get("sector"))) {
                    continue;
                }
                boolean published = "published".equals(r.get("status"));
                rows.computeIfAbsent(r.get("area"), k -> new HashMap<>())
                        .put(
                                r.get("fluid"),
                                new Row(
                                        r.get("area"),
                                        r.get("area_label"),
                                        r.get("fluid"),
                                        r.get("unit"),
                                        decimal(r.get("consumption")),
                                        r.get("active_delivery_points").isEmpty()
                                                ? null
                                                : Integer.valueOf(r.get("active_delivery_points")),
                                        decimal(r.get("mean_per_delivery_point")),
                                        decimal(r.get("per_m2")),
                                        decimal(r.get("per_degree_day")),
                                        published));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published cells of " + file, e);
        }
        return Optional.of(new Published(latest.get(), minHouseholds(folder), rows));
    }

    private static Integer minHouseholds(Path folder) {
        try {
            JsonNode rules = JSON.readTree(
                            folder.resolve(ReleaseFolders.SUMMARY).toFile())
                    .path("disclosureRules");
            return rules.hasNonNull("min-households")
                    ? Integer.valueOf(rules.get("min-households").asText())
                    : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String value) {
        return value == null || value.isEmpty() ? null : new BigDecimal(value);
    }
}
