package org.vivacite.opendata.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.InformationLoss;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Release;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.opendata.catalog.Catalog;
import org.vivacite.opendata.cube.CsvTable;
import org.vivacite.opendata.cube.DataCube;
import org.vivacite.opendata.disclosure.DisclosureControl;
import org.vivacite.opendata.disclosure.PublishedHistory;
import org.vivacite.triplestore.QuadStore;

/**
 * Makes a release of every dataset: runs the aggregation views on the private store, protects the
 * cells (disclosure control, against what earlier releases published; a release it cannot protect is
 * refused before anything is written), writes the release's private audit record (how each
 * confidential cell was protected, the information loss), then, per dataset, writes
 * the files (Turtle, N-Triples gzip, JSON-LD, CSV with its CSVW metadata, SHA-256 list) into a new
 * release folder, the Data Cube into the public named graph {@code {base}graph/open/{dataset}/{release}},
 * and finally the catalogue of every release into {@code {base}graph/catalog}. The cells are the
 * only thing that crosses from the private store to the public one. One release at a time.
 */
public final class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final DateTimeFormatter RELEASE_ID =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param base the public base IRI
     * @param zone the city's zone: a day is complete once its local midnight has passed
     */
    public record Settings(String base, ZoneId zone, DisclosureRules rules, String license) {}

    /**
     * What a publication made.
     *
     * @param loss what disclosure control hid, per dataset and level: for the operator, never
     *     published (see {@link InformationLoss})
     */
    public record Result(
            Instant issued,
            List<ReleaseSummary> releases,
            int cells,
            int published,
            List<InformationLoss> loss,
            Duration took) {}

    private final AggregationViews views;
    private final QuadStore publicStore;
    private final ReleaseFolders folders;
    private final Catalog catalog;
    private final Settings settings;
    private final Clock clock;

    public Publisher(
            AggregationViews views,
            QuadStore publicStore,
            ReleaseFolders folders,
            Catalog catalog,
            Settings settings,
            Clock clock) {
        this.views = views;
        this.publicStore = publicStore;
        this.folders = folders;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    public ReleaseFolders folders() {
        return folders;
    }

    /**
     * Makes a release of every dataset that has cells, from the complete days before today: first
     * its private audit record ({@code {audit}/{release}}), then each dataset's files and public graph,
     * then the catalogue.
     *
     * @throws OpenDataException when there is nothing to publish (no derived daily consumption in the
     *     private store), when disclosure control cannot protect a cell (the release is refused before
     *     anything is written), or a release cannot be written
     */
    public synchronized Result publish() {
        long started = System.nanoTime();
        LocalDate asOf = LocalDate.now(clock.withZone(settings.zone()));
        AggregationViews.Aggregates aggregates = views.compute(asOf);
        if (aggregates.candidates().isEmpty()) {
            throw new OpenDataException("nothing to publish: the private store has no derived daily consumption"
                    + " (rollups) before " + asOf + "; ingest readings, or wait for the demo city's history");
        }
        log.info(
                "Publishing: {} candidate cells from {} to {} ({} s of aggregation)",
                aggregates.candidates().size(),
                aggregates.coverageStart(),
                aggregates.coverageEnd(),
                (System.nanoTime() - started) / 1_000_000_000);
        long protecting = System.nanoTime();
        PublishedHistory history = history(aggregates);
        long historyRead = System.nanoTime();
        DisclosureControl control =
                new DisclosureControl(settings.rules(), aggregates.territory().areas());
        List<Cell> cells = control.protect(aggregates.candidates(), aggregates.support(), history);
        log.info(
                "Publishing: earlier releases read back in {} ms, disclosure control in {} ms",
                (historyRead - protecting) / 1_000_000,
                (System.nanoTime() - historyRead) / 1_000_000);

        Map<Dataset, List<Cell>> byDataset = new EnumMap<>(Dataset.class);
        for (Cell c : cells) {
            byDataset.computeIfAbsent(c.dataset(), d -> new ArrayList<>()).add(c);
        }
        Instant issued = issuedNow();
        String id = RELEASE_ID.format(issued);
        List<InformationLoss> loss = InformationLoss.of(aggregates.candidates(), cells);
        ReleaseAudit.write(folders.audit(id), cells, loss);
        List<ReleaseSummary> made = new ArrayList<>();
        int published = 0;
        for (Map.Entry<Dataset, List<Cell>> e : byDataset.entrySet()) {
            List<Cell> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparing((Cell c) -> c.area().level())
                    .thenComparing(c -> c.area().iri())
                    .thenComparing(Cell::period)
                    .thenComparing(c -> c.slot() == null ? java.time.LocalTime.MIN : c.slot())
                    .thenComparing(Cell::fluid)
                    .thenComparing(Cell::sector));
            Release release = new Release(
                    e.getKey(),
                    id,
                    issued,
                    sorted.stream()
                            .map(c -> c.period().start())
                            .min(LocalDate::compareTo)
                            .orElseThrow(),
                    sorted.stream()
                            .map(c -> c.period().end())
                            .max(LocalDate::compareTo)
                            .orElseThrow(),
                    settings.rules(),
                    List.copyOf(sorted));
            ReleaseSummary summary = write(release);
            made.add(summary);
            published += summary.published();
        }
        long cataloguing = System.nanoTime();
        publicStore.replace(
                settings.base() + "graph/catalog",
                catalog.model(folders.releases()).getGraph());
        log.info("Publishing: catalogue in {} ms", (System.nanoTime() - cataloguing) / 1_000_000);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info(
                "Published release {}: {} datasets, {} cells of which {} published, in {} s",
                id,
                made.size(),
                cells.size(),
                published,
                took.toSeconds());
        return new Result(issued, List.copyOf(made), cells.size(), published, loss, took);
    }

    /** A release time to the second that no release has yet. */
    private Instant issuedNow() {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        while (true) {
            String id = RELEASE_ID.format(t);
            boolean taken = Files.exists(folders.audit(id));
            for (Dataset d : Dataset.values()) {
                taken |= Files.exists(folders.folder(d, id));
            }
            if (!taken) {
                return t;
            }
            t = t.plusSeconds(1);
        }
    }

    /**
     * What earlier releases published, read back from their CSV files and audit records: every release of the annual
     * dataset (its year moves on, so any two of them could be differenced), and the latest release of
     * the others (whose periods are fixed, and which republish every earlier cell unchanged).
     */
    private PublishedHistory history(AggregationViews.Aggregates aggregates) {
        List<Cell> earlier = new ArrayList<>();
        Map<String, Map<Cell.Key, Protection>> audits = new HashMap<>(); // one record for every dataset
        for (Dataset d : Dataset.values()) {
            List<ReleaseSummary> releases = folders.releases(d);
            List<ReleaseSummary> read = d == Dataset.ANNUAL_BY_DISTRICT || releases.isEmpty()
                    ? releases
                    : releases.subList(releases.size() - 1, releases.size());
            for (ReleaseSummary r : read) {
                earlier.addAll(ReleaseCells.read(
                        folders.folder(d, r.id()).resolve(d.id + ".csv"),
                        d,
                        aggregates.territory(),
                        () -> audits.computeIfAbsent(r.id(), id -> ReleaseAudit.read(folders.audit(id)))));
            }
        }
        return earlier.isEmpty() ? PublishedHistory.none() : PublishedHistory.of(earlier);
    }

    private ReleaseSummary write(Release release) {
        Dataset d = release.dataset();
        long started = System.nanoTime();
        Graph graph = GraphFactory.createDefaultGraph();
        new DataCube(settings.base(), settings.zone()).write(release, StreamRDFLib.graph(graph));
        CsvTable table = new CsvTable(settings.base(), settings.license());
        Map<String, String> formats = new LinkedHashMap<>();
        long cubeBuilt = System.nanoTime();
        try (ReleaseFolders.Draft draft = folders.draft(d, release.id())) {
            Path dir = draft.dir();
            String ttl = d.id + ".ttl", nt = d.id + ".nt.gz", jsonld = d.id + ".jsonld", csv = d.id + ".csv";
            String csvMetadata = CsvTable.metadataName(csv);
            try (OutputStream out = Files.newOutputStream(dir.resolve(ttl))) {
                RDFDataMgr.write(out, graph, RDFFormat.TURTLE_BLOCKS);
            }
            formats.put(ttl, "text/turtle");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(nt)), 1 << 16)) {
                RDFDataMgr.write(out, graph, RDFFormat.NTRIPLES);
            }
            formats.put(nt, "application/n-triples");
            try (OutputStream out = Files.newOutputStream(dir.resolve(jsonld))) {
                RDFDataMgr.write(out, graph, RDFFormat.JSONLD11_FLAT);
            }
            formats.put(jsonld, "application/ld+json");
            try (OutputStream out = Files.newOutputStream(dir.resolve(csv))) {
                table.write(release, out);
            }
            formats.put(csv, "text/csv");
            try (OutputStream out = Files.newOutputStream(dir.resolve(csvMetadata))) {
                table.writeMetadata(release, csv, out);
            }
            formats.put(csvMetadata, "application/csvm+json");
            int published = (int) release.cells().stream()
                    .filter(c -> c.protection().published())
                    .count();
            Map<TerritorialLevel, int[]> byLevel = new EnumMap<>(TerritorialLevel.class);
            for (Cell c : release.cells()) {
                int[] n = byLevel.computeIfAbsent(c.area().level(), k -> new int[2]);
                n[0]++;
                n[1] += c.protection().published() ? 1 : 0;
            }
            List<ReleaseSummary.LevelCells> levels = new ArrayList<>();
            byLevel.forEach((level, n) -> levels.add(new ReleaseSummary.LevelCells(level, n[0], n[1])));
            ReleaseSummary summary = draft.commit(
                    release.issued(),
                    release.coverageStart(),
                    release.coverageEnd(),
                    release.cells().size(),
                    published,
                    levels,
                    formats,
                    release.rules().parameters());
            long filesWritten = System.nanoTime();
            publicStore.replace(release.graph(settings.base()), graph);
            log.info(
                    "Release {}/{}: {} cells, {} published, {} triples (cube {} ms, files {} ms, public store {} ms)",
                    d.id,
                    release.id(),
                    release.cells().size(),
                    published,
                    graph.size(),
                    (cubeBuilt - started) / 1_000_000,
                    (filesWritten - cubeBuilt) / 1_000_000,
                    (System.nanoTime() - filesWritten) / 1_000_000);
            return summary;
        } catch (IOException e) {
            throw new OpenDataException("cannot write release " + d.id + "/" + release.id() + ": " + e.getMessage(), e);
        }
    }
}
