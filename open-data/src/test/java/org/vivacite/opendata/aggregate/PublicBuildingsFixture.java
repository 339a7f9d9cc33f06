package org.vivacite.opendata.aggregate;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.vivacite.triplestore.QuadStore;

/**
 * A city that a release cannot protect once it changes: one commune, one district, three public
 * buildings of similar size, none flagged, with 70 days of daily electricity. A first release
 * publishes the commune's public months (three contributors, none dominant); once one building is
 * {@linkplain #flagFirstBuilding flagged} for individual publication, the other two's sum follows
 * from those months, which the first release made final, and no cell can hide it.
 */
public final class PublicBuildingsFixture {

    /** The commune, whose public months the refusal names. */
    public static final String COMMUNE = TestCity.BASE + "id/commune/38185";

    private static final String FIRST_BUILDING = TestCity.BASE + "id/building/RNBAAAAAAAAA";

    private PublicBuildingsFixture() {}

    /** Writes the city, with the days before {@code today}, and flushes it. */
    public static void write(TestCity city, LocalDate today) {
        Node metropolis = city.area("id/metropolis/1", "Metropolis", "200040715", "SirenCode", null);
        Node commune = city.area("id/commune/38185", "Commune", "38185", "InseeCommuneCode", metropolis);
        Node district = city.area("id/district/381850110", "District", "381850110", "IrisCode", commune);
        Node street = city.area("id/street/38185_1001", "Street", "38185_1001", "BanStreetCode", district);
        List<Node> meters = Stream.of(0, 1, 2)
                .map(i -> city.meter(
                        "p" + i,
                        city.building("RNB" + "ABC".charAt(i) + "AAAAAAAA", street, "public", false, "800"),
                        null))
                .toList();
        city.writeTerritory();
        for (LocalDate day = today.minusDays(70); day.isBefore(today); day = day.plusDays(1)) {
            for (int i = 0; i < 3; i++) {
                city.daily(
                        meters.get(i),
                        "electricityEnergyConsumed",
                        day,
                        String.format(Locale.ROOT, "%d.%03d", 100 + 10 * i, day.getDayOfMonth()));
            }
        }
        city.flush();
    }

    /** Flags the first building for individual publication, in the private store's territory graph. */
    public static void flagFirstBuilding(QuadStore privateStore) {
        privateStore.add(List.of(Quad.create(
                NodeFactory.createURI(TestCity.TERRITORY),
                NodeFactory.createURI(FIRST_BUILDING),
                TestCity.vc("publishIndividually"),
                NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean))));
    }
}
