package org.vivacite.portal.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.portal.rights.PersonalExport;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * A person's meters and consumption over a real LMDB private store holding two households' data,
 * shaped as the ingest pipeline writes them (docs/ontology.md's worked example): half-hourly
 * electricity registers and a day's consumption. Only the enrolled household is read; fine steps
 * need the consent.
 */
class PersonalDataTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final Instant MIDNIGHT = DAY.atStartOfDay(ZONE).toInstant();
    private static final String A = BASE + "dwelling/aaaa";
    private static final String B = BASE + "dwelling/bbbb";
    private static final String SOSA = Namespaces.SOSA;
    private static final String VC = Namespaces.VC;

    @TempDir
    Path dir;

    /** A clock the test moves; the households enrolled on 1 March, before the day of their data. */
    static final class TestClock extends Clock {
        Instant now = LocalDate.of(2026, 3, 1).atStartOfDay(ZONE).toInstant();

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

    final TestClock clock = new TestClock();
    QuadStore store;
    Consents consents;
    StoreEnrolments enrolments;
    PersonalData data;

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        List<Quad> quads = new ArrayList<>();
        household(quads, "aaaa", "0.2", "0.3", "11.9");
        household(quads, "bbbb", "5", "5", "480");
        store.add(quads);
        consents = new Consents(store, BASE, clock, new FinerData(store, QuantityRegistry.standard(), ZONE));
        enrolments = new StoreEnrolments(store, BASE, clock);
        enrolments.redeem(
                "alice",
                enrolments.generate(List.of(A), Duration.ofDays(1)).get(0).code());
        enrolments.redeem(
                "bob",
                enrolments.generate(List.of(B), Duration.ofDays(1)).get(0).code());
        data = new PersonalData(store, enrolments, consents, QuantityRegistry.standard(), ZONE, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * A dwelling, its Linky meter, its register every half hour of {@link #DAY} and the next
     * midnight (going up by {@code even} then {@code odd} kWh in turn), and the day's consumption
     * as the store holds it ({@code day}: a distribution operator's value may differ from the
     * registers' difference, and wins).
     */
    private static void household(List<Quad> out, String key, String even, String odd, String day) {
        Node g = iri(BASE + "graph/private/" + key);
        Node dwelling = iri(BASE + "dwelling/" + key);
        Node meter = iri(BASE + "meter/m" + key);
        out.add(new Quad(g, dwelling, RDF.type.asNode(), iri(VC + "Dwelling")));
        out.add(new Quad(g, meter, RDF.type.asNode(), iri(VC + "ElectricityMeter")));
        out.add(new Quad(g, meter, iri(SOSA + "observes"), iri(VC + "electricityEnergyWithdrawn")));
        out.add(new Quad(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), dwelling));
        BigDecimal index = new BigDecimal("1000.000");
        for (int i = 0; i <= 48; i++) {
            Instant t = MIDNIGHT.plus(Duration.ofMinutes(30L * i));
            Node o = iri(BASE + "obs/m" + key + "/electricityEnergyWithdrawn/" + t);
            observation(out, g, o, meter, dwelling, "electricityEnergyWithdrawn", index, t);
            index = index.add(new BigDecimal(i % 2 == 0 ? even : odd));
        }
        Instant next = MIDNIGHT.plus(Duration.ofDays(1));
        Node o = iri(BASE + "obs/m" + key + "/electricityEnergyConsumed/" + MIDNIGHT + "/P1D");
        observation(out, g, o, meter, dwelling, "electricityEnergyConsumed", new BigDecimal(day), next);
        Node interval = iri(BASE + "id/interval/" + MIDNIGHT + "/P1D");
        out.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
        out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(g, MIDNIGHT, out)));
        out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(g, next, out)));
    }

    private static void observation(
            List<Quad> out, Node g, Node o, Node meter, Node dwelling, String quantity, BigDecimal v, Instant t) {
        out.add(new Quad(g, o, RDF.type.asNode(), iri(SOSA + "Observation")));
        out.add(new Quad(g, o, iri(SOSA + "madeBySensor"), meter));
        out.add(new Quad(g, o, iri(SOSA + "observedProperty"), iri(VC + quantity)));
        out.add(new Quad(g, o, iri(SOSA + "hasFeatureOfInterest"), dwelling));
        out.add(new Quad(
                g,
                o,
                iri(SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(v.toPlainString(), XSDDatatype.XSDdecimal)));
        out.add(new Quad(
                g,
                o,
                iri(SOSA + "resultTime"),
                NodeFactory.createLiteralDT(
                        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(ZONE)),
                        XSDDatatype.XSDdateTime)));
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

    private PersonalData.Consumption ask(String step) {
        return data.consumption("alice", null, "electricity", step, MIDNIGHT, MIDNIGHT.plus(Duration.ofDays(1)));
    }

    @Test
    void theMetersAreThoseOfTheDwellingsThePersonIsEnrolledIn() {
        assertThat(data.meters("alice")).singleElement().satisfies(m -> {
            assertThat(m.iri()).isEqualTo(BASE + "meter/maaaa");
            assertThat(m.dwelling()).isEqualTo(A);
            assertThat(m.fluid()).isEqualTo("electricity");
            assertThat(m.quantities())
                    .extracting(PersonalData.MeterQuantity::name)
                    .containsExactly("electricityEnergyWithdrawn");
        });
        assertThat(data.meters("mallory")).isEmpty();
    }

    @Test
    void dailyIsTheDaysAmountTheStoreHoldsNotTheRegistersDifference() {
        PersonalData.Consumption c = ask("P1D");

        assertThat(c.unit()).isEqualTo(Namespaces.UNIT + "KiloW-HR");
        assertThat(c.dwellings()).singleElement().satisfies(s -> {
            assertThat(s.dwelling()).isEqualTo(A);
            assertThat(s.points()).singleElement().satisfies(p -> {
                assertThat(p.from()).isEqualTo(MIDNIGHT);
                assertThat(p.value()).isEqualByComparingTo("11.9");
            });
        });
        assertThat(ask("P1M").dwellings().get(0).points()).singleElement().satisfies(p -> {
            assertThat(p.from())
                    .isEqualTo(LocalDate.of(2026, 3, 1).atStartOfDay(ZONE).toInstant());
            assertThat(p.to())
                    .isEqualTo(LocalDate.of(2026, 4, 1).atStartOfDay(ZONE).toInstant());
            assertThat(p.value()).isEqualByComparingTo("11.9");
        });
    }

    @Test
    void finerStepsNeedTheConsentAndComeFromTheRegisters() {
        assertThatThrownBy(() -> ask("PT30M"))
                .isInstanceOf(PersonalException.class)
                .hasMessage("step: PT30M is finer than what the household of " + A + " consents to: it has no"
                        + " consent to fine-data (daily data only); give one first (POST /api/me/consents)");
        Consent hourly = consents.give("alice", A, Purpose.FINE_DATA, Duration.ofHours(1), null, null);
        assertThatThrownBy(() -> ask("PT30M"))
                .isInstanceOf(PersonalException.class)
                .hasMessageContaining("its consent " + hourly.id() + " to fine-data allows PT1H");

        List<PersonalData.Point> hours = ask("PT1H").dwellings().get(0).points();
        assertThat(hours).hasSize(24).allSatisfy(p -> assertThat(p.value()).isEqualByComparingTo("0.5"));

        consents.give("alice", A, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        List<PersonalData.Point> halves = ask("PT30M").dwellings().get(0).points();
        assertThat(halves).hasSize(48);
        assertThat(halves.get(0).value()).isEqualByComparingTo("0.2");
        assertThat(halves.get(1).value()).isEqualByComparingTo("0.3");
        assertThat(halves.get(47).to()).isEqualTo(MIDNIGHT.plus(Duration.ofDays(1)));
    }

    /**
     * Alice moves out of A at noon of the day of the data (the move recorded in advance), Carol
     * moves in then: each sees her own half of the day and nothing of the other's, in the API and
     * in the export; the day itself, which mixes both households, is in neither's answer.
     */
    private ConsentReceipts receipts() {
        return new ConsentReceipts(
                store,
                BASE,
                consents.graph(),
                dir,
                new ConsentReceipts.Controller(
                        "Métropole", "DPO", "Grenoble", "dpo@example.org", "https://example.org"));
    }

    @Test
    void eachOccupantSeesOnlyTheReadingsOfHerOwnTimeInTheDwelling() throws Exception {
        Instant noon = MIDNIGHT.plus(Duration.ofHours(12));
        Instant next = MIDNIGHT.plus(Duration.ofDays(1));
        ConsentReceipts receipts = receipts();
        consents.give("alice", A, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        assertThat(enrolments.moveOut(A, noon, consents, receipts).enrolments()).isEqualTo(1);

        clock.now = noon.minus(Duration.ofHours(1)); // Alice still lives there
        List<PersonalData.Point> alices = data.consumption("alice", null, "electricity", "PT30M", MIDNIGHT, next)
                .dwellings()
                .get(0)
                .points();
        assertThat(alices).hasSize(24).allSatisfy(p -> assertThat(p.to()).isBeforeOrEqualTo(noon));
        assertThat(data.consumption("alice", null, "electricity", "P1D", MIDNIGHT, next)
                        .dwellings()
                        .get(0)
                        .points())
                .isEmpty();

        clock.now = noon;
        enrolments.moveOut(A, noon, consents, receipts()); // alice's, recorded first
        enrolments.redeem(
                "carol",
                enrolments.generate(List.of(A), Duration.ofDays(1)).get(0).code());
        consents.give("carol", A, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        List<PersonalData.Point> carols = data.consumption("carol", null, "electricity", "PT30M", MIDNIGHT, next)
                .dwellings()
                .get(0)
                .points();
        assertThat(carols).hasSize(24);
        assertThat(carols.get(0).from()).isEqualTo(noon);
        assertThat(carols.get(23).to()).isEqualTo(next);
        assertThat(data.consumption("carol", null, "electricity", "P1D", MIDNIGHT, next)
                        .dwellings()
                        .get(0)
                        .points())
                .as("the day of the move is partly Alice's")
                .isEmpty();
        assertThat(data.consumption("carol", null, "electricity", "P1M", MIDNIGHT, next)
                        .dwellings()
                        .get(0)
                        .points())
                .isEmpty();
        assertThat(data.consumption("alice", null, "electricity", "P1D", MIDNIGHT, next)
                        .dwellings())
                .as("Alice moved out")
                .isEmpty();

        // Carol's export holds the readings of her half day only
        PersonalExport export = new PersonalExport(
                store, enrolments, consents, receipts, new AccessLog(store, BASE, clock), ZONE, clock);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        export.write("carol", zip);
        List<CSVRecord> readings = readings(zip.toByteArray());
        assertThat(readings).isNotEmpty().allSatisfy(r -> {
            assertThat(java.time.OffsetDateTime.parse(r.get("resultTime")).toInstant())
                    .isAfterOrEqualTo(noon);
            assertThat(r.get("meter")).isEqualTo(BASE + "meter/maaaa");
        });
        assertThat(readings).hasSize(25); // the registers from noon to midnight, both included
    }

    private static List<CSVRecord> readings(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("readings.csv")) {
                    return CSVFormat.RFC4180
                            .builder()
                            .setHeader()
                            .get()
                            .parse(new InputStreamReader(in, StandardCharsets.UTF_8))
                            .getRecords();
                }
            }
        }
        throw new AssertionError("no readings.csv in the export");
    }

    @Test
    void dailyAndMonthlyFromTheDayRollupsAreTheSeriesOfTheReadings() {
        Instant next = MIDNIGHT.plus(Duration.ofDays(1));
        Instant from = MIDNIGHT.minus(Duration.ofDays(3));
        var days = data.consumption("alice", null, "electricity", "P1D", from, next);
        var months = data.consumption("alice", null, "electricity", "P1M", from, next);
        assertThat(days.dwellings().get(0).points()).hasSize(1);

        // the household's graph written again as the pipeline writes it, through the day rollups
        String graph = BASE + "graph/private/aaaa";
        List<Quad> quads = new ArrayList<>();
        household(quads, "aaaa", "0.2", "0.3", "11.9");
        store.drop(graph);
        try (MeterDayRollups rollups = new MeterDayRollups(
                store,
                ZONE,
                dir.resolve("rollups.journal"),
                MeterDayRollups.Selection.dailyConsumption(QuantityRegistry.standard()))) {
            rollups.write(quads);
            rollups.flush();
        }
        assertThat(data.consumption("alice", null, "electricity", "P1D", from, next))
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(days);
        assertThat(data.consumption("alice", null, "electricity", "P1M", from, next))
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(months);

        // the day's amount is read from its rollup: without its reading the registers would say 12
        store.update("DELETE WHERE { GRAPH <" + graph + "> { <" + BASE + "obs/maaaa/electricityEnergyConsumed/"
                + MIDNIGHT + "/P1D> <" + SOSA + "hasSimpleResult> ?v } }");
        assertThat(data.consumption("alice", null, "electricity", "P1D", from, next)
                        .dwellings()
                        .get(0)
                        .points())
                .singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualByComparingTo("11.9"));

        // a household that moved in at noon has no part of the day, its rollup notwithstanding
        Instant noon = MIDNIGHT.plus(Duration.ofHours(12));
        clock.now = noon;
        enrolments.moveOut(A, noon, consents, receipts()); // alice's, recorded first
        enrolments.redeem(
                "carol",
                enrolments.generate(List.of(A), Duration.ofDays(1), noon).get(0).code());
        clock.now = next.plus(Duration.ofHours(1));
        assertThat(data.consumption("carol", null, "electricity", "P1D", from, next)
                        .dwellings()
                        .get(0)
                        .points())
                .isEmpty();
        assertThat(data.consumption("carol", null, "electricity", "P1M", from, next)
                        .dwellings()
                        .get(0)
                        .points())
                .isEmpty();
    }

    @Test
    void anotherHouseholdsDwellingIsNotFoundAndItsDataAreInNoAnswer() {
        assertThatThrownBy(() ->
                        data.consumption("alice", B, "electricity", "P1D", MIDNIGHT, MIDNIGHT.plusSeconds(86_400)))
                .isInstanceOf(PersonalException.NotEnrolled.class)
                .hasMessage("dwelling: you are not enrolled in " + B);
        assertThat(ask("P1D").dwellings())
                .extracting(PersonalData.Series::dwelling)
                .containsExactly(A);
        assertThat(data.consumption("bob", null, "electricity", "P1D", MIDNIGHT, MIDNIGHT.plusSeconds(86_400))
                        .dwellings()
                        .get(0)
                        .points())
                .singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualByComparingTo("480"));
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        assertThatThrownBy(() -> data.consumption("alice", null, "steam", "P1D", MIDNIGHT, MIDNIGHT.plusSeconds(60)))
                .hasMessage("fluid: 'steam' is none of [electricity, gas, water, heat, heat-cost-allocation]");
        assertThatThrownBy(() -> data.consumption("alice", null, "water", "PT15M", MIDNIGHT, MIDNIGHT.plusSeconds(60)))
                .hasMessage("step: 'PT15M' is none of [PT30M, PT1H, P1D, P1M]");
        assertThatThrownBy(() -> data.consumption("alice", null, "water", "P1D", MIDNIGHT, MIDNIGHT))
                .hasMessage("to: " + MIDNIGHT + " is not after from: " + MIDNIGHT);
        assertThatThrownBy(() -> data.consumption(
                        "alice", null, "water", "P1D", MIDNIGHT, MIDNIGHT.plus(Duration.ofDays(30_000))))
                .hasMessageStartingWith("from, to: more than 20000 steps in the period");
    }
}
