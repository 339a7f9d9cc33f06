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

    /** An interval reading of household A's meter, as the pipeline writes it. */
    private static void amount(
            List<Quad> out, String quantity, Instant start, Duration length, String value, Instant resultTime) {
        Node g = iri(BASE + "graph/private/aaaa");
        Instant end = start.plus(length);
        Node o = iri(BASE + "obs/maaaa/" + quantity + "/" + start + "/" + length);
        observation(out, g, o, iri(BASE + "meter/maaaa"), iri(A), quantity, new BigDecimal(value), resultTime);
        Node interval = iri(BASE + "id/interval/" + start + "/" + length);
        out.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
        out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(g, start, out)));
        out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(g, end, out)));
    }

    /**
     * Fine steps are answered from the readings looked up by their time, not from the household's
     * whole history: the same answers as the whole read, over periods whose edges fall inside steps
     * or beyond the data, for occupants whose time in the dwelling begins and ends inside a step,
     * with hours, half hours and pieces of half hours stored as amounts (a result time that is the
     * receipt, not the end), average powers, a register whose result time is written in UTC, and
     * an hour that begins the evening before the period.
     */
    @Test
    void fineStepsLookedUpByTimeAreTheAnswersOfTheWholeRead() {
        Instant next = MIDNIGHT.plus(Duration.ofDays(1));
        Duration hour = Duration.ofHours(1);
        Duration half = Duration.ofMinutes(30);
        String consumed = "electricityEnergyConsumed";
        List<Quad> quads = new ArrayList<>();
        for (int h = 6; h < 12; h++) {
            Instant t = MIDNIGHT.plus(hour.multipliedBy(h));
            amount(quads, consumed, t, hour, "0.7", t.plus(hour));
        }
        Instant one = MIDNIGHT.plus(hour.multipliedBy(13));
        amount(quads, consumed, one, half, "0.11", one.plus(Duration.ofHours(2))); // received later
        amount(quads, consumed, one.plus(half), half, "0.12", one.plus(Duration.ofHours(2)));
        Instant three = MIDNIGHT.plus(hour.multipliedBy(15));
        amount(quads, consumed, three, Duration.ofMinutes(20), "0.05", three.plus(Duration.ofMinutes(20)));
        amount(
                quads,
                consumed,
                three.plus(Duration.ofMinutes(20)),
                Duration.ofMinutes(10),
                "0.06",
                three.plus(Duration.ofMinutes(50)));
        Instant six = MIDNIGHT.plus(hour.multipliedBy(18));
        amount(quads, "electricityAveragePower", six, half, "1000", six.plus(half));
        amount(quads, "electricityAveragePower", six.plus(half), half, "3000", six.plus(hour));
        amount(quads, consumed, MIDNIGHT.minus(half), hour, "9", MIDNIGHT.plus(half));
        store.add(quads);
        Instant eight = MIDNIGHT.plus(hour.multipliedBy(20));
        String register = BASE + "obs/maaaa/electricityEnergyWithdrawn/" + eight;
        store.update("DELETE { GRAPH ?g { <" + register + "> <" + SOSA + "resultTime> ?t } } INSERT { GRAPH ?g { <"
                + register + "> <" + SOSA + "resultTime> \"" + eight + "\"^^<" + XSDDatatype.XSDdateTime.getURI()
                + "> } } WHERE { GRAPH ?g { <" + register + "> <" + SOSA + "resultTime> ?t } }");
        consents.give("alice", A, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        List<Instant[]> periods = List.of(
                new Instant[] {MIDNIGHT, next},
                new Instant[] {MIDNIGHT.plus(Duration.ofMinutes(7 * 60 + 13)), three.plus(Duration.ofMinutes(20))},
                new Instant[] {MIDNIGHT.minus(Duration.ofDays(1)), next.plus(Duration.ofDays(1))});
        PersonalData wholeRead = data.lookingUpAtMost(0);
        for (Instant[] p : periods) {
            for (String step : List.of("PT30M", "PT1H")) {
                assertThat(data.consumption("alice", null, "electricity", step, p[0], p[1]))
                        .as(step + " from " + p[0] + " to " + p[1])
                        .usingRecursiveComparison()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                        .isEqualTo(wholeRead.consumption("alice", null, "electricity", step, p[0], p[1]));
            }
        }
        List<PersonalData.Point> halves = data.consumption("alice", null, "electricity", "PT30M", MIDNIGHT, next)
                .dwellings()
                .get(0)
                .points();
        assertThat(halves).hasSize(48);
        assertThat(halves.get(26).value()).as("13:00, received later").isEqualByComparingTo("0.11");
        assertThat(halves.get(30).value()).as("15:00, in two pieces").isEqualByComparingTo("0.11");
        assertThat(halves.get(37).value()).as("18:30, 3 kW").isEqualByComparingTo("1.5");
        assertThat(halves.get(39).value())
                .as("19:30, the register of 20:00 in UTC")
                .isEqualByComparingTo("0.3");
        assertThat(data.consumption("alice", null, "electricity", "PT1H", MIDNIGHT, next)
                        .dwellings()
                        .get(0)
                        .points()
                        .get(6)
                        .value())
                .isEqualByComparingTo("0.7");

        // Alice moves out at 13:15, Carol moves in then: the step of the move is in neither's answer
        Instant move = one.plus(Duration.ofMinutes(15));
        ConsentReceipts receipts = new ConsentReceipts(
                store,
                BASE,
                consents.graph(),
                dir,
                new ConsentReceipts.Controller(
                        "Métropole", "DPO", "Grenoble", "dpo@example.org", "https://example.org"));
        enrolments.moveOut(A, move, consents, receipts);
        clock.now = move.minus(hour);
        List<PersonalData.Point> alices = null;
        for (String step : List.of("PT30M", "PT1H")) {
            var answer = data.consumption("alice", null, "electricity", step, MIDNIGHT, next);
            assertThat(answer)
                    .usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(wholeRead.consumption("alice", null, "electricity", step, MIDNIGHT, next));
            alices = alices == null ? answer.dwellings().get(0).points() : alices;
        }
        assertThat(alices).hasSize(26).last().satisfies(p -> assertThat(p.to()).isEqualTo(one));
        clock.now = move;
        enrolments.redeem(
                "carol",
                enrolments.generate(List.of(A), Duration.ofDays(1)).get(0).code());
        consents.give("carol", A, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        for (String step : List.of("PT30M", "PT1H")) {
            var answer = data.consumption("carol", null, "electricity", step, MIDNIGHT, next);
            assertThat(answer)
                    .usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(wholeRead.consumption("carol", null, "electricity", step, MIDNIGHT, next));
            assertThat(answer.dwellings().get(0).points().get(0).from())
                    .isEqualTo(step.equals("PT30M") ? one.plus(half) : one.plus(hour));
        }
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

    @Test
    void fineStepsAreAskedAMonthOfHoursOrHalfAMonthOfHalfHoursAtATime() {
        consents.give("alice", A, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        Instant month = MIDNIGHT.plus(Duration.ofDays(31)).plus(Duration.ofHours(1)); // an October
        Instant halfMonth = MIDNIGHT.plus(Duration.ofMinutes(30 * 745));
        assertThat(data.consumption("alice", null, "electricity", "PT1H", MIDNIGHT, month)
                        .dwellings())
                .isNotEmpty();
        assertThat(data.consumption("alice", null, "electricity", "PT30M", MIDNIGHT, halfMonth)
                        .dwellings())
                .isNotEmpty();
        assertThatThrownBy(() ->
                        data.consumption("alice", null, "electricity", "PT30M", MIDNIGHT, halfMonth.plusSeconds(1)))
                .isInstanceOf(PersonalException.class)
                .hasMessage("from, to: " + MIDNIGHT + " to " + halfMonth.plusSeconds(1)
                        + " holds more than the 745 steps finer than a day a request may ask (a month of hours,"
                        + " half a month of half hours); ask a period at a time, or a longer step (P1D, P1M),"
                        + " or download the whole history from /api/me/export");
        assertThatThrownBy(() -> data.consumption("alice", null, "electricity", "PT1H", MIDNIGHT, month.plusSeconds(1)))
                .isInstanceOf(PersonalException.class);
        assertThat(data.consumption("alice", null, "electricity", "P1D", MIDNIGHT, month.plusSeconds(1))
                        .dwellings())
                .isNotEmpty();
    }
}
