package org.vivacite.opendata.release;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.ReleaseSummary;

/**
 * Serves the release files: {@code /open-data/{dataset}/{release}/{file}}, cacheable for ever
 * (a release never changes; the ETag is the file's SHA-256), and {@code /open-data/{dataset}/latest/…},
 * a temporary redirect to the newest release's file so that links to "the latest" stay stable while
 * what they download can be cited. Only the files a release's summary lists are served.
 */
@RestController
class DownloadController {

    private static final String LATEST = "latest";

    private final ReleaseFolders folders;

    DownloadController(ReleaseFolders folders) {
        this.folders = folders;
    }

    @GetMapping("/open-data/{dataset}/{release}/{file:.+}")
    ResponseEntity<?> file(@PathVariable String dataset, @PathVariable String release, @PathVariable String file) {
        Optional<Dataset> d = dataset(dataset);
        if (d.isEmpty()) {
            return notFound("no dataset named '" + dataset + "'");
        }
        if (LATEST.equals(release)) {
            Optional<ReleaseSummary> latest = folders.latest(d.get());
            if (latest.isEmpty()) {
                return notFound("dataset '" + dataset + "' has no release yet: run 'vivacite publish'");
            }
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(URI.create(
                            "/open-data/" + dataset + "/" + latest.get().id() + "/" + file))
                    .cacheControl(CacheControl.noCache())
                    .build();
        }
        Optional<ReleaseSummary> summary = folders.release(d.get(), release);
        if (summary.isEmpty()) {
            return notFound("dataset '" + dataset + "' has no release '" + release + "'");
        }
        Path folder = folders.folder(d.get(), release);
        if (ReleaseFolders.SUMMARY.equals(file) || ReleaseFolders.CHECKSUMS.equals(file)) {
            return serve(
                    folder.resolve(file),
                    MediaType.parseMediaType(file.endsWith(".json") ? "application/json" : "text/plain;charset=UTF-8"),
                    null);
        }
        return summary.get().files().stream()
                .filter(f -> f.name().equals(file))
                .findFirst()
                .<ResponseEntity<?>>map(
                        f -> serve(folder.resolve(f.name()), MediaType.parseMediaType(f.format()), f.sha256()))
                .orElseGet(() -> notFound("release " + dataset + "/" + release + " has no file '" + file + "'"));
    }

    private static ResponseEntity<?> serve(Path path, MediaType type, String sha256) {
        if (!Files.isRegularFile(path)) {
            return notFound("the file " + path.getFileName() + " is missing from its release folder");
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(type)
                .cacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        if (sha256 != null) {
            ok.eTag("\"" + sha256 + "\"");
        }
        Resource body = new FileSystemResource(path);
        return ok.body(body);
    }

    private static Optional<Dataset> dataset(String id) {
        try {
            return Optional.of(Dataset.ofId(id));
        } catch (OpenDataException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<?> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.TEXT_PLAIN)
                .body(message + "\n");
    }
}
