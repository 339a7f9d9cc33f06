package org.vivacite.opendata.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.ReleaseIndex;
import org.vivacite.opendata.ReleaseSummary;

/**
 * The releases on disk: {@code {root}/{dataset}/{release}/} holds a release's files, its SHA-256
 * list ({@code SHA256SUMS}, as {@code sha256sum -c} reads it) and {@code release.json}, the
 * summary the catalogue lists. A release is written into a hidden folder beside it and renamed
 * into place once whole, so a reader never sees half of one, and never written again. Its private
 * audit record (how each confidential cell was protected, the information loss) is kept apart, in
 * {@code {audit}/{release}/}, owner-only ({@link ReleaseAudit}).
 */
public final class ReleaseFolders implements ReleaseIndex {

    /** The summary file of a release folder. */
    public static final String SUMMARY = "release.json";
    /** The checksum list of a release folder. */
    public static final String CHECKSUMS = "SHA256SUMS";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path root;
    private final Path audit;

    /**
     * @param root the public release folders ({@code {data}/open-data})
     * @param audit the private audit records ({@code {data}/releases}), never served
     */
    public ReleaseFolders(Path root, Path audit) {
        this.root = root;
        this.audit = audit;
    }

    /** The release folders of a data directory: {@code {data}/open-data}, audit records in {@code {data}/releases}. */
    public static ReleaseFolders of(Path data) {
        return new ReleaseFolders(data.resolve("open-data"), data.resolve("releases"));
    }

    public Path root() {
        return root;
    }

    /** The private audit record of a release (every dataset's): {@code {audit}/{release}}. */
    public Path audit(String release) {
        if (!safeName(release)) {
            throw new OpenDataException("not a release name: '" + release + "'");
        }
        return audit.resolve(release);
    }

    /** Whether a name may be a dataset, release or file name: no path, no hidden file. */
    public static boolean safeName(String name) {
        return name != null && name.length() <= 200 && NAME.matcher(name).matches();
    }

    /** A release being written: files go into {@link #dir()}, then {@link #commit} moves it into place. */
    public final class Draft implements AutoCloseable {
        private final Dataset dataset;
        private final String release;
        private final Path dir;
        private boolean committed;

        private Draft(Dataset dataset, String release, Path dir) {
            this.dataset = dataset;
            this.release = release;
            this.dir = dir;
        }

        public Path dir() {
            return dir;
        }

        /**
         * Checksums every file written, writes {@code SHA256SUMS} and {@code release.json}, and moves
         * the folder into place.
         *
         * @return the summary, with the files in the order given
         */
        public ReleaseSummary commit(
                Instant issued,
                LocalDate coverageStart,
                LocalDate coverageEnd,
                int cells,
                int published,
                List<ReleaseSummary.LevelCells> levels,
                Map<String, String> formats,
                Map<String, String> parameters) {
            List<ReleaseSummary.DownloadFile> files = new ArrayList<>();
            StringBuilder sums = new StringBuilder();
            formats.forEach((name, format) -> {
                Path file = dir.resolve(name);
                String sha = sha256(file);
                files.add(new ReleaseSummary.DownloadFile(name, format, size(file), sha));
                sums.append(sha).append("  ").append(name).append('\n');
            });
            ReleaseSummary summary = new ReleaseSummary(
                    dataset,
                    release,
                    issued,
                    coverageStart,
                    coverageEnd,
                    cells,
                    published,
                    List.copyOf(levels),
                    List.copyOf(files));
            try {
                Files.writeString(dir.resolve(CHECKSUMS), sums, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(SUMMARY), toJson(summary, parameters) + "\n", StandardCharsets.UTF_8);
                Path target = folder(dataset, release);
                try {
                    Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(dir, target);
                }
            } catch (FileAlreadyExistsException e) {
                throw new OpenDataException(
                        "release " + dataset.id + "/" + release + " exists already: releases never change");
            } catch (IOException e) {
                throw new OpenDataException(
                        "cannot write release " + dataset.id + "/" + release + ": " + e.getMessage(), e);
            }
            committed = true;
            return summary;
        }

        /** Removes the draft's files if it was not committed. */
        @Override
        public void close() {
            if (!committed) {
                deleteTree(dir);
            }
        }
    }

    /** Starts a release; nothing is visible until {@link Draft#commit}. */
    public Draft draft(Dataset dataset, String release) {
        if (!safeName(release)) {
            throw new OpenDataException("not a release name: '" + release + "'");
        }
        if (Files.exists(folder(dataset, release))) {
            throw new OpenDataException(
                    "release " + dataset.id + "/" + release + " exists already: releases never change");
        }
        try {
            Path parent = Files.createDirectories(root.resolve(dataset.id));
            return new Draft(dataset, release, Files.createTempDirectory(parent, ".draft-" + release + "-"));
        } catch (IOException e) {
            throw new OpenDataException("cannot create a release folder under " + root + ": " + e.getMessage(), e);
        }
    }

    public Path folder(Dataset dataset, String release) {
        return root.resolve(dataset.id).resolve(release);
    }

    /** Every committed release, oldest first (release names sort by time). */
    @Override
    public List<ReleaseSummary> releases() {
        List<ReleaseSummary> all = new ArrayList<>();
        for (Dataset d : Dataset.values()) {
            all.addAll(releases(d));
        }
        all.sort(Comparator.comparing(ReleaseSummary::issued)
                .thenComparing(r -> r.dataset().ordinal()));
        return all;
    }

    /** The committed releases of one dataset, oldest first. */
    public List<ReleaseSummary> releases(Dataset dataset) {
        Path dir = root.resolve(dataset.id);
        List<ReleaseSummary> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (safeName(name) && Files.isRegularFile(child.resolve(SUMMARY))) {
                    found.add(read(child.resolve(SUMMARY)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparing(ReleaseSummary::id));
        return found;
    }

    /** The newest release of a dataset, if any. */
    public Optional<ReleaseSummary> latest(Dataset dataset) {
        List<ReleaseSummary> all = releases(dataset);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** One release, if it exists. */
    public Optional<ReleaseSummary> release(Dataset dataset, String release) {
        Path summary = folder(dataset, release).resolve(SUMMARY);
        return safeName(release) && Files.isRegularFile(summary) ? Optional.of(read(summary)) : Optional.empty();
    }

    static String toJson(ReleaseSummary s, Map<String, String> parameters) {
        JsonObject o = new JsonObject();
        o.put("dataset", s.dataset().id);
        o.put("release", s.id());
        o.put("issued", s.issued().toString());
        o.put("coverageStart", s.coverageStart().toString());
        o.put("coverageEnd", s.coverageEnd().toString());
        o.put("cells", s.cells());
        o.put("published", s.published());
        JsonArray levels = new JsonArray();
        for (ReleaseSummary.LevelCells l : s.levels()) {
            JsonObject level = new JsonObject();
            level.put("level", l.level().name().toLowerCase(Locale.ROOT));
            level.put("cells", l.cells());
            level.put("published", l.published());
            levels.add(level);
        }
        o.put("levels", levels);
        JsonArray files = new JsonArray();
        for (ReleaseSummary.DownloadFile f : s.files()) {
            JsonObject file = new JsonObject();
            file.put("name", f.name());
            file.put("format", f.format());
            file.put("bytes", f.bytes());
            file.put("sha256", f.sha256());
            files.add(file);
        }
        o.put("files", files);
        JsonObject rules = new JsonObject();
        parameters.forEach(rules::put);
        o.put("disclosureRules", rules);
        return o.toString();
    }

    static ReleaseSummary read(Path summary) {
        try {
            JsonObject o = JSON.parse(Files.readString(summary, StandardCharsets.UTF_8));
            List<ReleaseSummary.DownloadFile> files = new ArrayList<>();
            o.get("files").getAsArray().forEach(v -> {
                JsonObject f = v.getAsObject();
                files.add(new ReleaseSummary.DownloadFile(
                        f.getString("name"),
                        f.getString("format"),
                        f.get("bytes").getAsNumber().value().longValue(),
                        f.getString("sha256")));
            });
            List<ReleaseSummary.LevelCells> levels = new ArrayList<>();
            if (o.hasKey("levels")) { // not in the summaries of releases made before it was
                o.get("levels").getAsArray().forEach(v -> {
                    JsonObject l = v.getAsObject();
                    levels.add(new ReleaseSummary.LevelCells(
                            TerritorialLevel.valueOf(l.getString("level").toUpperCase(Locale.ROOT)),
                            l.get("cells").getAsNumber().value().intValue(),
                            l.get("published").getAsNumber().value().intValue()));
                });
            }
            return new ReleaseSummary(
                    Dataset.ofId(o.getString("dataset")),
                    o.getString("release"),
                    Instant.parse(o.getString("issued")),
                    LocalDate.parse(o.getString("coverageStart")),
                    LocalDate.parse(o.getString("coverageEnd")),
                    o.get("cells").getAsNumber().value().intValue(),
                    o.get("published").getAsNumber().value().intValue(),
                    List.copyOf(levels),
                    List.copyOf(files));
        } catch (IOException | RuntimeException e) {
            throw new OpenDataException("cannot read the release summary " + summary + ": " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a draft left behind is hidden and never listed
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
