package org.vivacite.portal.official;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.release.ReleaseFolders;

/**
 * {@code GET /api/official/datasets} and {@code GET /api/official/datasets/{dataset}}: what an
 * official or planner reads (issue 19's table), the disclosure-controlled aggregates only. Both
 * answer from the published releases' files ({@code {data}/open-data}), which hold only cells that
 * disclosure control let through (docs/disclosure.md); nothing here reads the private store, so no
 * household and no building that is not published individually can be reached. The identity chain
 * lets only the {@code official} role in (docs/identity.md).
 */
@RestController
class OfficialController {

    private final ReleaseFolders releases;
    private final String base;

    OfficialController(ReleaseFolders releases, @Value("${vivacite.base-iri}") String base) {
        this.releases = releases;
        this.base = base;
    }

    /** A published dataset's newest release and its files' addresses. */
    record Release(
            String dataset,
            String title,
            String release,
            Instant issued,
            LocalDate coverageStart,
            LocalDate coverageEnd,
            int cells,
            int published,
            List<String> files) {}

    /** The cells of a release as its CSV file publishes them, one object per row, by column. */
    record Cells(String dataset, String release, List<String> columns, List<Map<String, String>> rows) {}

    @Operation(
            summary = "The newest release of each published dataset (disclosure-controlled aggregates)",
            responses = {
                @ApiResponse(responseCode = "200", description = "the datasets that have a release"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "403", description = "not an official")
            })
    @GetMapping(value = "/api/official/datasets", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Release> datasets() {
        List<Release> out = new ArrayList<>();
        for (Dataset d : Dataset.values()) {
            releases.latest(d)
                    .ifPresent(r -> out.add(new Release(
                            d.id,
                            d.titleEn,
                            r.id(),
                            r.issued(),
                            r.coverageStart(),
                            r.coverageEnd(),
                            r.cells(),
                            r.published(),
                            r.files().stream()
                                    .map(f -> r.downloadUrl(base, f.name()))
                                    .toList())));
        }
        return out;
    }

    @Operation(
            summary = "The cells of a dataset's newest release, as its CSV file publishes them",
            description = "Cells that disclosure control suppressed are as the file gives them (no value).",
            responses = {
                @ApiResponse(responseCode = "200", description = "the release's rows"),
                @ApiResponse(responseCode = "404", description = "no such dataset, or no release of it yet"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "403", description = "not an official")
            })
    @GetMapping(value = "/api/official/datasets/{dataset}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> cells(@Parameter(description = "a dataset's identifier") @PathVariable String dataset) {
        Optional<Dataset> d = Arrays.stream(Dataset.values())
                .filter(x -> x.id.equals(dataset))
                .findFirst();
        if (d.isEmpty()) {
            return notFound("dataset: no dataset named '" + dataset + "'");
        }
        Optional<ReleaseSummary> latest = releases.latest(d.get());
        Optional<ReleaseSummary.DownloadFile> csv = latest.flatMap(r ->
                r.files().stream().filter(f -> f.format().equals("text/csv")).findFirst());
        if (csv.isEmpty()) {
            return notFound("dataset: '" + dataset + "' has no release yet");
        }
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .build();
        try (Reader in = Files.newBufferedReader(
                        releases.folder(d.get(), latest.get().id())
                                .resolve(csv.get().name()),
                        StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(new LinkedHashMap<>(r.toMap()));
            }
            return ResponseEntity.ok(new Cells(dataset, latest.get().id(), parser.getHeaderNames(), rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<Map<String, String>> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", message));
    }
}
