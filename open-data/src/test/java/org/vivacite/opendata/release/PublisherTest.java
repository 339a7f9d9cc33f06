package org.vivacite.opendata.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.InformationLoss;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Protection.Rule;
import org.vivacite.opendata.Protection.Status;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.opendata.aggregate.DemoTerritoryFixture;
import org.vivacite.opendata.catalog.Catalog;
import org.vivacite.opendata.catalog.CatalogSettings;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.support.OwnerOnly;

/** A release made from a real private store into a real public store and release folders. */
class PublisherTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @TempDir
    static Path dir;

    static DemoTerritoryFixture city;
    static QuadStore publicStore;
    static ReleaseFolders folders;
    static Publisher.Result first;

    static Publisher publisher(LocalDate today) {
        ZoneId zone = DemoTerritoryFixture.ZONE;
        return new Publisher(
                new AggregationViews(
                        city.store(),
                        new AggregationViews.Settings(
                                DemoTerritoryFixture.BASE,
                                zone,
                                new BigDecimal("11.2"),
                                day -> Optional.of(BigDecimal.TEN))),
                publicStore,
                folders,
                new Catalog(CatalogSettings.defaults(DemoTerritoryFixture.BASE)),
                new Publisher.Settings(
                        DemoTerritoryFixture.BASE, zone, DisclosureRules.DEFAULTS, CatalogSettings.ETALAB_2_0),
                Clock.fixed(today.atTime(4, 0).atZone(zone).toInstant(), zone));
    }

    @BeforeAll
    static void publishOnce() {
        city = DemoTerritoryFixture.create(dir.resolve("private"), TODAY);
        publicStore = QuadStores.open("tdb2", "public", dir.resolve("public"));
        folders = ReleaseFolders.of(dir);
        first = publisher(TODAY).publish();
    }

    @AfterAll
    static void close() {
        publicStore.close();
        city.close();
    }

    @Test
    void everyDatasetGetsAReleaseWithItsFilesAndChecksums() throws IOException {
        assertThat(first.releases()).extracting(ReleaseSummary::dataset).contains(Dataset.values());
        for (ReleaseSummary r : first.releases()) {
            Path folder = folders.folder(r.dataset(), r.id());
            assertThat(r.files())
                    .extracting(ReleaseSummary.DownloadFile::name)
                    .containsExactly(
                            r.dataset().id + ".ttl",
                            r.dataset().id + ".nt.gz",
                            r.dataset().id + ".jsonld",
                            r.dataset().id + ".csv",
                            r.dataset().id + ".csv-metadata.json");
            List<String> sums = Files.readAllLines(folder.resolve(ReleaseFolders.CHECKSUMS));
            assertThat(sums).hasSize(r.files().size());
            for (ReleaseSummary.DownloadFile f : r.files()) {
                assertThat(ReleaseFolders.sha256(folder.resolve(f.name()))).isEqualTo(f.sha256());
                assertThat(sums).contains(f.sha256() + "  " + f.name());
                assertThat(Files.size(folder.resolve(f.name()))).isEqualTo(f.bytes());
            }
            assertThat(folders.release(r.dataset(), r.id())).contains(r);
        }
    }

    @Test
    void theFilesAndThePublicGraphHoldTheSameCube() throws IOException {
        ReleaseSummary annual = release(Dataset.ANNUAL_BY_DISTRICT);
        Path folder = folders.folder(annual.dataset(), annual.id());
        Graph ttl = parse(folder.resolve(annual.dataset().id + ".ttl"), Lang.TURTLE, false);
        Graph nt = parse(folder.resolve(annual.dataset().id + ".nt.gz"), Lang.NTRIPLES, true);
        Graph jsonld = parse(folder.resolve(annual.dataset().id + ".jsonld"), Lang.JSONLD, false);
        Graph stored =
                publicStore.read(DemoTerritoryFixture.BASE + "graph/open/" + annual.dataset().id + "/" + annual.id());
        assertThat(ttl.size()).isGreaterThan(100);
        assertThat(ttl.isIsomorphicWith(nt)).isTrue();
        assertThat(ttl.isIsomorphicWith(jsonld)).isTrue();
        assertThat(ttl.isIsomorphicWith(stored)).isTrue();
        String csv = Files.readString(folder.resolve(annual.dataset().id + ".csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines().count()).isEqualTo(annual.cells() + 1L);
    }

    @Test
    void nothingPrivateReachesThePublicStoreOrTheFiles() throws IOException {
        for (String privateMark : List.of("/graph/private/", "/meter/", "/dwelling/", "/obs/", "/rollup/")) {
            assertThat(publicStore.ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?s), \"" + privateMark
                            + "\") || CONTAINS(STR(?o), \"" + privateMark + "\") || CONTAINS(STR(?g), \"" + privateMark
                            + "\")) }"))
                    .as(privateMark)
                    .isFalse();
        }
        try (var files = Files.walk(folders.root())) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".gz"))
                    .toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                assertThat(text).as(f.toString()).doesNotContain("/meter/", "/dwelling/", "/graph/private/");
            }
        }
    }

    @Test
    void theCatalogueListsTheReleaseInThePublicStore() {
        ReleaseSummary annual = release(Dataset.ANNUAL_BY_DISTRICT);
        assertThat(publicStore.ask("PREFIX dcat: <http://www.w3.org/ns/dcat#> ASK { GRAPH <" + DemoTerritoryFixture.BASE
                        + "graph/catalog> { ?c dcat:dataset <" + annual.iri(DemoTerritoryFixture.BASE) + "> } }"))
                .isTrue();
    }

    @Test
    void theCatalogueInThePublicStoreConformsToDcatAp3() {
        var catalogue = org.apache.jena.rdf.model.ModelFactory.createModelForGraph(
                publicStore.read(DemoTerritoryFixture.BASE + "graph/catalog"));
        var report = org.vivacite.opendata.catalog.CatalogShaclTest.validate(catalogue);
        assertThat(org.vivacite.opendata.catalog.CatalogShaclTest.describe(report))
                .isEmpty();
        assertThat(catalogue.size()).isGreaterThan(200);
    }

    @Test
    void aLaterReleaseLeavesEarlierOnesUntouchedAndRepublishesTheirCellsUnchanged() throws IOException {
        ReleaseSummary before = release(Dataset.MONTHLY_BY_COMMUNE);
        Path csvBefore = folders.folder(before.dataset(), before.id()).resolve(before.dataset().id + ".csv");
        String earlier = Files.readString(csvBefore);
        Publisher.Result second = publisher(TODAY.plusDays(1)).publish();
        assertThat(second.releases()).allMatch(r -> !r.id().equals(before.id()));
        assertThat(Files.readString(csvBefore)).isEqualTo(earlier);
        ReleaseSummary after = second.releases().stream()
                .filter(r -> r.dataset() == Dataset.MONTHLY_BY_COMMUNE)
                .findFirst()
                .orElseThrow();
        String later =
                Files.readString(folders.folder(after.dataset(), after.id()).resolve(after.dataset().id + ".csv"));
        // the same months: the same rows, word for word
        assertThat(later.lines().toList())
                .containsExactlyElementsOf(earlier.lines().toList());
        assertThat(folders.releases(Dataset.MONTHLY_BY_COMMUNE)).hasSizeGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> folders.draft(Dataset.MONTHLY_BY_COMMUNE, before.id()))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("never change");
    }

    /** Every cell of the first release as its CSV files give them, by dataset. */
    private static Map<Dataset, List<CSVRecord>> firstRows() throws IOException {
        Map<Dataset, List<CSVRecord>> rows = new EnumMap<>(Dataset.class);
        for (ReleaseSummary r : first.releases()) {
            Path csv = folders.folder(r.dataset(), r.id()).resolve(r.dataset().id + ".csv");
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                rows.put(
                        r.dataset(),
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get()
                                .parse(in)
                                .getRecords());
            }
        }
        return rows;
    }

    @Test
    void thePublicOutputsCallEveryHiddenCellConfidentialAndNeverSayWhichRuleHidIt() throws IOException {
        Set<String> ruleTerms = new HashSet<>();
        for (Protection.Rule r : Protection.Rule.values()) {
            ruleTerms.add(Namespaces.VC + r.code);
        }
        for (Protection.Status st : Protection.Status.values()) {
            ruleTerms.add(Namespaces.VC + st.code);
        }
        ruleTerms.remove(Namespaces.VC + "published");
        Map<Dataset, List<CSVRecord>> rows = firstRows();
        assertThat(rows.values().stream().flatMap(List::stream).map(r -> r.get("status")))
                .as("the fixture hides cells, so that the test can fail")
                .contains("confidential")
                .containsOnly("published", "confidential");
        for (ReleaseSummary r : first.releases()) {
            assertThat(rows.get(r.dataset()).get(0).getParser().getHeaderNames())
                    .doesNotContain("rule");
            Path folder = folders.folder(r.dataset(), r.id());
            String metadata = Files.readString(folder.resolve(r.dataset().id + ".csv-metadata.json"));
            assertThat(metadata).doesNotContain("disclosureRule", "\"rule\"");
            List<Graph> graphs = List.of(
                    publicStore.read(DemoTerritoryFixture.BASE + "graph/open/" + r.dataset().id + "/" + r.id()),
                    parse(folder.resolve(r.dataset().id + ".ttl"), Lang.TURTLE, false),
                    parse(folder.resolve(r.dataset().id + ".nt.gz"), Lang.NTRIPLES, true),
                    parse(folder.resolve(r.dataset().id + ".jsonld"), Lang.JSONLD, false));
            for (Graph g : graphs) {
                List<String> leaks = g.find()
                        .filterKeep(t -> t.getPredicate().getURI().equals(Namespaces.VC + "disclosureRule")
                                || (t.getObject().isURI()
                                        && ruleTerms.contains(t.getObject().getURI())))
                        .mapWith(Object::toString)
                        .toList();
                assertThat(leaks).as(r.dataset().id).isEmpty();
            }
        }
    }

    @Test
    void theAuditRecordGivesTheRuleOfEveryConfidentialCellToItsOwnerOnly() throws IOException {
        String id = first.releases().get(0).id();
        Path audit = folders.audit(id);
        assertThat(audit).startsWith(dir.resolve("releases")).isDirectory();
        assertThat(OwnerOnly.openTo(audit)).isEmpty();
        for (String file : List.of(ReleaseAudit.CELLS, ReleaseAudit.LOSS)) {
            assertThat(OwnerOnly.openTo(audit.resolve(file))).as(file).isEmpty();
        }
        Map<Cell.Key, Protection> protections = ReleaseAudit.read(audit);
        int confidential = 0;
        for (Map.Entry<Dataset, List<CSVRecord>> e : firstRows().entrySet()) {
            Dataset d = e.getKey();
            for (CSVRecord row : e.getValue()) {
                if (row.get("status").equals("published")) {
                    continue;
                }
                confidential++;
                Cell.Key key = new Cell.Key(
                        d,
                        row.get("area"),
                        new Period(LocalDate.parse(row.get("period_start")), d.step),
                        d.profile() ? LocalTime.parse(row.get("slot")) : null,
                        Fluid.valueOf(row.get("fluid").toUpperCase(Locale.ROOT)),
                        Sector.valueOf(row.get("sector").toUpperCase(Locale.ROOT)));
                assertThat(protections).as(key.toString()).containsKey(key);
            }
        }
        assertThat(protections).hasSize(confidential);
        assertThat(protections.values()).extracting(Protection::status).doesNotContain(Status.PUBLISHED);
        assertThat(protections.values())
                .extracting(Protection::rule)
                .isNotEmpty()
                .doesNotContain(Rule.NONE, Rule.PUBLIC_BUILDING);
    }

    @Test
    void theSummaryCountsTheCellsOfEachLevelAndTheOperatorGetsTheInformationLoss() throws IOException {
        for (ReleaseSummary r : first.releases()) {
            List<CSVRecord> rows = firstRows().get(r.dataset());
            Map<TerritorialLevel, int[]> counted = new EnumMap<>(TerritorialLevel.class);
            for (CSVRecord row : rows) {
                int[] n = counted.computeIfAbsent(
                        TerritorialLevel.valueOf(row.get("level").toUpperCase(Locale.ROOT)), k -> new int[2]);
                n[0]++;
                n[1] += row.get("status").equals("published") ? 1 : 0;
            }
            assertThat(r.levels())
                    .extracting(ReleaseSummary.LevelCells::level)
                    .containsExactlyElementsOf(counted.keySet());
            for (ReleaseSummary.LevelCells l : r.levels()) {
                assertThat(new int[] {l.cells(), l.published()}).isEqualTo(counted.get(l.level()));
                assertThat(first.loss())
                        .filteredOn(x -> x.dataset() == r.dataset() && x.level() == l.level())
                        .singleElement()
                        .satisfies(x -> {
                            assertThat(x.cells()).isEqualTo(l.cells());
                            assertThat(x.suppressed()).isEqualTo(l.cells() - l.published());
                        });
            }
            assertThat(folders.release(r.dataset(), r.id()).orElseThrow().levels())
                    .isEqualTo(r.levels());
        }
        // the daily district cells: hidden ones hold some of the consumption, never all of it
        InformationLoss daily = first.loss().stream()
                .filter(x -> x.dataset() == Dataset.DAILY_BY_DISTRICT)
                .findFirst()
                .orElseThrow();
        assertThat(daily.suppressed()).isPositive();
        assertThat(daily.consumption().get(Fluid.ELECTRICITY).share())
                .isGreaterThan(BigDecimal.ZERO)
                .isLessThan(BigDecimal.ONE);
        assertThat(Files.readAllLines(
                        folders.audit(first.releases().get(0).id()).resolve(ReleaseAudit.LOSS)))
                .anyMatch(line -> line.startsWith(Dataset.DAILY_BY_DISTRICT.id + ",district,"));
    }

    private static ReleaseSummary release(Dataset d) {
        return first.releases().stream()
                .filter(r -> r.dataset() == d)
                .findFirst()
                .orElseThrow();
    }

    private static Graph parse(Path file, Lang lang, boolean gzip) throws IOException {
        Graph g = GraphFactory.createDefaultGraph();
        try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            RDFParser.source(in).lang(lang).parse(g);
        }
        return g;
    }
}
