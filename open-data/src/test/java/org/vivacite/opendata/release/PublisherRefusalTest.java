package org.vivacite.opendata.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.aggregate.AggregationViews;
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
        try (QuadStore privateStore = QuadStores.open("lmdb", "private", dir.resolve("store"));
                QuadStore publicStore = QuadStores.open("tdb2", "public", dir.resolve("public"));
                TestCity city = new TestCity(privateStore, dir.resolve("journal"))) {
            // three public buildings of one commune, none flagged: the first release publishes the
            // commune's public months (three contributors, none dominant)
            Node metropolis = city.area("id/metropolis/1", "Metropolis", "200040715", "SirenCode", null);
            Node commune = city.area("id/commune/38185", "Commune", "38185", "InseeCommuneCode", metropolis);
            Node district = city.area("id/district/381850110", "District", "381850110", "IrisCode", commune);
            Node street = city.area("id/street/38185_1001", "Street", "38185_1001", "BanStreetCode", district);
            List<Node> buildings = Stream.of(0, 1, 2)
                    .map(i -> city.building("RNB" + "ABC".charAt(i) + "AAAAAAAA", street, "public", false, "800"))
                    .toList();
            List<Node> meters = Stream.of(0, 1, 2)
                    .map(i -> city.meter("p" + i, buildings.get(i), null))
                    .toList();
            city.writeTerritory();
            for (LocalDate day = TODAY.minusDays(70); day.isBefore(TODAY); day = day.plusDays(1)) {
                for (int i = 0; i < 3; i++) {
                    city.daily(
                            meters.get(i),
                            "electricityEnergyConsumed",
                            day,
                            String.format(Locale.ROOT, "%d.%03d", 100 + 10 * i, day.getDayOfMonth()));
                }
            }
            city.flush();
            ReleaseFolders folders = ReleaseFolders.of(dir);
            publisher(city.store, publicStore, folders).publish();
            Set<Path> filesBefore = files(dir.resolve("open-data"));
            Set<Node> graphsBefore = graphs(publicStore);
            org.apache.jena.graph.Graph catalogueBefore = publicStore.read(BASE + "graph/catalog");

            // the first building is now published individually: the others' sum follows from the
            // commune's months, which the first release made final
            city.store.add(List.of(Quad.create(
                    NodeFactory.createURI(BASE + "graph/territory"),
                    buildings.get(0),
                    TestCity.vc("publishIndividually"),
                    NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean))));

            assertThatThrownBy(() -> publisher(city.store, publicStore, folders).publish())
                    .isInstanceOf(OpenDataException.class)
                    .hasMessageStartingWith("release refused, nothing published: ")
                    .hasMessageContaining("the rest of " + BASE + "id/commune/38185#unflagged-public-buildings")
                    .hasMessageContaining(
                            "from the relation monthly-consumption-by-commune cell " + BASE + "id/commune/38185");
            assertThat(files(dir.resolve("open-data"))).isEqualTo(filesBefore);
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
