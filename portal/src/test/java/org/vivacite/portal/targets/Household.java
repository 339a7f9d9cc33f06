package org.vivacite.portal.targets;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * A real LMDB private store with one household (Alice's dwelling, enrolled since 1 January 2026)
 * whose electricity meter's daily consumption is written as the ingest pipeline writes it, through
 * the day rollups; a clock the test sets. Bob is enrolled in another dwelling with no data.
 */
public final class Household implements AutoCloseable {

    public static final String BASE = "http://localhost:8080/";
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    public static final String ALICE = BASE + "dwelling/aaaa";
    public static final String BOB = BASE + "dwelling/bbbb";
    private static final String SOSA = Namespaces.SOSA;
    private static final String VC = Namespaces.VC;

    /** A clock the test moves. */
    public static final class TestClock extends Clock {
        public Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

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

    /**
     * A test double of {@link Prices}: fixed prices, 0.25 € and 0.05 kg CO2e per unit of any fluid,
     * no subscription; the real tariffs are another area's.
     */
    public static final class FixedPrices implements Prices {
        @Override
        public BigDecimal euros(String fluid, List<PersonalData.Point> points, Instant from, Instant to) {
            return sum(points).multiply(new BigDecimal("0.25"));
        }

        @Override
        public BigDecimal kgCo2e(String fluid, List<PersonalData.Point> points) {
            return sum(points).multiply(new BigDecimal("0.05"));
        }

        private static BigDecimal sum(List<PersonalData.Point> points) {
            return points.stream().map(PersonalData.Point::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public final TestClock clock;
    public final QuadStore store;
    public final Consents consents;
    public final StoreEnrolments enrolments;
    public final PersonalData data;
    private final Path dir;

    /** The store, the clock at {@code now} (local time), Alice and Bob enrolled. */
    public Household(Path dir, LocalDateTime now) {
        this.dir = dir;
        clock = new TestClock(now.atZone(ZONE).toInstant());
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        List<Quad> quads = new ArrayList<>();
        dwelling(quads, "aaaa");
        dwelling(quads, "bbbb");
        store.add(quads);
        consents = new Consents(store, BASE, clock, new FinerData(store, QuantityRegistry.standard(), ZONE));
        enrolments = new StoreEnrolments(store, BASE, clock);
        Instant movedIn = LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant();
        enrolments.redeem(
                "alice",
                enrolments
                        .generate(List.of(ALICE), Duration.ofDays(1), movedIn)
                        .get(0)
                        .code());
        enrolments.redeem(
                "bob",
                enrolments
                        .generate(List.of(BOB), Duration.ofDays(1), movedIn)
                        .get(0)
                        .code());
        data = new PersonalData(store, enrolments, consents, QuantityRegistry.standard(), ZONE, clock);
    }

    /** Alice's meter used {@code kWh} on each day from {@code first} to {@code last}, written through the rollups. */
    public void electricity(LocalDate first, LocalDate last, String kWh) {
        Node g = iri(BASE + "graph/private/aaaa");
        Node dwelling = iri(ALICE);
        Node meter = iri(BASE + "meter/maaaa");
        List<Quad> quads = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant from = d.atStartOfDay(ZONE).toInstant();
            Instant to = d.plusDays(1).atStartOfDay(ZONE).toInstant();
            Node o = iri(BASE + "obs/maaaa/electricityEnergyConsumed/" + from + "/P1D");
            quads.add(new Quad(g, o, RDF.type.asNode(), iri(SOSA + "Observation")));
            quads.add(new Quad(g, o, iri(SOSA + "madeBySensor"), meter));
            quads.add(new Quad(g, o, iri(SOSA + "observedProperty"), iri(VC + "electricityEnergyConsumed")));
            quads.add(new Quad(g, o, iri(SOSA + "hasFeatureOfInterest"), dwelling));
            quads.add(new Quad(
                    g, o, iri(SOSA + "hasSimpleResult"), NodeFactory.createLiteralDT(kWh, XSDDatatype.XSDdecimal)));
            quads.add(new Quad(
                    g,
                    o,
                    iri(SOSA + "resultTime"),
                    NodeFactory.createLiteralDT(
                            java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(to.atZone(ZONE)),
                            XSDDatatype.XSDdateTime)));
            Node interval = iri(BASE + "id/interval/" + from + "/P1D");
            quads.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
            quads.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(g, from, quads)));
            quads.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(g, to, quads)));
        }
        try (MeterDayRollups rollups = new MeterDayRollups(
                store,
                ZONE,
                dir.resolve("rollups.journal"),
                MeterDayRollups.Selection.dailyConsumption(QuantityRegistry.standard()))) {
            rollups.write(quads);
            rollups.flush();
        }
    }

    private static void dwelling(List<Quad> out, String key) {
        Node g = iri(BASE + "graph/private/" + key);
        Node dwelling = iri(BASE + "dwelling/" + key);
        Node meter = iri(BASE + "meter/m" + key);
        out.add(new Quad(g, dwelling, RDF.type.asNode(), iri(VC + "Dwelling")));
        out.add(new Quad(g, meter, RDF.type.asNode(), iri(VC + "ElectricityMeter")));
        out.add(new Quad(g, meter, iri(SOSA + "observes"), iri(VC + "electricityEnergyWithdrawn")));
        out.add(new Quad(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), dwelling));
    }

    private static Node instant(Node g, Instant t, List<Quad> out) {
        Node i = iri(BASE + "id/instant/" + t);
        out.add(new Quad(
                g,
                i,
                iri(Namespaces.TIME + "inXSDDateTimeStamp"),
                NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp)));
        return i;
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    @Override
    public void close() {
        store.close();
    }
}
