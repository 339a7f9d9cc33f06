package org.vivacite.portal.official;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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

    private static final JsonFactory JSON = new JsonFactory();

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

    /**
     * The cells of a release as its CSV file publishes them, one object per row, by column: the
     * answer's shape, which {@link #write} streams.
     */
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
            description = "Cells that disclosure control suppressed are as the file gives them (no value). The"
                    + " rows are streamed as the file is read.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the release's rows",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = Cells.class))),
                @ApiResponse(responseCode = "404", description = "no such dataset, or no release of it yet"),
                @ApiResponse(
                        responseCode = "500",
                        description = "the release's file is not the one published (its checksum differs)"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "403", description = "not an official")
            })
    @GetMapping(value = "/api/official/datasets/{dataset}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> cells(
            @Parameter(description = "a dataset's identifier") @PathVariable String dataset,
            HttpServletResponse response)
            throws IOException {
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
        Path file =
                releases.folder(d.get(), latest.get().id()).resolve(csv.get().name());
        // only the file that was published: the one release.json gives the checksum of
        if (!csv.get().sha256().equals(sha256(file))) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(Map.of(
                            "error",
                            "release " + latest.get().id() + " of '" + dataset + "': its file "
                                    + csv.get().name()
                                    + " is not the one published (its SHA-256 differs from release.json's)"));
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        write(dataset, latest.get().id(), file, response.getOutputStream());
        return null; // answered
    }

    /**
     * Writes {@link Cells} row by row as the file is read: a daily dataset's file is large, and
     * neither it nor the answer is held in memory.
     */
    static void write(String dataset, String release, Path file, OutputStream out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .build();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("dataset", dataset);
            json.writeStringField("release", release);
            json.writeArrayFieldStart("columns");
            for (String column : parser.getHeaderNames()) {
                json.writeString(column);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
            for (CSVRecord r : parser) {
                json.writeStartObject();
                for (Map.Entry<String, String> cell : r.toMap().entrySet()) {
                    json.writeStringField(cell.getKey(), cell.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static ResponseEntity<Map<String, String>> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", message));
    }
}
