package org.vivacite.portal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * A building manager's reads over a real LMDB private store: a building with a meter in its plant
 * room and two dwellings, another building with one, four days of daily electricity each, and a
 * clock the test moves (people move in, consents are given, the manager reads). A dwelling is shared
 * from the later of its consent's start and the day its giver moved in, never before.
 */
class BuildingDataTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final LocalDate D1 = LocalDate.of(2026, 3, 10);
    private static final String B1 = BASE + "id/building/B1";
    private static final String B2 = BASE + "id/building/B2";
    private static final String ALICE = BASE + "dwelling/alice";
    private static final String CAROL = BASE + "dwelling/carol";
    private static final String DAN = BASE + "dwelling/dan";
    private static final String SOSA = Namespaces.SOSA;

    @TempDir
    Path dir;

    QuadStore store;
    MovingClock clock = new MovingClock();
    Consents consents;
    StoreEnrolments enrolments;
    BuildingAssignments assignments;
    AccessLog log;
    BuildingData data;

    /** A clock the test sets. */
    static final class MovingClock extends Clock {
        Instant now;

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Instant day(int n) {
        return D1.plusDays(n).atStartOfDay(ZONE).toInstant();
    }

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        List<Quad> quads = new ArrayList<>();
        space(quads, "b1", BASE + "space/b1", B1, false, 100);
        space(quads, "alice", ALICE, B1, true, 10);
        space(quads, "carol", CAROL, B1, true, 20);
        space(quads, "b2", BASE + "space/b2", B2, false, 500);
        space(quads, "dan", DAN, B2, true, 50);
        allocator(quads, "alice", ALICE, 1000);
        allocator(quads, "carol", CAROL, 2000);
        store.add(quads);
        clock.now = day(0).minusSeconds(86_400);
        consents = new Consents(store, BASE, clock, new FinerData(store, QuantityRegistry.standard(), ZONE));
        enrolments = new StoreEnrolments(store, BASE, clock);
        assignments = new BuildingAssignments(store, BASE, clock);
        log = new AccessLog(store, BASE, clock);
        data = new BuildingData(
                store, assignments, consents, enrolments, log, QuantityRegistry.standard(), BASE, ZONE, clock);
        assignments.assign("mia", List.of(B1));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * A space of a building in a graph of its own (a dwelling, or the building's plant room), its
     * electricity meter and four days of its daily consumption: {@code first}, then one more each day.
     */
    private static void space(List<Quad> out, String key, String space, String building, boolean dwelling, int first) {
        Node g = iri(BASE + "graph/private/" + key);
        Node s = iri(space);
        Node meter = iri(BASE + "meter/" + key);
        Node foi = dwelling ? s : iri(building);
        out.add(new Quad(
                g,
                s,
                RDF.type.asNode(),
                iri(dwelling ? Namespaces.VC + "Dwelling" : Namespaces.S4BLDG + "BuildingSpace")));
        out.add(new Quad(g, s, iri(Namespaces.S4BLDG + "isSpaceOf"), iri(building)));
        out.add(new Quad(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), s));
        out.add(new Quad(g, meter, iri(SOSA + "observes"), iri(Namespaces.VC + "electricityEnergyWithdrawn")));
        days(out, g, meter, foi, key, "electricityEnergyConsumed", first);
    }

    /**
     * A heat cost allocator in a dwelling (its EN 834 units' register, as the demo's collective
     * buildings have them) and four days of its units: {@code first}, then one more each day.
     */
    private static void allocator(List<Quad> out, String key, String dwelling, int first) {
        Node g = iri(BASE + "graph/private/" + key);
        Node hca = iri(BASE + "hca/" + key);
        out.add(new Quad(g, hca, iri(Namespaces.S4BLDG + "isContainedIn"), iri(dwelling)));
        out.add(new Quad(g, hca, iri(SOSA + "observes"), iri(Namespaces.VC + "heatCostAllocation")));
        days(out, g, hca, iri(dwelling), "hca-" + key, "heatCostAllocationConsumed", first);
    }

    /** Four days of a meter's daily consumption of a quantity: {@code first}, then one more each day. */
    private static void days(List<Quad> out, Node g, Node meter, Node foi, String key, String quantity, int first) {
        for (int d = 0; d < 4; d++) {
            Node o = iri(BASE + "obs/" + key + "/" + d);
            Node interval = iri(BASE + "id/interval/" + day(d) + "/P1D");
            out.add(new Quad(g, o, iri(SOSA + "madeBySensor"), meter));
            out.add(new Quad(g, o, iri(SOSA + "observedProperty"), iri(Namespaces.VC + quantity)));
            out.add(new Quad(g, o, iri(SOSA + "hasFeatureOfInterest"), foi));
            out.add(new Quad(
                    g,
                    o,
                    iri(SOSA + "hasSimpleResult"),
                    NodeFactory.createLiteralDT("" + (first + d), XSDDatatype.XSDdecimal)));
            out.add(new Quad(g, o, iri(SOSA + "resultTime"), dateTime(day(d + 1))));
            out.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
            out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(g, day(d), out)));
            out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(g, day(d + 1), out)));
        }
    }

    private static Node instant(Node g, Instant t, List<Quad> out) {
        Node i = iri(BASE + "id/instant/" + t);
        out.add(new Quad(g, i, iri(Namespaces.TIME + "inXSDDateTimeStamp"), dateTime(t)));
        return i;
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    private void enrol(String subject, String dwelling) {
        enrolments.redeem(
                subject,
                enrolments
                        .generate(List.of(dwelling), java.time.Duration.ofDays(1))
                        .get(0)
                        .code());
    }

    private static List<Integer> values(List<PersonalData.Point> points) {
        return points.stream().map(p -> p.value().intValue()).toList();
    }

    private BuildingData.Consumption read(String building) {
        return data.consumption("mia", building, "electricity", "P1D", day(0), day(4));
    }

    @Test
    void aDwellingIsSharedFromTheLaterOfItsConsentsStartAndItsGiversMoveIn() {
        enrol("alice", ALICE); // the day before the first day
        clock.now = day(1).plusSeconds(12 * 3600); // carol moves in at noon of the second day
        enrol("carol", CAROL);
        clock.now = day(4);
        String a = consents.give("alice", ALICE, Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(2), null)
                .id();
        consents.give("carol", CAROL, Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(0), null);

        BuildingData.Consumption c = read("B1");
        assertThat(values(c.points())).containsExactly(100, 101, 102, 103);
        assertThat(c.dwellings()).extracting(BuildingData.Dwelling::dwelling).containsExactly(ALICE, CAROL);
        // alice: from her consent's start; carol: her consent starts before she moved in, so from the next day
        assertThat(values(c.dwellings().get(0).points())).containsExactly(12, 13);
        assertThat(c.dwellings().get(0).consent()).isEqualTo(a);
        assertThat(values(c.dwellings().get(1).points())).containsExactly(22, 23);
        assertThat(c.withheld()).isZero();
        assertThat(log.of(List.of(ALICE), Instant.EPOCH)).singleElement().satisfies(e -> {
            assertThat(e.reader()).isEqualTo(new AccessLog.Reader("mia", "manager"));
            assertThat(e.dwellings()).containsExactly(ALICE);
            assertThat(e.why()).contains(a);
        });
    }

    @Test
    void withoutAnActiveConsentOfItsPeopleADwellingIsWithheldAndItsReadNotLogged() {
        enrol("alice", ALICE);
        clock.now = day(4);
        // a consent for another purpose, a consent given by someone not living there, a withdrawn one
        consents.give("alice", ALICE, Purpose.RESEARCH, null, null, null);
        consents.give("mallory", CAROL, Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(0), null);
        String withdrawn = consents.give("alice", ALICE, Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(0), null)
                .id();
        consents.withdraw(withdrawn);

        BuildingData.Consumption c = read("B1");
        assertThat(values(c.points())).containsExactly(100, 101, 102, 103);
        assertThat(c.dwellings()).isEmpty();
        assertThat(c.withheld()).isEqualTo(2);
        assertThat(log.of(List.of(ALICE, CAROL), Instant.EPOCH)).isEmpty();
        assertThat(data.buildings("mia")).containsExactly(new BuildingData.Building("B1", B1, 2, 0));
    }

    @Test
    void theBuildingsOwnMetersAreReadAloneAndNoSharingDwellingIsReadOrLogged() {
        enrol("alice", ALICE);
        clock.now = day(4);
        consents.give("alice", ALICE, Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(0), null);

        PersonalData.Consumption c = data.own("mia", "B1", "electricity", "P1D", day(0), day(4));

        assertThat(c.dwellings()).singleElement().satisfies(s -> {
            assertThat(s.dwelling()).isEqualTo(B1);
            assertThat(values(s.points())).containsExactly(100, 101, 102, 103);
        });
        assertThat(log.of(List.of(ALICE), Instant.EPOCH)).isEmpty();
        assertThatThrownBy(() -> data.own("mia", "B2", "electricity", "P1D", day(0), day(4)))
                .isInstanceOf(ManagerException.NotAssigned.class);
    }

    @Test
    void aBuildingNotAssignedIsRefusedWhateverItsHouseholdsConsentTo() {
        enrol("dan", DAN);
        clock.now = day(4);
        consents.give("dan", DAN, Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(0), null);
        for (String other : List.of("B2", "", "../B1", "dan")) {
            assertThatThrownBy(() -> read(other))
                    .as(other)
                    .isInstanceOf(ManagerException.NotAssigned.class)
                    .hasMessageContaining("is not assigned to you");
        }
        assertThat(data.buildings("mia")).extracting(BuildingData.Building::id).containsExactly("B1");
        assertThat(data.buildings("dan")).isEmpty();
        assertThat(log.of(List.of(DAN), Instant.EPOCH)).isEmpty();
        assignments.unassign("mia", List.of(B1));
        assertThatThrownBy(() -> read("B1")).isInstanceOf(ManagerException.NotAssigned.class);
    }

    @Test
    void heatCostAllocatorsAreServedInTheirUnitsForTheDwellingsThatShareOnly() {
        enrol("alice", ALICE);
        enrol("carol", CAROL);
        clock.now = day(4);
        String a = consents.give("alice", ALICE, Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(1), null)
                .id();

        BuildingData.Consumption c = data.consumption("mia", "B1", "heat-cost-allocation", "P1D", day(0), day(4));

        assertThat(c.fluid()).isEqualTo(PersonalData.HEAT_COST_ALLOCATION);
        assertThat(c.unit()).isEqualTo(Namespaces.UNIT + "UNITLESS");
        assertThat(c.points()).as("the plant room has no allocator").isEmpty();
        // alice's allocator from her consent's start, not her electricity; carol shares nothing
        assertThat(c.dwellings()).singleElement().satisfies(d -> {
            assertThat(d.dwelling()).isEqualTo(ALICE);
            assertThat(d.consent()).isEqualTo(a);
            assertThat(values(d.points())).containsExactly(1001, 1002, 1003);
        });
        assertThat(c.withheld()).isEqualTo(1);
        assertThat(log.of(List.of(ALICE), Instant.EPOCH))
                .singleElement()
                .satisfies(e -> assertThat(e.what()).contains("heat-cost-allocation"));
        assertThat(log.of(List.of(CAROL), Instant.EPOCH)).isEmpty();
        // and the electricity series are what they were: the allocators are no electricity meters
        assertThat(values(read("B1").dwellings().get(0).points())).containsExactly(11, 12, 13);
    }
}
