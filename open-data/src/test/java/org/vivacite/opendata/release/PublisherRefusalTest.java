package org.vivacite.opendata.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.opendata.aggregate.PublicBuildingsFixture;
import org.vivacite.opendata.aggregate.TestCity;
import org.vivacite.opendata.catalog.Catalog;
import org.vivacite.opendata.catalog.CatalogSettings;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * A release that cannot protect a cell is refused, and leaves nothing behind: no release folder,
 * no public graph, no audit record, the catalogue as it was.
 */
class PublisherRefusalTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final String BASE = TestCity.BASE;

    @TempDir
    Path dir;

    @Test
    void aReleaseThatCannotProtectACellIsRefusedAndWritesNothing() throws IOException {
        try (QuadStore privateStore = QuadStores.open("lmdb", "private", dir.resolve("private"));
                QuadStore publicStore = QuadStores.open("tdb2", "public", dir.resolve("public"));
                TestCity city = new TestCity(privateStore, dir.resolve("journal"))) {
            PublicBuildingsFixture.write(city, TODAY);
            ReleaseFolders folders = ReleaseFolders.of(dir);
            publisher(privateStore, publicStore, folders).publish();
            Set<Path> filesBefore = files(dir.resolve("open-data"));
            Set<Path> auditsBefore = files(dir.resolve("releases"));
            Set<Node> graphsBefore = graphs(publicStore);
            org.apache.jena.graph.Graph catalogueBefore = publicStore.read(BASE + "graph/catalog");

            PublicBuildingsFixture.flagFirstBuilding(privateStore);

            assertThatThrownBy(
                            () -> publisher(privateStore, publicStore, folders).publish())
                    .isInstanceOf(OpenDataException.class)
                    .hasMessageStartingWith("release refused, nothing published: ")
                    .hasMessageContaining(
                            "the rest of " + PublicBuildingsFixture.COMMUNE + "#unflagged-public-buildings")
                    .hasMessageContaining(
                            "from the relation monthly-consumption-by-commune cell " + PublicBuildingsFixture.COMMUNE);
            assertThat(files(dir.resolve("open-data"))).isEqualTo(filesBefore);
            assertThat(files(dir.resolve("releases"))).isEqualTo(auditsBefore);
            assertThat(graphs(publicStore)).isEqualTo(graphsBefore);
            assertThat(publicStore.read(BASE + "graph/catalog").isIsomorphicWith(catalogueBefore))
                    .isTrue();
        }
    }

    private static Publisher publisher(QuadStore privateStore, QuadStore publicStore, ReleaseFolders folders) {
        return new Publisher(
                new AggregationViews(
                        privateStore,
                        new AggregationViews.Settings(
                                BASE, TestCity.ZONE, new BigDecimal("11.2"), day -> Optional.of(BigDecimal.TEN))),
                publicStore,
                folders,
                new Catalog(CatalogSettings.defaults(BASE)),
                new Publisher.Settings(BASE, TestCity.ZONE, DisclosureRules.DEFAULTS, CatalogSettings.ETALAB_2_0),
                Clock.fixed(TODAY.atTime(4, 0).atZone(TestCity.ZONE).toInstant(), TestCity.ZONE));
    }

    /** Every file and folder under a root, hidden drafts included. */
    private static Set<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.collect(Collectors.toSet());
        }
    }

    private static Set<Node> graphs(QuadStore store) {
        return store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows().stream()
                .map(r -> r.get("g"))
                .collect(Collectors.toSet());
    }
}
