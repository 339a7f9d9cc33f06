package org.vivacite.triplestore.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vivacite.ontology.Ontology;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.SOSA;
import org.vivacite.triplestore.BatchingWriter;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.SelectResult;

/** Rollups equal what the raw readings say, whatever arrives twice, on every embedded adapter. */
class MeterDayRollupsTest {

    private static final String BASE = "http://localhost:8080/";
    private static final String TERRITORY = BASE + "graph/territory";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    private QuadStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private MeterDayRollups open(String kind) {
        openStore(kind);
        return rollups(Duration.ZERO, 100_000);
    }

    /** Rollups on the open store, with their journal beside it. */
    private MeterDayRollups rollups(Duration flushEvery, int consolidateAt) {
        return new MeterDayRollups(store, PARIS, dir.resolve("rollups.journal"), flushEvery, consolidateAt);
    }

    private void openStore(String kind) {
        store = QuadStores.open(kind, "private", dir.resolve(kind));
        // Two dwellings in building B1, one in B2; both buildings in street S1, district I1, commune C.
        store.add(TERRITORY, org.vivacite.triplestore.QuadStoreContractTestSupport.parse("""
                @prefix vc: <https://w3id.org/vivacite/ontology#> .
                @prefix s4bldg: <https://saref.etsi.org/saref4bldg/> .
                <http://localhost:8080/dwelling/d1> s4bldg:isSpaceOf <http://localhost:8080/id/building/B1> .
                <http://localhost:8080/dwelling/d2> s4bldg:isSpaceOf <http://localhost:8080/id/building/B1> .
                <http://localhost:8080/dwelling/d3> s4bldg:isSpaceOf <http://localhost:8080/id/building/B2> .
                <http://localhost:8080/id/building/B1> vc:partOf <http://localhost:8080/id/street/S1> .
                <http://localhost:8080/id/building/B2> vc:partOf <http://localhost:8080/id/street/S1> .
                <http://localhost:8080/id/street/S1> vc:partOf <http://localhost:8080/id/district/I1> .
                <http://localhost:8080/id/district/I1> a vc:District ; vc:partOf <http://localhost:8080/id/commune/C> .
                """));
    }

    static List<Quad> reading(int dwelling, String time, String value) {
        Node g = NodeFactory.createURI(BASE + "graph/private/d" + dwelling);
        Node meter = NodeFactory.createURI(BASE + "meter/m" + dwelling);
        Node obs = NodeFactory.createURI(BASE + "obs/m" + dwelling + "/waterVolumeConsumed/" + time);
        return List.of(
                Quad.create(g, obs, RDF.type.asNode(), SOSA.Observation.asNode()),
                Quad.create(g, obs, SOSA.madeBySensor.asNode(), meter),
                Quad.create(
                        g,
                        obs,
                        SOSA.observedProperty.asNode(),
                        NodeFactory.createURI(Namespaces.VC + "waterVolumeConsumed")),
                Quad.create(
                        g,
                        obs,
                        SOSA.hasFeatureOfInterest.asNode(),
                        NodeFactory.createURI(BASE + "dwelling/d" + dwelling)),
                Quad.create(
                        g,
                        obs,
                        SOSA.hasSimpleResult.asNode(),
                        NodeFactory.createLiteralDT(value, XSDDatatype.XSDdecimal)),
                Quad.create(
                        g, obs, SOSA.resultTime.asNode(), NodeFactory.createLiteralDT(time, XSDDatatype.XSDdateTime)));
    }

    static List<Quad> batch(List<List<Quad>> readings) {
        List<Quad> all = new ArrayList<>();
        readings.forEach(all::addAll);
        return all;
    }

    private Map<String, String> rollups() {
        SelectResult r = store.select("""
                PREFIX vc: <https://w3id.org/vivacite/ontology#>
                SELECT ?r (SUM(?s) AS ?sum) (SUM(?c) AS ?count) {
                  ?r a vc:MeterDayRollup ; vc:rollupPart ?p . ?p vc:valueSum ?s ; vc:valueCount ?c
                } GROUP BY ?r""");
        Map<String, String> m = new TreeMap<>();
        r.rows()
                .forEach(row -> m.put(
                        row.get("r").getURI().substring(BASE.length()),
                        new BigDecimal(row.get("sum").getLiteralLexicalForm())
                                        .stripTrailingZeros()
                                        .toPlainString() + " x"
                                + row.get("count").getLiteralLexicalForm()));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void sumsAndCountsPerMeterQuantityAndLocalDay(String kind) {
        MeterDayRollups rollups = open(kind);
        rollups.write(batch(List.of(
                reading(1, "2026-01-15T08:00:00+01:00", "0.010"),
                reading(1, "2026-01-15T12:00:00Z", "0.020"),
                reading(2, "2026-01-15T09:00:00Z", "0.100"))));
        rollups.write(batch(List.of(
                reading(1, "2026-01-15T22:30:00Z", "0.005"), // 23:30 in Paris: still the 15th
                reading(1, "2026-01-15T23:30:00Z", "0.300")))); // 00:30 in Paris: the 16th
        assertThat(rollups())
                .isEqualTo(Map.of(
                        "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.035 x3",
                        "meter/m1/rollup/waterVolumeConsumed/2026-01-16", "0.3 x1",
                        "meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.1 x1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void anAmountBelongsToItsIntervalsDayNotToWhenItWasProduced(String kind) {
        MeterDayRollups rollups = open(kind);
        // The 15th's consumption (local day, Paris), produced at midnight UTC: the 16th at 01:00 local.
        List<Quad> daily = new ArrayList<>(reading(1, "2026-01-16T00:00:00Z", "0.245"));
        Quad any = daily.get(0);
        daily.add(Quad.create(
                any.getGraph(),
                any.getSubject(),
                SOSA.phenomenonTime.asNode(),
                NodeFactory.createURI(BASE + "id/interval/2026-01-14T23:00:00Z/P1D")));
        rollups.write(daily);
        rollups.flush();
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.245 x1"));
        assertThat(MeterDayRollups.intervalStart(
                        NodeFactory.createURI(BASE + "id/interval/2026-01-15T00:00:00Z/PT30M")))
                .isEqualTo("2026-01-15T00:00:00Z");
        assertThat(MeterDayRollups.intervalStart(NodeFactory.createURI(BASE + "id/building/B1")))
                .isNull();
    }

    /** A reading of {@code quantity} over the interval {@code {base}id/interval/{start}/{duration}}. */
    static List<Quad> amount(int dwelling, String quantity, String start, String duration, String value) {
        List<Quad> quads = new ArrayList<>();
        for (Quad q : reading(dwelling, start, value)) {
            Node obs = NodeFactory.createURI(BASE + "obs/m" + dwelling + "/" + quantity + "/" + start + "/" + duration);
            Node o = q.getPredicate().equals(SOSA.observedProperty.asNode())
                    ? NodeFactory.createURI(Namespaces.VC + quantity)
                    : q.getObject();
            quads.add(Quad.create(q.getGraph(), obs, q.getPredicate(), o));
        }
        Quad any = quads.get(0);
        quads.add(Quad.create(
                any.getGraph(),
                any.getSubject(),
                SOSA.phenomenonTime.asNode(),
                NodeFactory.createURI(BASE + "id/interval/" + start + "/" + duration)));
        return quads;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void dailyConsumptionRollsUpOnlyAmountsOverOneWholeDay(String kind) {
        openStore(kind);
        MeterDayRollups rollups = new MeterDayRollups(
                store,
                PARIS,
                dir.resolve("rollups.journal"),
                Duration.ZERO,
                100_000,
                MeterDayRollups.Selection.dailyConsumption(org.vivacite.ontology.QuantityRegistry.standard()));
        List<Quad> all = batch(List.of(
                // the 15th's and 16th's consumption (local days in Paris)
                amount(1, "waterVolumeConsumed", "2026-01-14T23:00:00Z", "P1D", "0.245"),
                amount(1, "waterVolumeConsumed", "2026-01-15T23:00:00Z", "P1D", "0.100"),
                amount(2, "electricityEnergyConsumed", "2026-01-14T23:00:00Z", "P1D", "7.5"),
                // the same consumption again by the hour and half hour: not rolled up, or days double
                amount(2, "electricityEnergyConsumed", "2026-01-15T08:00:00Z", "PT1H", "0.5"),
                amount(2, "electricityEnergyConsumed", "2026-01-15T08:00:00Z", "PT30M", "0.2"),
                // a gap of three days: which day it belongs to is unknown
                amount(3, "waterVolumeConsumed", "2026-01-14T23:00:00Z", "P3D", "0.9"),
                // a register: a sum of register readings is no consumption
                reading(3, "2026-01-15T08:00:00Z", "12.5"),
                // an average (not an amount) over a day
                amount(3, "electricityAveragePower", "2026-01-14T23:00:00Z", "P1D", "300")));
        rollups.write(all);
        rollups.flush();
        assertThat(rollups())
                .isEqualTo(Map.of(
                        "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.245 x1",
                        "meter/m1/rollup/waterVolumeConsumed/2026-01-16", "0.1 x1",
                        "meter/m2/rollup/electricityEnergyConsumed/2026-01-15", "7.5 x1"));
        // everything else is committed all the same
        long observations = all.stream()
                .filter(q -> q.getObject().equals(SOSA.Observation.asNode()))
                .count();
        assertThat(store.contained(all)).hasSize(all.size());
        assertThat(observations).isEqualTo(8);
    }

    @Test
    void wholeDaysOfGivenQuantitiesOnly() {
        MeterDayRollups.Selection water =
                MeterDayRollups.Selection.wholeDaysOf(List.of(Namespaces.VC + "waterVolumeConsumed"));
        Node q = NodeFactory.createURI(Namespaces.VC + "waterVolumeConsumed");
        assertThat(water.rollsUp(q, NodeFactory.createURI(BASE + "id/interval/2026-03-28T23:00:00Z/P1D")))
                .isTrue();
        assertThat(water.rollsUp(q, NodeFactory.createURI(BASE + "id/interval/2026-03-28T23:00:00Z/P2D")))
                .isFalse();
        assertThat(water.rollsUp(q, NodeFactory.createURI(BASE + "id/interval/2026-03-28T23:00:00Z/PT1H")))
                .isFalse();
        assertThat(water.rollsUp(q, null)).isFalse();
        assertThat(water.rollsUp(
                        NodeFactory.createURI(Namespaces.VC + "gasVolumeConsumed"),
                        NodeFactory.createURI(BASE + "id/interval/2026-03-28T23:00:00Z/P1D")))
                .isFalse();
        assertThat(water.rollsUp(q, NodeFactory.createURI(BASE + "obs/x/P1D"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void applyTakesOutWhatItRemovesAndCountsWhatItAdds(String kind) {
        MeterDayRollups rollups = open(kind);
        List<Quad> first = reading(1, "2026-01-15T08:00:00Z", "0.010");
        rollups.write(first);
        // a later reading comes with the removal of the first: it counts, the first no longer does
        rollups.apply(first, reading(1, "2026-01-15T09:00:00Z", "0.020"));
        rollups.flush();
        assertThat(store.contained(first)).isEmpty();
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.02 x1"));
    }

    /** The quads of {@code reading} with another value, as the same observation IRI. */
    private static List<Quad> withValue(List<Quad> reading, String value) {
        return reading.stream()
                .map(q -> q.getPredicate().equals(SOSA.hasSimpleResult.asNode())
                        ? Quad.create(
                                q.getGraph(),
                                q.getSubject(),
                                q.getPredicate(),
                                NodeFactory.createLiteralDT(value, XSDDatatype.XSDdecimal))
                        : q)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void aValueReplacedUnderTheSameIriMovesTheSumWhetherItsDayWasWrittenOrNot(String kind) {
        openStore(kind);
        MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000);
        List<Quad> derived = reading(1, "2026-01-15T08:00:00Z", "0.010");
        List<Quad> other = reading(1, "2026-01-15T09:00:00Z", "0.100");
        List<Quad> written = reading(2, "2026-01-15T08:00:00Z", "0.500");
        rollups.write(written);
        rollups.flush(); // meter 2's day is in a part
        rollups.write(batch(List.of(derived, other))); // meter 1's sum is held in memory
        // the operator's values replace both: one held in memory, one already written
        rollups.apply(
                batch(List.of(derived, written)),
                batch(List.of(withValue(derived, "0.040"), withValue(written, "0.450"))));
        assertThat(rollups())
                .as("the replacement is in the store with the readings it changes")
                .isEqualTo(Map.of(
                        "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.14 x2",
                        "meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.45 x1"));
        assertThat(parts()).as("one part per rollup").isEqualTo(2);
        rollups.write(withValue(derived, "0.040")); // delivered again: counts once
        rollups.flush();
        assertThat(rollups())
                .isEqualTo(Map.of(
                        "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.14 x2",
                        "meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.45 x1"));
        assertThat(sumOfReadings()).isEqualByComparingTo("0.59");
        rollups.close();
    }

    /** The sum of the values of the readings in the store, as the rollups should have it. */
    private BigDecimal sumOfReadings() {
        return new BigDecimal(store.select("""
                        PREFIX sosa: <http://www.w3.org/ns/sosa/>
                        SELECT (SUM(?v) AS ?s) { ?o a sosa:Observation ; sosa:hasSimpleResult ?v }""").rows().get(0).get("s").getLiteralLexicalForm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void aReadingRemovedForGoodLeavesItsRollupAndAnEmptyRollupGoes(String kind) {
        MeterDayRollups rollups = open(kind);
        List<Quad> kept = reading(1, "2026-01-15T08:00:00Z", "0.010");
        List<Quad> gone = reading(1, "2026-01-15T09:00:00Z", "0.020");
        List<Quad> alone = reading(2, "2026-01-15T09:00:00Z", "0.300");
        rollups.write(batch(List.of(kept, gone, alone)));
        rollups.flush();
        rollups.apply(batch(List.of(gone, alone)), List.of());
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.01 x1"));
        assertThat(store.select("SELECT ?p { GRAPH ?g { <" + BASE
                                + "meter/m2/rollup/waterVolumeConsumed/2026-01-15> ?p ?o } }")
                        .rows())
                .as("no header left without a reading")
                .isEmpty();
        rollups.write(alone); // it comes back: a new rollup, counted once
        rollups.flush();
        assertThat(rollups())
                .isEqualTo(Map.of(
                        "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.01 x1",
                        "meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.3 x1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void aReadingWrittenWithoutTheRollupsIsNotTakenOutWhenReplaced(String kind) {
        MeterDayRollups rollups = open(kind);
        List<Quad> straight = reading(1, "2026-01-15T08:00:00Z", "0.010");
        store.add(straight); // before the rollups existed: counted nowhere
        rollups.apply(straight, withValue(straight, "0.040"));
        rollups.flush();
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.04 x1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void aReplacementSurvivesACrashAndCountsOnce(String kind) {
        openStore(kind);
        MeterDayRollups crashed = rollups(Duration.ofHours(1), 100_000);
        List<Quad> derived = reading(1, "2026-01-15T08:00:00Z", "0.010");
        crashed.write(derived);
        crashed.write(reading(1, "2026-01-15T09:00:00Z", "0.100"));
        crashed.apply(derived, withValue(derived, "0.040"));
        crashed.write(reading(1, "2026-01-15T10:00:00Z", "1.000"));
        // The process dies here: no flush, no close. The next instances replay the journal.
        for (int restart = 0; restart < 2; restart++) {
            try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
                next.flush();
                assertThat(rollups())
                        .as("after restart " + restart)
                        .isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "1.14 x3"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void aReplacementWhoseCommitFailedMovesNoSum(String kind) {
        openStore(kind);
        MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000);
        List<Quad> derived = reading(1, "2026-01-15T08:00:00Z", "0.010");
        rollups.write(derived);
        List<Quad> refused = new ArrayList<>(withValue(derived, "0.040"));
        refused.add(Quad.create(
                Quad.defaultGraphIRI, refused.get(0).getSubject(), RDF.type.asNode(), RDF.Property.asNode()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rollups.apply(derived, refused))
                .hasMessageContaining("named graphs only");
        assertThat(store.contained(derived)).as("the old reading stays").hasSize(derived.size());
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
            assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.01 x1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void readingsThatArriveTwiceCountOnce(String kind) {
        MeterDayRollups rollups = open(kind);
        List<Quad> first = batch(
                List.of(reading(1, "2026-01-15T08:00:00Z", "0.010"), reading(1, "2026-01-15T09:00:00Z", "0.020")));
        rollups.write(first);
        rollups.write(first); // a gateway re-delivers
        rollups.write(batch(List.of(
                reading(1, "2026-01-15T10:00:00Z", "0.040"),
                reading(1, "2026-01-15T10:00:00Z", "0.040")))); // twice in one
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.07 x3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void rollupsLiveInTheReadingsGraphAndKnowEveryArea(String kind) {
        MeterDayRollups rollups = open(kind);
        rollups.write(reading(1, "2026-01-15T08:00:00Z", "0.010"));
        SelectResult r = store.select("""
                PREFIX vc: <https://w3id.org/vivacite/ontology#>
                SELECT ?g ?a { GRAPH ?g { ?r a vc:MeterDayRollup ; vc:inArea ?a } }""");
        assertThat(r.rows().stream().map(row -> row.get("g").getURI()).collect(Collectors.toSet()))
                .containsExactly(BASE + "graph/private/d1");
        assertThat(r.rows().stream()
                        .map(row -> row.get("a").getURI().substring(BASE.length()))
                        .collect(Collectors.toSet()))
                .isEqualTo(Set.of("id/building/B1", "id/street/S1", "id/district/I1", "id/commune/C"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void aBuildingLevelMetersRollupIsInItsBuildingToo(String kind) {
        MeterDayRollups rollups = open(kind);
        // a plant-room meter observes the building itself (docs/ontology.md), not a dwelling
        List<Quad> reading = reading(1, "2026-01-15T08:00:00Z", "0.010").stream()
                .map(q -> q.getPredicate().equals(SOSA.hasFeatureOfInterest.asNode())
                        ? Quad.create(
                                q.getGraph(),
                                q.getSubject(),
                                q.getPredicate(),
                                NodeFactory.createURI(BASE + "id/building/B1"))
                        : q)
                .toList();
        rollups.write(reading);
        SelectResult r = store.select("""
                PREFIX vc: <https://w3id.org/vivacite/ontology#>
                SELECT ?a { ?r a vc:MeterDayRollup ; vc:inArea ?a }""");
        assertThat(r.rows().stream()
                        .map(row -> row.get("a").getURI().substring(BASE.length()))
                        .collect(Collectors.toSet()))
                .isEqualTo(Set.of("id/building/B1", "id/street/S1", "id/district/I1", "id/commune/C"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void districtDaySumsFromRollupsEqualTheNaiveQuery(String kind) {
        MeterDayRollups rollups = open(kind);
        List<List<Quad>> readings = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            for (int h = 0; h < 48; h += 5) {
                readings.add(reading(d, String.format("2026-01-15T%02d:%02d:00Z", h / 2, 30 * (h % 2)), d + "." + h));
            }
        }
        for (int i = 0; i < readings.size(); i += 7) {
            rollups.write(batch(readings.subList(i, Math.min(readings.size(), i + 7))));
        }
        String naive = """
                PREFIX sosa: <http://www.w3.org/ns/sosa/>
                PREFIX vc: <https://w3id.org/vivacite/ontology#>
                PREFIX s4bldg: <https://saref.etsi.org/saref4bldg/>
                SELECT ?district (SUM(?v) AS ?total) { ?o sosa:hasFeatureOfInterest ?dw ; sosa:hasSimpleResult ?v .
                  ?dw s4bldg:isSpaceOf/vc:partOf/vc:partOf ?district } GROUP BY ?district""";
        String fromRollups = """
                PREFIX vc: <https://w3id.org/vivacite/ontology#>
                SELECT ?district (SUM(?s) AS ?total) { ?r a vc:MeterDayRollup ; vc:rollupPart/vc:valueSum ?s ; vc:inArea ?district .
                  ?district a vc:District } GROUP BY ?district""";
        BigDecimal a =
                new BigDecimal(store.select(naive).rows().get(0).get("total").getLiteralLexicalForm());
        BigDecimal b = new BigDecimal(
                store.select(fromRollups).rows().get(0).get("total").getLiteralLexicalForm());
        assertThat(a).isPositive();
        assertThat(b).isEqualByComparingTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void theWorkedExampleWithItsRollupsConformsToTheShapes(String kind) {
        store = QuadStores.open(kind, "private", dir.resolve(kind));
        store.add(TERRITORY, Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE).getGraph());
        Model household = Ontology.read(Ontology.EXAMPLE_HOUSEHOLD, BASE);
        Node g = NodeFactory.createURI(BASE + "graph/private/3f9a1c0e5b7d2a64");
        List<Quad> quads = new ArrayList<>();
        household.getGraph().find().forEach(t -> quads.add(Quad.create(g, t)));
        try (MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000);
                BatchingWriter writer = new BatchingWriter(store, 10_000, Duration.ofMillis(50), rollups::write)) {
            writer.write(quads).join();
        }
        Model all = ModelFactory.createDefaultModel();
        store.statistics().keySet().forEach(graph -> store.read(graph).find().forEach(all.getGraph()::add));
        assertThat(all.listSubjectsWithProperty(RDF.type, all.createResource(Namespaces.VC + "MeterDayRollup"))
                        .toList())
                .hasSize(3); // register readings on the 15th and 16th, the consumption on the 16th
        ShapeReport report = new ShapeValidator().validate(all);
        assertThat(report.conforms()).as(report.toText()).isTrue();
    }

    private long parts() {
        return Long.parseLong(store.select("""
                        PREFIX vc: <https://w3id.org/vivacite/ontology#>
                        SELECT (COUNT(*) AS ?n) { ?r vc:rollupPart ?p }""").rows().get(0).get("n").getLiteralLexicalForm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void sumsWaitInMemoryUntilAFlushAndCountOnceAfterACrash(String kind) {
        openStore(kind);
        MeterDayRollups crashed = rollups(Duration.ofHours(1), 100_000);
        crashed.write(reading(1, "2026-01-15T08:00:00Z", "0.010"));
        crashed.write(batch(
                List.of(reading(1, "2026-01-15T09:00:00Z", "0.020"), reading(2, "2026-01-15T09:00:00Z", "0.100"))));
        assertThat(parts()).as("not flushed yet").isZero();
        // The process dies here: no flush, no close. The next instance replays the journal.
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
            assertThat(rollups())
                    .isEqualTo(Map.of(
                            "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.03 x2",
                            "meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.1 x1"));
        }
        try (MeterDayRollups again = rollups(Duration.ofHours(1), 100_000)) {
            again.flush();
            assertThat(rollups()).as("replayed once only").hasSize(2).containsValue("0.03 x2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void aBatchWhoseCommitFailedIsNotCounted(String kind) {
        openStore(kind);
        MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000);
        rollups.write(reading(1, "2026-01-15T08:00:00Z", "0.010"));
        List<Quad> refused = new ArrayList<>(reading(1, "2026-01-15T09:00:00Z", "5.000"));
        refused.add(Quad.create(
                Quad.defaultGraphIRI, refused.get(0).getSubject(), RDF.type.asNode(), RDF.Property.asNode()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rollups.write(refused))
                .hasMessageContaining("named graphs only");
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
            assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.01 x1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void aRefusedBatchResentAndCommittedCountsOnceAfterARestart(String kind) {
        openStore(kind);
        List<Quad> good = reading(1, "2026-01-15T09:00:00Z", "5.000");
        List<Quad> refused = new ArrayList<>(good);
        refused.add(
                Quad.create(Quad.defaultGraphIRI, good.get(0).getSubject(), RDF.type.asNode(), RDF.Property.asNode()));
        MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rollups.write(refused))
                .hasMessageContaining("named graphs only");
        rollups.write(good); // the sender retries without the bad quad
        // The process stops without a flush; the next instance replays the journal.
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
        }
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "5 x1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void aFlushThatCommittedIsNotReplayedEvenIfItsJournalWasNotEmptied(String kind) throws Exception {
        openStore(kind);
        MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000);
        rollups.write(reading(1, "2026-01-15T08:00:00Z", "0.010"));
        Path journal = dir.resolve("rollups.journal");
        String beforeFlush = Files.readString(journal);
        assertThat(beforeFlush).startsWith("B\t").endsWith("E\n");
        rollups.close();
        // A crash between the flush's commit and the emptying of the journal leaves this behind:
        String part = store.select("PREFIX vc: <https://w3id.org/vivacite/ontology#> SELECT ?p { ?r vc:rollupPart ?p }")
                .rows()
                .get(0)
                .get("p")
                .getURI();
        Files.writeString(journal, beforeFlush + "F\t" + part + "\t2026-01-16\tE\n");
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            assertThat(Files.size(journal)).as("nothing left to replay").isZero();
            next.flush();
            assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.01 x1"));
        }
    }

    /** Rollups of dwellings 1 to 3 over five days of January (15 rollups), read one a day each. */
    private static List<List<Quad>> fiveDays() {
        List<List<Quad>> readings = new ArrayList<>();
        for (int day = 10; day < 15; day++) {
            for (int d = 1; d <= 3; d++) {
                readings.add(reading(d, "2026-01-" + day + "T08:00:00Z", d + "." + day));
            }
        }
        return readings;
    }

    /**
     * Rollups that replay the sums of {@link #fiveDays()}, written by an instance that never
     * flushed (15 sums of closed days due), and that flush after every write 4 sums, or twice as
     * many as the write brings.
     */
    private MeterDayRollups withFiveDaysDue() {
        rollups(Duration.ofHours(1), 100_000).write(batch(fiveDays())); // that instance stops here
        return new MeterDayRollups(
                store, PARIS, dir.resolve("rollups.journal"), Duration.ZERO, 100_000, MeterDayRollups.Selection.ALL, 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void aFlushOfMoreSumsThanAChunkGoesWithTheNextWritesAChunkEach(String kind) {
        openStore(kind);
        Map<String, String> expected = new TreeMap<>();
        for (int day = 10; day < 15; day++) {
            for (int d = 1; d <= 3; d++) {
                expected.put("meter/m" + d + "/rollup/waterVolumeConsumed/2026-01-" + day, value(d, day, 0));
            }
        }
        try (MeterDayRollups rollups = withFiveDaysDue()) {
            assertThat(parts()).isZero();
            for (int d = 1; d <= 3; d++) {
                rollups.write(reading(d, "2026-01-14T09:00:00Z", "1")); // one sum more, four written
                assertThat(parts()).as("a chunk with each write").isEqualTo(4L * d);
                expected.put("meter/m" + d + "/rollup/waterVolumeConsumed/2026-01-14", value(d, 14, 1));
            }
            rollups.flush();
            assertThat(parts())
                    .as("readings that came before their rollup's chunk went with it")
                    .isEqualTo(15);
            assertThat(rollups()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void aBulkWriteFlushesTwiceTheSumsItBrings(String kind) {
        openStore(kind);
        try (MeterDayRollups rollups = withFiveDaysDue()) {
            List<List<Quad>> more = new ArrayList<>();
            for (int d = 1; d <= 3; d++) {
                more.add(reading(d, "2026-01-09T08:00:00Z", "1"));
                more.add(reading(d, "2026-01-08T08:00:00Z", "1"));
            }
            rollups.write(batch(more)); // 6 new sums due: 12 written
            assertThat(parts()).isEqualTo(12);
            rollups.write(batch(more.subList(0, 2))); // again: counted once, nothing new, 4 written
            assertThat(parts()).isEqualTo(16);
        }
        assertThat(rollups()).hasSize(21).allSatisfy((r, v) -> assertThat(v).endsWith(" x1"));
    }

    /** A rollup of {@link #fiveDays()} as {@link #rollups()} gives it, after {@code more} readings of 1. */
    private static String value(int dwelling, int day, int more) {
        return new BigDecimal(dwelling + "." + day)
                        .add(BigDecimal.valueOf(more))
                        .stripTrailingZeros()
                        .toPlainString()
                + " x" + (1 + more);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void aCrashInTheMiddleOfASplitFlushLosesNoSumAndCountsNoneTwice(String kind) {
        openStore(kind);
        MeterDayRollups crashed = withFiveDaysDue();
        crashed.write(reading(3, "2026-01-11T09:00:00Z", "1")); // 4 sums written: the 10th, then m1 of the 11th
        crashed.write(reading(1, "2026-01-10T09:00:00Z", "1")); // after its sum was written: first of the next 4
        assertThat(parts()).isEqualTo(8);
        // The process dies here, with 8 of the due sums not yet written.
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
        }
        assertThat(parts()).isEqualTo(16);
        Map<String, String> sums = rollups();
        assertThat(sums).hasSize(15);
        for (int day = 10; day < 15; day++) {
            for (int d = 1; d <= 3; d++) {
                boolean twice = d == 1 && day == 10 || d == 3 && day == 11;
                assertThat(sums)
                        .containsEntry(
                                "meter/m" + d + "/rollup/waterVolumeConsumed/2026-01-" + day,
                                value(d, day, twice ? 1 : 0));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void closedDaysPartsAreMergedOnceEnoughCanGoAndSumsStayTheSame(String kind) {
        openStore(kind);
        try (MeterDayRollups rollups = rollups(Duration.ZERO, 4)) {
            for (int h = 0; h < 5; h++) {
                rollups.write(batch(List.of(
                        reading(1, String.format("2026-01-15T%02d:00:00Z", h), "1.5"),
                        reading(2, String.format("2026-01-15T%02d:00:00Z", h), "0.25"))));
            }
            assertThat(parts()).as("one part per rollup per flush").isEqualTo(10);
            rollups.write(reading(1, "2026-01-16T08:00:00Z", "1")); // the 15th is not closed yet
            assertThat(parts()).isEqualTo(11);
            rollups.write(reading(1, "2026-01-17T08:00:00Z", "1")); // now it is: its 10 parts become 2
            assertThat(parts()).isEqualTo(4);
            assertThat(rollups())
                    .isEqualTo(Map.of(
                            "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "7.5 x5",
                            "meter/m2/rollup/waterVolumeConsumed/2026-01-15", "1.25 x5",
                            "meter/m1/rollup/waterVolumeConsumed/2026-01-16", "1 x1",
                            "meter/m1/rollup/waterVolumeConsumed/2026-01-17", "1 x1"));
            rollups.write(reading(2, "2026-01-15T20:00:00Z", "0.25")); // late: a second part again
            rollups.consolidate();
            assertThat(parts()).isEqualTo(4);
            assertThat(rollups()).containsEntry("meter/m2/rollup/waterVolumeConsumed/2026-01-15", "1.5 x6");
        }
    }

    private static String at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(PARIS).toOffsetDateTime().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void theCurrentDaysSumsWaitUntilTheDayIsOverAndOutliveARestart(String kind) {
        openStore(kind);
        LocalDate today = LocalDate.now(PARIS);
        try (MeterDayRollups rollups = rollups(Duration.ZERO, 100_000)) {
            rollups.write(reading(1, at(today, 1), "2"));
            rollups.write(reading(1, at(today, 2), "3"));
            assertThat(parts()).as("today is not over").isZero();
        } // closing keeps today's sums in the journal
        assertThat(parts()).isZero();
        try (MeterDayRollups rollups = rollups(Duration.ZERO, 100_000)) {
            rollups.write(reading(1, at(today.plusDays(1), 1), "7")); // a reading of a later day: today is over
            assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/" + today, "5 x2"));
            rollups.flush();
            assertThat(rollups()).containsEntry("meter/m1/rollup/waterVolumeConsumed/" + today.plusDays(1), "7 x1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb", "tdb2"})
    void aReadingDeliveredAgainAfterARestartCountsOnce(String kind) {
        openStore(kind);
        try (MeterDayRollups rollups = rollups(Duration.ZERO, 100_000)) {
            rollups.write(reading(1, "2026-01-15T08:00:00Z", "0.010"));
        }
        try (MeterDayRollups rollups = rollups(Duration.ZERO, 100_000)) {
            rollups.write(batch(List.of(
                    reading(1, "2026-01-15T08:00:00Z", "0.010"), // again, to a rollup this instance did not begin
                    reading(1, "2026-01-15T09:00:00Z", "0.020"))));
        }
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.03 x2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void everyCommittedFlushInTheJournalCountsNotOnlyTheLast(String kind) throws Exception {
        openStore(kind);
        Path journal = dir.resolve("rollups.journal");
        MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000);
        rollups.write(reading(1, "2026-01-15T08:00:00Z", "0.010"));
        String first = Files.readString(journal);
        rollups.flush(); // commits a part, then rewrites the journal
        String part = store.select("PREFIX vc: <https://w3id.org/vivacite/ontology#> SELECT ?p { ?r vc:rollupPart ?p }")
                .rows()
                .get(0)
                .get("p")
                .getURI();
        rollups.write(reading(1, "2026-01-15T09:00:00Z", "0.020"));
        String second = Files.readString(journal);
        // As if the rewrite after the first flush had failed, and a second flush never committed:
        Files.writeString(
                journal,
                first + "F\t" + part + "\t" + java.time.LocalDate.MAX + "\tE\n" + second + "F\t" + part + "-never\t"
                        + java.time.LocalDate.MAX + "\tE\n");
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
        }
        assertThat(rollups()).isEqualTo(Map.of("meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.03 x2"));
    }

    /** What a household's erasure keeps of dwelling {@code d}'s graph here: nothing but its witness. */
    private static org.apache.jena.graph.Graph keptOf(String id) {
        org.apache.jena.graph.Graph kept = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        kept.add(witness(id), RDF.type.asNode(), NodeFactory.createURI("http://www.w3.org/ns/prov#Activity"));
        return kept;
    }

    private static Node witness(String id) {
        return NodeFactory.createURI(BASE + "erasure/" + id);
    }

    /**
     * LMDB only: TDB2 gives a decimal written {@code 0.010} back as {@code 0.01}, and its graph
     * replacement (and drop) then cannot remove it (docs/rights.md, known defects).
     */
    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void anErasureRemovesAHouseholdsRollupsAndTheSumsHeldOfThemAreNeverWrittenBack(String kind) {
        openStore(kind);
        try (MeterDayRollups rollups = rollups(Duration.ofHours(1), 100_000)) {
            rollups.write(batch(
                    List.of(reading(1, "2026-01-15T08:00:00Z", "0.010"), reading(2, "2026-01-15T08:00:00Z", "0.100"))));
            rollups.flush();
            // more of dwelling 1's readings of that day and the next, held in memory, not yet written
            rollups.write(batch(
                    List.of(reading(1, "2026-01-15T09:00:00Z", "0.020"), reading(1, "2026-01-16T09:00:00Z", "0.040"))));
            assertThat(rollups()).containsKey("meter/m1/rollup/waterVolumeConsumed/2026-01-15");

            rollups.erase(BASE + "graph/private/d1", keptOf("e1"), witness("e1"));
            rollups.flush();

            assertThat(rollups()).isEqualTo(Map.of("meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.1 x1"));
            assertThat(store.read(BASE + "graph/private/d1").find().toList())
                    .as("nothing but the witness")
                    .singleElement()
                    .satisfies(t -> assertThat(t.getSubject()).isEqualTo(witness("e1")));
            // a reading of dwelling 1 after its erasure makes a rollup of its own again, with its header
            rollups.write(reading(1, "2026-01-16T10:00:00Z", "0.500"));
            rollups.flush();
            assertThat(rollups())
                    .containsEntry("meter/m1/rollup/waterVolumeConsumed/2026-01-16", "0.5 x1")
                    .hasSize(2);
        }
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
            assertThat(rollups())
                    .as("after a restart")
                    .hasSize(2)
                    .containsValue("0.1 x1")
                    .containsValue("0.5 x1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void anErasureThatCommittedBeforeACrashIsNotUndoneByTheJournal(String kind) throws Exception {
        openStore(kind);
        Path journal = dir.resolve("rollups.journal");
        MeterDayRollups crashed = rollups(Duration.ofHours(1), 100_000);
        // one batch of both households, dwelling 2's reading first: the batch's witness stays in the store
        crashed.write(batch(
                List.of(reading(2, "2026-01-15T08:00:00Z", "0.100"), reading(1, "2026-01-15T08:00:00Z", "0.010"))));
        String beforeErasure = Files.readString(journal);
        assertThat(beforeErasure).startsWith("B\t" + BASE + "graph/private/d2\t");
        crashed.erase(BASE + "graph/private/d1", keptOf("e2"), witness("e2"));
        // The process dies between the erasure's commit and the rewriting of its journal:
        Files.writeString(
                journal,
                beforeErasure + "X\t" + BASE + "graph/private/d1\t" + BASE + "erasure/e2\n" + "R\t" + BASE
                        + "meter/m1/rollup/waterVolumeConsumed/2026-01-15\nE\n");
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
            assertThat(rollups()).isEqualTo(Map.of("meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.1 x1"));
            assertThat(store.read(BASE + "graph/private/d1").find().toList())
                    .as("no part of the erased rollup written back")
                    .singleElement()
                    .satisfies(t -> assertThat(t.getSubject()).isEqualTo(witness("e2")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmdb"})
    void anErasureWhoseCommitNeverHappenedKeepsItsSums(String kind) throws Exception {
        openStore(kind);
        Path journal = dir.resolve("rollups.journal");
        MeterDayRollups crashed = rollups(Duration.ofHours(1), 100_000);
        crashed.write(batch(
                List.of(reading(2, "2026-01-15T08:00:00Z", "0.100"), reading(1, "2026-01-15T08:00:00Z", "0.010"))));
        // The process dies after the erasure record was forced, before its transaction committed:
        Files.writeString(
                journal,
                Files.readString(journal) + "X\t" + BASE + "graph/private/d1\t" + BASE + "erasure/e3\n" + "R\t" + BASE
                        + "meter/m1/rollup/waterVolumeConsumed/2026-01-15\nE\n");
        try (MeterDayRollups next = rollups(Duration.ofHours(1), 100_000)) {
            next.flush();
            assertThat(rollups())
                    .isEqualTo(Map.of(
                            "meter/m1/rollup/waterVolumeConsumed/2026-01-15", "0.01 x1",
                            "meter/m2/rollup/waterVolumeConsumed/2026-01-15", "0.1 x1"));
        }
    }
}
