package org.vivacite.portal.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Release;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.cube.CsvTable;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.money.Billing;
import org.vivacite.portal.money.MoneyProperties;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.money.Tariffs;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalData.Point;
import org.vivacite.portal.rights.DwellingFacts;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The heating tip from a household's year of daily electricity in a real LMDB store: a summer
 * level, a winter above it, the heating the last 30 days hold and the saving of a degree less; the
 * standby tip from its hours; the peak-hour and Tempo red-day tips priced with the shipped tariff
 * files; the degree-day rule against a district's level.
 */
class AdviceTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** After the 1 August 2026 grid of the shipped peak/off-peak tariff, so that its prices apply. */
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static final String A = BASE + "dwelling/aaaa";
    private static final AdviceProperties DEFAULTS = AdviceProperties.defaults();

    @TempDir
    Path dir;

    QuadStore store;
    PersonalData data;
    StoreEnrolments enrolments;
    Clock clock;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** Alice's dwelling since {@code days} days: 6 kWh a day from May to September, 16 the other months. */
    private Advice household(int days) {
        return household(days, 0);
    }

    /** The same, with {@code hourlyDays} days before today also in hours: 0.2 kWh an hour at night (200 W), 0.5 by day. */
    private Advice household(int days, int hourlyDays) {
        return household(days, hourlyDays, null);
    }

    /** The same, priced by {@code billing} when not null (its prices and contracts). */
    private Advice household(int days, int hourlyDays, Billing billing) {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        clock = Clock.fixed(TODAY.atStartOfDay(ZONE).toInstant(), ZONE);
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
        enrolments = new StoreEnrolments(store, BASE, clock);
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
        data = new PersonalData(store, enrolments, consents, QuantityRegistry.standard(), ZONE, clock);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (billing == null) {
            return new Advice(data, beans.getBeanProvider(Prices.class), DEFAULTS);
        }
        beans.registerSingleton("billing", billing);
        return new Advice(
                data,
                beans.getBeanProvider(Prices.class),
                beans.getBeanProvider(Billing.class),
                beans.getBeanProvider(DegreeDays.class),
                beans.getBeanProvider(DwellingFacts.class),
                beans.getBeanProvider(ReleaseFolders.class),
                BASE,
                DEFAULTS);
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

    @Test
    void anElectricallyHeatedHomesNightsOfHeatingDaysAreNotTakenForStandby() throws Exception {
        // the same 200 W nights as the standby test's, in a home heated by electricity on days of
        // 10 degree-days each: its nights are heating, not appliances left on
        List<Advice.Tip> tips = besideTheDistrict(DEFAULTS, 10).of("alice");

        assertThat(tips).extracting(Advice.Tip::kind).contains("degree-days").doesNotContain("base-load");
    }

    /** The shipped tariffs under an option, with a Tempo calendar (none: the empty shipped one). */
    private static Billing billing(String option, String calendar) {
        return new Billing(
                new Tariffs(
                        MoneyProperties.defaults()
                                .withElectricity(
                                        option,
                                        6,
                                        List.of("22:00-06:00"),
                                        calendar == null ? "classpath:tariffs/tempo-calendar.csv" : calendar),
                        new DefaultResourceLoader()),
                ZONE);
    }

    /** {@code days} days from {@code first}, hour by hour, {@code kwh} in each hour {@code hours} says. */
    private static List<Point> hours(LocalDate first, int days, java.util.function.IntPredicate hours, String kwh) {
        List<Point> out = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(first.plusDays(days)); d = d.plusDays(1)) {
            for (int h = 0; h < 24; h++) {
                Instant start = d.atStartOfDay(ZONE).plusHours(h).toInstant();
                out.add(new Point(
                        start, start.plus(Duration.ofHours(1)), hours.test(h) ? new BigDecimal(kwh) : BigDecimal.ZERO));
            }
        }
        return out;
    }

    private static List<Point> days(LocalDate first, int days, String kwh) {
        List<Point> out = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(first.plusDays(days)); d = d.plusDays(1)) {
            out.add(new Point(
                    d.atStartOfDay(ZONE).toInstant(),
                    d.plusDays(1).atStartOfDay(ZONE).toInstant(),
                    new BigDecimal(kwh)));
        }
        return out;
    }

    @Test
    void aHouseholdThatGaveItsPeakAndOffPeakContractGetsThePeakHourTipFromItsHoursAndEurosAtItsPrices() {
        Billing configured = billing("base", null);
        Billing hphc = new Billing(
                configured.tariffs(),
                ZONE,
                (subject, dwelling) -> subject.equals("alice") && dwelling.equals(A)
                        ? Optional.of(Tariffs.Contract.parse("hphc", "22:00-06:00"))
                        : Optional.empty());
        List<Advice.Tip> tips = household(365, 30, hphc).of("alice");

        assertThat(tips).extracting(Advice.Tip::kind).containsExactly("heating", "base-load", "peak-hours");
        Advice.Tip peak = tips.get(2);
        // a day: 16 peak hours of 0.5 kWh = 8; off-peak 2 × 0.5 + 6 × 0.2 = 2.2; 30 days
        assertThat(peak.numbers().get(0)).isEqualByComparingTo("306");
        assertThat(peak.numbers().get(1)).isEqualByComparingTo("240");
        assertThat(peak.numbers().get(3)).as("15 % of them").isEqualByComparingTo("36");
        assertThat(peak.euros()).as("36 kWh × (0.2142 − 0.1589)").isEqualByComparingTo("1.9908");
        // the heating tip's 21 kWh of the next 30 days, in December: at the contract's prices
        Advice.Tip heating = tips.get(0);
        // days, so 30 % off-peak: 21 × (0.3 × 0.1589 + 0.7 × 0.2142) = 4.1498, in cents as the bill's lines;
        // not the base price's 21 × 0.2001 = 4.20
        assertThat(heating.euros()).isEqualByComparingTo("4.15");
        assertThat(heating.kgCo2e())
                .as("21 kWh × 0.079")
                .isCloseTo(new BigDecimal("1.659"), within(new BigDecimal("0.000001")));
    }

    /**
     * Alice's year of days beside her district: her dwelling electrically heated, in a building of
     * district {@code 381850101}, whose residential electricity cell the newest release publishes
     * with 20 homes, 20 000 kWh and 2 000 degree-days (0.5 kWh a home and degree-day); 10 degree-days
     * every day; the advice with the facts, releases and degree-days.
     */
    private Advice besideTheDistrict(AdviceProperties properties) throws Exception {
        return besideTheDistrict(properties, 0);
    }

    /** The same, with {@code hourlyDays} days in hours as {@link #household(int, int)} writes them. */
    private Advice besideTheDistrict(AdviceProperties properties, int hourlyDays) throws Exception {
        household(365, hourlyDays);
        String district = BASE + "id/district/381850101";
        Node g = iri(BASE + "graph/private/aaaa");
        Node territory = iri(BASE + "graph/territory");
        Node building = iri(BASE + "id/building/B1");
        store.add(List.of(
                new Quad(g, iri(A), iri(Namespaces.VC + "heatingSystem"), iri(Namespaces.VC + "electricHeating")),
                new Quad(g, iri(A), iri(Namespaces.S4BLDG + "isSpaceOf"), building),
                new Quad(territory, building, RDF.type.asNode(), iri(TerritorialLevel.BUILDING.levelClassIri())),
                new Quad(territory, building, iri(Namespaces.VC + "partOf"), iri(district)),
                new Quad(territory, iri(district), RDF.type.asNode(), iri(TerritorialLevel.DISTRICT.levelClassIri()))));
        ReleaseFolders folders = ReleaseFolders.of(dir.resolve("open-data"));
        Area area = new Area(district, TerritorialLevel.DISTRICT, "381850101", "Europole", null);
        Period year = new Period(LocalDate.of(2025, 1, 1), Period.Step.YEAR);
        List<Cell> cells = List.of(new Cell(
                Dataset.ANNUAL_BY_DISTRICT,
                area,
                year,
                null,
                Fluid.ELECTRICITY,
                Sector.RESIDENTIAL,
                new BigDecimal("20000"),
                20,
                new BigDecimal("0.1"),
                null,
                new BigDecimal("2000"),
                Protection.PUBLISHED));
        Release release = new Release(
                Dataset.ANNUAL_BY_DISTRICT,
                "2026-01-15T000000Z",
                Instant.parse("2026-01-15T00:00:00Z"),
                year.start(),
                year.end(),
                DisclosureRules.DEFAULTS,
                cells);
        String name = Dataset.ANNUAL_BY_DISTRICT.id + ".csv";
        try (ReleaseFolders.Draft draft = folders.draft(Dataset.ANNUAL_BY_DISTRICT, release.id())) {
            try (java.io.OutputStream out =
                    java.nio.file.Files.newOutputStream(draft.dir().resolve(name))) {
                new CsvTable(BASE, "https://www.etalab.gouv.fr/licence-ouverte-open-licence").write(release, out);
            }
            draft.commit(
                    release.issued(),
                    year.start(),
                    year.end(),
                    1,
                    1,
                    List.of(),
                    java.util.Map.of(name, "text/csv"),
                    DisclosureRules.DEFAULTS.parameters());
        }
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("degreeDays", (DegreeDays) day -> Optional.of(BigDecimal.TEN));
        beans.registerSingleton("facts", new DwellingFacts(store, enrolments, clock));
        beans.registerSingleton("releases", folders);
        return new Advice(
                data,
                beans.getBeanProvider(Prices.class),
                beans.getBeanProvider(Billing.class),
                beans.getBeanProvider(DegreeDays.class),
                beans.getBeanProvider(DwellingFacts.class),
                beans.getBeanProvider(ReleaseFolders.class),
                BASE,
                properties);
    }

    @Test
    void anElectricallyHeatedHomeAboveItsDistrictPerDegreeDayGetsTheSavingOfReachingIt() throws Exception {
        List<Advice.Tip> tips = besideTheDistrict(DEFAULTS).of("alice");

        Advice.Tip tip = tips.stream()
                .filter(t -> t.kind().equals("degree-days"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no degree-day tip in " + tips));
        // 153 days of May to September at 6 kWh, 212 others at 16: 4 310 kWh over 3 650 degree-days
        assertThat(tip.fluid()).isEqualTo("electricity");
        assertThat(tip.numbers().get(0).setScale(4, RoundingMode.HALF_UP)).isEqualByComparingTo("1.1808");
        assertThat(tip.numbers().get(1)).as("the district's home").isEqualByComparingTo("0.5");
        assertThat(tip.numbers().get(3)).as("degree-days").isEqualByComparingTo("3650");
        assertThat(tip.saving())
                .as("4 310 − 0.5 × 3 650")
                .isCloseTo(new BigDecimal("2485"), within(new BigDecimal("1e-9")));
    }

    @Test
    void withinTheConfiguredMarginOfItsDistrictNoDegreeDayTip() throws Exception {
        // 136 % above the district; a margin of 200 %
        AdviceProperties lenient = new AdviceProperties(
                DEFAULTS.heatingSavingPerDegree(),
                DEFAULTS.heatingMinimum(),
                DEFAULTS.hotWaterSaving(),
                DEFAULTS.hotWaterMinimumShare(),
                DEFAULTS.baseLoadReference(),
                DEFAULTS.shiftableShare(),
                DEFAULTS.shiftableSource(),
                DEFAULTS.peakMinimumEuros(),
                new BigDecimal("2"));
        assertThat(besideTheDistrict(lenient).of("alice"))
                .extracting(Advice.Tip::kind)
                .containsExactly("heating");
    }

    @Test
    void underPeakAndOffPeakHoursTheShiftablePartOfThePeakHoursIsWorthThePriceDifferenceAndNoKwh() {
        Advice advice = household(0);
        // 30 days of 1 kWh every hour: 16 of the 24 in peak hours (off-peak 22:00-06:00)
        List<Point> flat = hours(LocalDate.of(2026, 11, 1), 30, h -> true, "1");

        Billing hphc = billing("hphc", null);
        Advice.Tip tip = advice.peakHours(A, "kWh", flat, hphc, hphc.tariffs().contract())
                .orElseThrow();

        assertThat(tip.kind()).isEqualTo("peak-hours");
        assertThat(tip.numbers().get(0)).as("kWh read").isEqualByComparingTo("720");
        assertThat(tip.numbers().get(1)).as("kWh in peak hours").isEqualByComparingTo("480");
        assertThat(tip.numbers().get(2).setScale(1, RoundingMode.HALF_UP))
                .as("% in peak hours")
                .isEqualByComparingTo("66.7");
        assertThat(tip.numbers().get(3)).as("15 % of them shiftable").isEqualByComparingTo("72");
        // 72 kWh × (0.2142 − 0.1589) € of the hphc file from August 2026
        assertThat(tip.euros()).isEqualByComparingTo("3.9816");
        assertThat(tip.saving()).as("moving use in time saves no kWh").isEqualByComparingTo("0");
        assertThat(tip.kgCo2e()).isEqualByComparingTo("0");
    }

    @Test
    void noPeakHourTipWhenTheHoursAreAllOffPeakOrTheOptionIsBase() {
        Advice advice = household(0);
        List<Point> nights = hours(LocalDate.of(2026, 11, 1), 30, h -> h < 6 || h >= 22, "1");
        Billing hphc = billing("hphc", null);
        assertThat(advice.peakHours(A, "kWh", nights, hphc, hphc.tariffs().contract()))
                .isEmpty();
        List<Point> flat = hours(LocalDate.of(2026, 11, 1), 30, h -> true, "1");
        assertThat(advice.peakHours(A, "kWh", flat, hphc, Tariffs.Contract.parse("base", null)))
                .isEmpty();
    }

    @Test
    void tempoRedDaysCostAgainstBlueDaysAndTheirShiftablePeakHoursSaving() throws Exception {
        Path calendar = java.nio.file.Files.writeString(
                dir.resolve("tempo.csv"),
                "# test calendar\ndate;colour\n2026-12-01;ROUGE\n2026-12-02;ROUGE\n2026-12-03;ROUGE\n"
                        + "2026-12-04;ROUGE\n2026-12-05;BLEU\n");
        Advice advice = household(0);

        Billing tempo = billing("tempo", calendar.toUri().toString());
        Advice.Tip tip = advice.tempoRedDays(
                        A, "kWh", days(LocalDate.of(2026, 12, 1), 5, "10"), tempo, tempo.contract("alice", A))
                .orElseThrow();

        assertThat(tip.kind()).isEqualTo("tempo-red");
        assertThat(tip.numbers().get(0)).as("red days").isEqualByComparingTo("4");
        assertThat(tip.numbers().get(1)).as("their kWh").isEqualByComparingTo("40");
        // a day: 7 kWh peak, 3 off-peak (daily off-peak share 0.3); red 0.7295 / 0.1615, blue 0.1654 / 0.1356
        assertThat(tip.numbers().get(2)).as("cost, red").isEqualByComparingTo("22.364"); // 4 × 5.591
        assertThat(tip.numbers().get(3)).as("cost at blue prices").isEqualByComparingTo("6.2584"); // 4 × 1.5646
        // 15 % of 4 × 7 kWh moved from 0.7295 to 0.1615
        assertThat(tip.euros()).isEqualByComparingTo("2.3856");
        assertThat(tip.saving()).isEqualByComparingTo("0");
    }

    @Test
    void noTempoTipWithoutRedDaysOrOutsideTempo() throws Exception {
        Path calendar = java.nio.file.Files.writeString(
                dir.resolve("tempo.csv"), "date;colour\n2026-12-01;BLEU\n2026-12-02;BLANC\n");
        Advice advice = household(0);
        Billing tempo = billing("tempo", calendar.toUri().toString());
        List<Point> days = days(LocalDate.of(2026, 12, 1), 2, "10");
        assertThat(advice.tempoRedDays(A, "kWh", days, tempo, tempo.tariffs().contract()))
                .isEmpty();
        // the same days under another option of the household's
        assertThat(advice.tempoRedDays(A, "kWh", days, tempo, Tariffs.Contract.parse("hphc", "22:00-06:00")))
                .isEmpty();
    }

    @Test
    void aboveTheDistrictPerDegreeDayByMoreThanTheMarginTheSavingIsReachingIt() {
        // 3 000 kWh over 2 000 degree-days: 1.5 a degree-day against the district's 1.0
        List<BigDecimal> n = Advice.aboveDistrict(
                        new BigDecimal("3000"), new BigDecimal("2000"), BigDecimal.ONE, new BigDecimal("0.2"))
                .orElseThrow();
        assertThat(n.get(0)).isEqualByComparingTo("1.5");
        assertThat(n.get(1)).isEqualByComparingTo("1");
        assertThat(n.get(2)).as("% above").isEqualByComparingTo("50");
        assertThat(n.get(3)).isEqualByComparingTo("2000");
        assertThat(n.get(4)).as("0.5 a degree-day over 2 000").isEqualByComparingTo("1000");
    }

    @Test
    void withinTheMarginOfTheDistrictOrWithoutDegreeDaysNoDegreeDayTip() {
        // 15 % above, the margin is 20 %
        assertThat(Advice.aboveDistrict(
                        new BigDecimal("2300"), new BigDecimal("2000"), BigDecimal.ONE, new BigDecimal("0.2")))
                .isEmpty();
        assertThat(Advice.aboveDistrict(new BigDecimal("2300"), BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("0.2")))
                .isEmpty();
    }

    @Test
    void aFluidHeatsTheDwellingOfItsHeatingSystemGasAndHeatWhenNotKnown() {
        assertThat(Advice.heats("electric", "electricity")).isTrue();
        assertThat(Advice.heats("electric", "gas")).isFalse();
        assertThat(Advice.heats("district-heating", "heat")).isTrue();
        assertThat(Advice.heats(null, "gas")).isTrue();
        assertThat(Advice.heats(null, "electricity")).isFalse();
        assertThat(Advice.heats("wood", "electricity")).isFalse();
    }
}
