package org.vivacite.portal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * Heating statements over a real LMDB private store: a building of three dwellings with heat cost
 * allocators and floor areas, four days of units each, households that share their data with the
 * manager or not. The split sums to the cost to the cent; a dwelling whose household does not share
 * over the whole period has its amounts but no units, on the page's data, in the CSV and in its PDF;
 * every dwelling read is in its access log.
 */
class HeatingStatementsTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final LocalDate D1 = LocalDate.of(2026, 3, 10);
    private static final LocalDate D4 = D1.plusDays(3);
    private static final String B1 = BASE + "id/building/B1";
    private static final String SOSA = Namespaces.SOSA;
    /** Dwelling key → floor area (m²), units on the first day (one more each next day). */
    private static final Map<String, int[]> DWELLINGS =
            Map.of("alice", new int[] {60, 1000}, "carol", new int[] {40, 2717}, "dan", new int[] {50, 333});

    @TempDir
    Path dir;

    QuadStore store;
    BuildingDataTest.MovingClock clock = new BuildingDataTest.MovingClock();
    Consents consents;
    StoreEnrolments enrolments;
    BuildingAssignments assignments;
    AccessLog log;
    BuildingData data;
    StatementDocuments documents;

    private static Instant day(int n) {
        return D1.plusDays(n).atStartOfDay(ZONE).toInstant();
    }

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        List<Quad> quads = new ArrayList<>();
        DWELLINGS.forEach((key, v) -> dwelling(quads, key, v[0], v[1]));
        store.add(quads);
        clock.now = day(0).minusSeconds(86_400);
        consents = new Consents(store, BASE, clock, new FinerData(store, QuantityRegistry.standard(), ZONE));
        enrolments = new StoreEnrolments(store, BASE, clock);
        assignments = new BuildingAssignments(store, BASE, clock);
        log = new AccessLog(store, BASE, clock);
        data = new BuildingData(
                store, assignments, consents, enrolments, log, QuantityRegistry.standard(), BASE, ZONE, clock);
        assignments.assign("mia", List.of(B1));
        for (String key : DWELLINGS.keySet()) {
            enrolments.redeem(
                    key,
                    enrolments
                            .generate(List.of(dwelling(key)), java.time.Duration.ofDays(1))
                            .get(0)
                            .code());
        }
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/heating");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        documents = new StatementDocuments(messages);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String dwelling(String key) {
        return BASE + "dwelling/" + key;
    }

    /** A dwelling of B1 in its graph, its floor area, its allocator and four days of its units. */
    private static void dwelling(List<Quad> out, String key, int area, int first) {
        Node g = iri(BASE + "graph/private/" + key);
        Node d = iri(dwelling(key));
        out.add(new Quad(g, d, RDF.type.asNode(), iri(Namespaces.VC + "Dwelling")));
        out.add(new Quad(g, d, iri(Namespaces.S4BLDG + "isSpaceOf"), iri(B1)));
        out.add(new Quad(
                g,
                d,
                iri(Namespaces.VC + "floorArea"),
                NodeFactory.createLiteralDT("" + area, XSDDatatype.XSDdecimal)));
        device(out, key, "hca", "heatCostAllocation", first);
    }

    /**
     * A device in a dwelling observing {@code quantity}, and four days of its consumption ({@code
     * quantity}Consumed): {@code first}, then one more each day.
     */
    private static void device(List<Quad> out, String key, String kind, String quantity, int first) {
        Node g = iri(BASE + "graph/private/" + key);
        Node d = iri(dwelling(key));
        Node device = iri(BASE + kind + "/" + key);
        out.add(new Quad(g, device, iri(Namespaces.S4BLDG + "isContainedIn"), d));
        out.add(new Quad(g, device, iri(SOSA + "observes"), iri(Namespaces.VC + quantity)));
        for (int n = 0; n < 4; n++) {
            Node o = iri(BASE + "obs/" + kind + "/" + key + "/" + n);
            Node interval = iri(BASE + "id/interval/" + day(n) + "/P1D");
            out.add(new Quad(g, o, iri(SOSA + "madeBySensor"), device));
            out.add(new Quad(g, o, iri(SOSA + "observedProperty"), iri(Namespaces.VC + quantity + "Consumed")));
            out.add(new Quad(g, o, iri(SOSA + "hasFeatureOfInterest"), d));
            out.add(new Quad(
                    g,
                    o,
                    iri(SOSA + "hasSimpleResult"),
                    NodeFactory.createLiteralDT("" + (first + n), XSDDatatype.XSDdecimal)));
            out.add(new Quad(g, o, iri(SOSA + "resultTime"), dateTime(day(n + 1))));
            out.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
            out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(g, day(n), out)));
            out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(g, day(n + 1), out)));
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

    private HeatingStatements statements(HeatingProperties properties) {
        return new HeatingStatements(data, properties);
    }

    private HeatingStatements.Statements issue(HeatingStatements s, String cost) {
        return s.issue("mia", "B1", "heat-cost-allocation", D1, D4, new BigDecimal(cost));
    }

    private static HeatingStatements.Statement of(HeatingStatements.Statements s, String key) {
        return s.statements().stream()
                .filter(x -> x.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void statementsSumToTheCostToTheCentAndFollowTheFormula() {
        clock.now = day(5);
        HeatingStatements.Statements s = issue(statements(HeatingProperties.defaults()), "1234.57");

        assertThat(s.total()).isEqualByComparingTo("1234.57");
        assertThat(s.commonCost()).isEqualByComparingTo("370.37"); // 30 % of 123 457 cents, half up
        assertThat(s.variableCost()).isEqualByComparingTo("864.20");
        assertThat(s.basisTotal()).isEqualByComparingTo("150");
        // the units: alice 4006, carol 10874, dan 1338 (16218 in all); each part within a cent of its quota
        for (var e : Map.of("alice", new int[] {60, 4006}, "carol", new int[] {40, 10874}, "dan", new int[] {50, 1338})
                .entrySet()) {
            HeatingStatements.Statement d = of(s, e.getKey());
            BigDecimal common = new BigDecimal("370.37")
                    .multiply(BigDecimal.valueOf(e.getValue()[0]))
                    .divide(new BigDecimal("150"), 6, java.math.RoundingMode.HALF_EVEN);
            BigDecimal variable = new BigDecimal("864.20")
                    .multiply(BigDecimal.valueOf(e.getValue()[1]))
                    .divide(new BigDecimal("16218"), 6, java.math.RoundingMode.HALF_EVEN);
            assertThat(d.common().subtract(common).abs()).as(e.getKey()).isLessThan(new BigDecimal("0.01"));
            assertThat(d.variable().subtract(variable).abs()).as(e.getKey()).isLessThan(new BigDecimal("0.01"));
            assertThat(d.total()).isEqualByComparingTo(d.common().add(d.variable()));
        }
    }

    @Test
    void unitsAreShownOnlyWhereTheHouseholdSharesThemOverTheWholePeriodAndEveryReadIsLogged() throws Exception {
        clock.now = day(5);
        consents.give("alice", dwelling("alice"), Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(0), null);
        // dan shares from the second day only: not the whole period
        consents.give("dan", dwelling("dan"), Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(1), null);

        HeatingStatements.Statements s = issue(statements(HeatingProperties.defaults()), "1000.00");

        assertThat(of(s, "alice").units()).isEqualByComparingTo("4006");
        assertThat(of(s, "carol").units()).isNull();
        assertThat(of(s, "dan").units()).isNull();
        assertThat(s.withheld()).isEqualTo(2);
        // carol's amount is computed from her units all the same: the largest variable part
        assertThat(of(s, "carol").variable()).isGreaterThan(of(s, "alice").variable());
        // her units appear in no file the manager gets
        String csv = new String(documents.csv(s), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("alice,floor-area,60,4006,1,")
                .doesNotContain("10874")
                .doesNotContain("1338");
        assertThat(csv.lines().filter(l -> l.contains(",carol,")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains(",floor-area,40,,1," + of(s, "carol").common().toPlainString())
                        .endsWith(",false"));
        String carol = pdfText(documents.pdf(s, of(s, "carol"), Locale.ENGLISH));
        assertThat(carol)
                .contains("Amount due: " + of(s, "carol").total().toPlainString() + " €")
                .contains("Consumption not shown")
                .doesNotContain("10874")
                .doesNotContain("10,874");
        String alice = pdfText(documents.pdf(s, of(s, "alice"), Locale.FRENCH));
        assertThat(alice).contains("4 006 unités de répartiteur").contains("Montant dû : ");
        // every dwelling read is in its access log, with the legal basis
        for (String key : DWELLINGS.keySet()) {
            assertThat(log.of(List.of(dwelling(key)), Instant.EPOCH))
                    .as(key)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.reader()).isEqualTo(new AccessLog.Reader("mia", "manager"));
                        assertThat(e.what()).contains("heat-cost-allocation");
                        assertThat(e.why()).contains("legal obligation").contains("R.174-10");
                    });
        }
    }

    @Test
    void coefficientsAndSharesComeFromTheConfiguration() {
        clock.now = day(5);
        HeatingProperties byShares = new HeatingProperties(
                new BigDecimal("0.50"),
                HeatingProperties.SHARES,
                Map.of("alice", new BigDecimal("500"), "carol", new BigDecimal("300"), "dan", new BigDecimal("200")),
                Map.of("carol", new BigDecimal("0.5")));

        HeatingStatements.Statements s = issue(statements(byShares), "1000.00");

        assertThat(s.commonBasis()).isEqualTo("shares");
        assertThat(s.basisTotal()).isEqualByComparingTo("1000");
        assertThat(of(s, "alice").common()).isEqualByComparingTo("250.00");
        assertThat(of(s, "carol").common()).isEqualByComparingTo("150.00");
        assertThat(of(s, "carol").coefficient()).isEqualByComparingTo("0.5");
        // variable 500 € by 4006, 10874 × 0.5 = 5437 and 1338: 10 781 weighted units, 252.157… € for carol
        assertThat(of(s, "carol").variable()).isEqualByComparingTo("252.16");
        assertThat(s.total()).isEqualByComparingTo("1000.00");
    }

    @Test
    void heatMetersSplitTheVariablePartByTheirKilowattHoursNotTheAllocatorsUnits() {
        // heat meters beside the allocators: alice 10 kWh a day (46 in all), carol 0 (6), dan 30 (126)
        List<Quad> quads = new ArrayList<>();
        device(quads, "alice", "heat", "heatEnergy", 10);
        device(quads, "carol", "heat", "heatEnergy", 0);
        device(quads, "dan", "heat", "heatEnergy", 30);
        store.add(quads);
        clock.now = day(5);
        consents.give("dan", dwelling("dan"), Purpose.SHARE_WITH_BUILDING_MANAGER, null, day(0), null);

        HeatingStatements.Statements s =
                statements(HeatingProperties.defaults()).issue("mia", "B1", "heat", D1, D4, new BigDecimal("178.00"));

        assertThat(s.device()).isEqualTo("heat");
        assertThat(of(s, "dan").units()).isEqualByComparingTo("126");
        // variable 124.60 € by 46, 6, 126 kWh (178): 32.20, 4.20, 88.20
        assertThat(s.variableCost()).isEqualByComparingTo("124.60");
        assertThat(of(s, "alice").variable()).isEqualByComparingTo("32.20");
        assertThat(of(s, "carol").variable()).isEqualByComparingTo("4.20");
        assertThat(of(s, "dan").variable()).isEqualByComparingTo("88.20");
        assertThat(s.total()).isEqualByComparingTo("178.00");
    }

    @Test
    void refusesWhatCannotBeSplitNamingIt() {
        clock.now = day(5);
        HeatingStatements s = statements(HeatingProperties.defaults());
        // the days after the readings: no dwelling has any
        assertThatThrownBy(() ->
                        s.issue("mia", "B1", "heat-cost-allocation", D1.plusDays(4), D1.plusDays(6), BigDecimal.TEN))
                .isInstanceOf(ManagerException.class)
                .hasMessageContaining("3 of 3 dwellings have no heat-cost-allocation reading");
        assertThatThrownBy(() -> s.issue("mia", "B1", "steam", D1, D4, BigDecimal.TEN))
                .hasMessageStartingWith("device: 'steam'");
        assertThatThrownBy(() -> s.issue("mia", "B1", "heat-cost-allocation", D4, D1, BigDecimal.TEN))
                .hasMessageStartingWith("to: ");
        assertThatThrownBy(() -> s.issue("mia", "B2", "heat-cost-allocation", D1, D4, BigDecimal.TEN))
                .isInstanceOf(ManagerException.NotAssigned.class);
        assertThatThrownBy(() -> s.issue("olga", "B1", "heat-cost-allocation", D1, D4, BigDecimal.TEN))
                .isInstanceOf(ManagerException.NotAssigned.class);
        HeatingProperties sharesMissing =
                new HeatingProperties(new BigDecimal("0.30"), HeatingProperties.SHARES, Map.of(), Map.of());
        assertThatThrownBy(() -> issue(statements(sharesMissing), "10"))
                .hasMessageContaining("vivacite.heating.shares.")
                .hasMessageContaining("is not configured");
    }
}
