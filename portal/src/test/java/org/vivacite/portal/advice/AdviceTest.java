package org.vivacite.portal.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The heating tip from a household's year of daily electricity in a real LMDB store: a summer
 * level, a winter above it, the heating the last 30 days hold and the saving of a degree less.
 */
class AdviceTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final String A = BASE + "dwelling/aaaa";
    private static final AdviceProperties DEFAULTS = new AdviceProperties(
            new BigDecimal("0.07"),
            new BigDecimal("30"),
            new BigDecimal("0.2"),
            new BigDecimal("0.1"),
            new BigDecimal("100"));

    @TempDir
    Path dir;

    QuadStore store;

    @AfterEach
    void close() {
        store.close();
    }

    /** Alice's dwelling since {@code days} days: 6 kWh a day from May to September, 16 the other months. */
    private Advice household(int days) {
        return household(days, 0);
    }

    /** The same, with {@code hourlyDays} days before today also in hours: 0.2 kWh an hour at night (200 W), 0.5 by day. */
    private Advice household(int days, int hourlyDays) {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        Clock clock = Clock.fixed(TODAY.atStartOfDay(ZONE).toInstant(), ZONE);
        List<Quad> quads = new ArrayList<>();
        Node g = iri(BASE + "graph/private/aaaa");
        Node dwelling = iri(A);
        Node meter = iri(BASE + "meter/maaaa");
        quads.add(new Quad(g, dwelling, RDF.type.asNode(), iri(Namespaces.VC + "Dwelling")));
        quads.add(new Quad(
                g, meter, iri(Namespaces.SOSA + "observes"), iri(Namespaces.VC + "electricityEnergyWithdrawn")));
        quads.add(new Quad(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), dwelling));
        for (LocalDate d = TODAY.minusDays(days); d.isBefore(TODAY); d = d.plusDays(1)) {
            int month = d.getMonthValue();
            String kwh = month >= 5 && month <= 9 ? "6" : "16";
            Instant start = d.atStartOfDay(ZONE).toInstant();
            Instant end = d.plusDays(1).atStartOfDay(ZONE).toInstant();
            Node o = iri(BASE + "obs/maaaa/day/" + d);
            quads.add(new Quad(g, o, iri(Namespaces.SOSA + "madeBySensor"), meter));
            quads.add(new Quad(
                    g, o, iri(Namespaces.SOSA + "observedProperty"), iri(Namespaces.VC + "electricityEnergyConsumed")));
            quads.add(new Quad(g, o, iri(Namespaces.SOSA + "hasFeatureOfInterest"), dwelling));
            quads.add(new Quad(
                    g,
                    o,
                    iri(Namespaces.SOSA + "hasSimpleResult"),
                    NodeFactory.createLiteralDT(kwh, XSDDatatype.XSDdecimal)));
            quads.add(new Quad(
                    g,
                    o,
                    iri(Namespaces.SOSA + "resultTime"),
                    NodeFactory.createLiteralDT(
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(end.atZone(ZONE)), XSDDatatype.XSDdateTime)));
            Node interval = iri(BASE + "id/interval/" + start + "/P1D");
            quads.add(new Quad(g, o, iri(Namespaces.SOSA + "phenomenonTime"), interval));
            quads.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(g, start, quads)));
            quads.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(g, end, quads)));
        }
        for (LocalDate d = TODAY.minusDays(hourlyDays); d.isBefore(TODAY); d = d.plusDays(1)) {
            for (int h = 0; h < 24; h++) {
                Instant start = d.atStartOfDay(ZONE).plusHours(h).toInstant();
                Instant end = start.plus(Duration.ofHours(1));
                Node o = iri(BASE + "obs/maaaa/hour/" + start);
                quads.add(new Quad(g, o, iri(Namespaces.SOSA + "madeBySensor"), meter));
                quads.add(new Quad(
                        g,
                        o,
                        iri(Namespaces.SOSA + "observedProperty"),
                        iri(Namespaces.VC + "electricityEnergyConsumed")));
                quads.add(new Quad(g, o, iri(Namespaces.SOSA + "hasFeatureOfInterest"), dwelling));
                quads.add(new Quad(
                        g,
                        o,
                        iri(Namespaces.SOSA + "hasSimpleResult"),
                        NodeFactory.createLiteralDT(h < 6 ? "0.2" : "0.5", XSDDatatype.XSDdecimal)));
                quads.add(new Quad(
                        g,
                        o,
                        iri(Namespaces.SOSA + "resultTime"),
                        NodeFactory.createLiteralDT(
                                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(end.atZone(ZONE)),
                                XSDDatatype.XSDdateTime)));
                Node interval = iri(BASE + "id/interval/" + start + "/PT1H");
                quads.add(new Quad(g, o, iri(Namespaces.SOSA + "phenomenonTime"), interval));
                quads.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(g, start, quads)));
                quads.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(g, end, quads)));
            }
        }
        store.add(quads);
        Consents consents = new Consents(store, BASE, clock, new FinerData(store, QuantityRegistry.standard(), ZONE));
        StoreEnrolments enrolments = new StoreEnrolments(store, BASE, clock);
        enrolments.redeem(
                "alice",
                enrolments
                        .generate(
                                List.of(A),
                                Duration.ofDays(1),
                                TODAY.minusDays(400).atStartOfDay(ZONE).toInstant())
                        .get(0)
                        .code());
        if (hourlyDays > 0) {
            consents.give("alice", A, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        }
        PersonalData data = new PersonalData(store, enrolments, consents, QuantityRegistry.standard(), ZONE, clock);
        return new Advice(data, new DefaultListableBeanFactory().getBeanProvider(Prices.class), DEFAULTS);
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

    @Test
    void aYearOfDaysGivesTheHeatingOfTheLast30DaysAboveTheSummerLevelAndADegreesSaving() {
        List<Advice.Tip> tips = household(365).of("alice");
        assertThat(tips).hasSize(1);
        Advice.Tip heating = tips.get(0);
        assertThat(heating.kind()).isEqualTo("heating");
        assertThat(heating.dwelling()).isEqualTo(A);
        assertThat(heating.fluid()).isEqualTo("electricity");
        // the last 30 days are winter's: 30 × 16 = 480; summer 6 a day; heating 480 − 180 = 300
        assertThat(heating.numbers().get(0)).isEqualByComparingTo("480");
        assertThat(heating.numbers().get(1)).isEqualByComparingTo("6");
        assertThat(heating.numbers().get(2)).isEqualByComparingTo("300");
        assertThat(heating.saving()).isEqualByComparingTo("21"); // 7 % of 300
        assertThat(heating.euros()).as("no prices configured").isNull();
    }

    @Test
    void lessThanAYearOfDaysHoldsNoSummerSoNoTip() {
        assertThat(household(200).of("alice")).isEmpty();
    }

    @Test
    void theNightsLowestHourAboveTheReferenceGivesTheStandbyTipAndItsYearlySaving() {
        List<Advice.Tip> tips = household(365, 10).of("alice");
        Advice.Tip standby = tips.stream()
                .filter(t -> t.kind().equals("base-load"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no standby tip in " + tips));
        assertThat(standby.numbers().get(0)).as("the nights' least power, W").isEqualByComparingTo("200");
        assertThat(standby.numbers().get(1)).as("the reference, W").isEqualByComparingTo("100");
        assertThat(standby.saving()).as("100 W all year, kWh").isEqualByComparingTo("876");
    }
}
