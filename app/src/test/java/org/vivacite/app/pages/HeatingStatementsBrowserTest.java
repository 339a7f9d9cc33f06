package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.triplestore.QuadStore;

/**
 * A building manager's heating statements on the real server over loopback: a building of three
 * dwellings with heat cost allocators and floor areas, four days of their units, one household that
 * shares its data with the manager, one that does not, one dwelling no one enrolled in. Over HTTP the
 * manager gets the CSV and each dwelling's PDF, whose amounts agree and sum to the cost to the cent,
 * with no unshared units in them; another manager, a citizen and a visitor get nothing. In a real
 * browser (Debian's Chromium) the manager fills the form and reads the summary and the statements;
 * a bad cost is refused on the page with the form kept; axe-core finds no serious or critical WCAG
 * 2.1 AA violation; a 360-pixel phone scrolls nothing sideways but the statements' table.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class HeatingStatementsBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate FIRST = LocalDate.now(PARIS).minusDays(10);
    private static final LocalDate LAST = FIRST.plusDays(3);
    private static final String COST = "1234.57";
    /** Allocator id → dwelling, floor area (m²), units on the first day (one more each next day). */
    private static final Map<String, String> ALLOCATORS = new LinkedHashMap<>();

    static {
        ALLOCATORS.put("80000001", "LOG-H1,60,100");
        ALLOCATORS.put("80000002", "LOG-H2,40,2717"); // 10 874 units in the four days: no one may see them
        ALLOCATORS.put("80000003", "LOG-H3,50,7771"); // 31 090 units, no one enrolled
    }

    @TempDir
    static Path data;

    static int port;
    static Map<String, String> keys = new LinkedHashMap<>();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
    }

    /**
     * The allocators registered in BAT-H, their days of units and their dwellings' floor areas in
     * the private store; Hugo lives in LOG-H1 and shares his data with the manager, Ines in LOG-H2
     * and shares nothing; Mia manages BAT-H, Max manages nothing.
     */
    @BeforeAll
    static void buildingWithAllocators(
            @Autowired Accounts accounts,
            @Autowired IngestPipeline pipeline,
            @Autowired ObservationMapper mapper,
            @Autowired StoreEnrolments enrolments,
            @Autowired BuildingAssignments assignments,
            @Autowired @PrivateStore QuadStore store) {
        StringBuilder csv = new StringBuilder(String.join(",", MeterCsv.COLUMNS)).append('\n');
        ALLOCATORS.forEach((id, row) -> csv.append(id)
                .append(",Techem,heat,")
                .append(row.split(",")[0])
                .append(",heat-cost-allocator,heatCostAllocation,wmbus,BAT-H,,P1D,,,gw-1,,\n"));
        pipeline.register(MeterCsv.parse(csv.toString(), "test"));
        var consumed = mapper.quantities().get("heatCostAllocationConsumed");
        List<Quad> quads = new ArrayList<>();
        Map<String, String> dwellings = new LinkedHashMap<>();
        ALLOCATORS.forEach((id, row) -> {
            String[] f = row.split(",");
            MeterNodes n = pipeline.registry().all().stream()
                    .filter(m -> m.meterId().equals(id))
                    .map(mapper::nodes)
                    .findFirst()
                    .orElseThrow();
            String dwelling = n.featureOfInterest().getURI();
            dwellings.put(f[0], dwelling);
            keys.put(f[0], dwelling.substring(dwelling.lastIndexOf('/') + 1));
            quads.add(Quad.create(
                    n.graph(),
                    n.featureOfInterest(),
                    NodeFactory.createURI(Namespaces.VC + "floorArea"),
                    NodeFactory.createLiteralDT(f[1], XSDDatatype.XSDdecimal)));
            for (int d = 0; d < 4; d++) {
                mapper.consumption(
                        n,
                        consumed,
                        FIRST.plusDays(d).atStartOfDay(PARIS).toInstant(),
                        FIRST.plusDays(d + 1).atStartOfDay(PARIS).toInstant(),
                        new BigDecimal(f[2]).add(BigDecimal.valueOf(d)),
                        false,
                        List.of(),
                        quads::add);
            }
        });
        store.add(quads);
        accounts.put("mia", "Mia Gestion", Set.of(Role.MANAGER), PASSWORD);
        accounts.put("max", "Max Syndic", Set.of(Role.MANAGER), PASSWORD);
        accounts.put("hugo", "Hugo", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("ines", "Ines", Set.of(Role.CITIZEN), PASSWORD);
        Instant movedIn = FIRST.minusDays(30).atStartOfDay(PARIS).toInstant();
        for (var home : Map.of("hugo", "LOG-H1", "ines", "LOG-H2").entrySet()) {
            String code = enrolments
                    .generate(List.of(dwellings.get(home.getValue())), Duration.ofDays(1), movedIn)
                    .get(0)
                    .code();
            enrolments.redeem(home.getKey(), code);
        }
        pipeline.consents()
                .give("hugo", dwellings.get("LOG-H1"), Purpose.SHARE_WITH_BUILDING_MANAGER, null, movedIn, null);
        String building = mapper.base() + "id/building/BAT-H";
        assertThat(assignments.assign("mia", List.of(building))).containsExactly(building);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String query() {
        return "?building=BAT-H&device=heat-cost-allocation&from=" + FIRST + "&to=" + LAST + "&cost=" + COST;
    }

    /** A client logged in as the user: the login form posted, the OIDC flow followed, the session's cookie kept. */
    private static HttpClient session(String user) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> in = client.send(
                HttpRequest.newBuilder(page.uri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(in.uri().getPath()).as("back home, logged in").isEqualTo("/");
        return client;
    }

    private static HttpResponse<byte[]> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofMinutes(1))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theManagerGetsACsvAndPdfsThatAgreeAndSumToTheCostWithoutUnsharedUnits() throws Exception {
        HttpClient mia = session("mia");
        HttpResponse<byte[]> csv = get(mia, "/manager/heating/statements.csv" + query());
        assertThat(csv.statusCode())
                .as(new String(csv.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String[]> rows = new String(csv.body(), StandardCharsets.UTF_8)
                .lines()
                .skip(1)
                .map(l -> l.split(",", -1))
                .toList();
        assertThat(rows).hasSize(4);
        // dwelling, units, total: Hugo's units shown (100 + 101 + 102 + 103), Ines's and the empty one's not
        Map<String, String[]> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r[4], r));
        assertThat(byKey.get(keys.get("LOG-H1"))[7]).isEqualTo("406");
        assertThat(byKey.get(keys.get("LOG-H2"))[7]).isEmpty();
        assertThat(byKey.get(keys.get("LOG-H3"))[7]).isEmpty();
        assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                .doesNotContain("10874")
                .doesNotContain("31090");
        String[] total = byKey.get("total");
        assertThat(total[11]).isEqualTo(COST);
        BigDecimal sum = BigDecimal.ZERO;
        for (var e : keys.entrySet()) {
            String[] row = byKey.get(e.getValue());
            sum = sum.add(new BigDecimal(row[11]));
            // the dwelling's PDF says the amount the CSV says
            HttpResponse<byte[]> pdf =
                    get(mia, "/manager/heating/statement.pdf" + query() + "&dwelling=" + e.getValue() + "&lang=en");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            String text;
            try (var doc = Loader.loadPDF(pdf.body())) {
                text = new PDFTextStripper().getText(doc);
            }
            assertThat(text)
                    .as(e.getKey())
                    .contains("Dwelling: " + e.getValue())
                    .contains("Amount due: "
                            + new BigDecimal(row[11]).toPlainString().replaceAll("(\\d)(?=(\\d{3})+\\.)", "$1,") + " €")
                    .doesNotContain("10,874")
                    .doesNotContain("31,090");
            assertThat(text.contains("Consumption not shown"))
                    .as(e.getKey())
                    .isEqualTo(!e.getKey().equals("LOG-H1"));
        }
        assertThat(sum).isEqualByComparingTo(COST);
    }

    @Test
    void anotherManagerACitizenAndAVisitorGetNothing() throws Exception {
        HttpClient max = session("max");
        assertThat(get(max, "/manager/heating/statements.csv" + query()).statusCode())
                .isEqualTo(403);
        assertThat(get(max, "/manager/heating/statement.pdf" + query() + "&dwelling=" + keys.get("LOG-H1"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<byte[]> page = get(max, "/manager/heating" + query());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).doesNotContain("406");
        HttpClient hugo = session("hugo");
        assertThat(get(hugo, "/manager/heating" + query()).statusCode()).isEqualTo(403);
        assertThat(get(hugo, "/manager/heating/statements.csv" + query()).statusCode())
                .isEqualTo(403);
        HttpClient visitor = HttpClient.newHttpClient(); // follows no redirect
        HttpResponse<byte[]> anonymous = get(visitor, "/manager/heating/statements.csv" + query());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    /** French numbers' spaces (narrow or not, non-breaking) as plain ones. */
    private static String spaced(String text) {
        return text.replaceAll("[\u00a0\u202f]", " ");
    }

    private static void logIn(Chromium browser) {
        browser.driver.get(url("/login"));
        browser.driver.findElement(By.id("username")).sendKeys("mia");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        browser.waitForPage(url("/"));
    }

    @Test
    void theManagerIssuesTheStatementsFromTheFormInFrenchAndABadCostIsRefusedOnThePage() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            // the header leads a manager to the page
            browser.driver
                    .findElement(By.cssSelector("header.site nav a[href='/manager/heating']"))
                    .click();
            browser.waitForPage(url("/manager/heating"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Individualisation des frais de chauffage");
            browser.driver.executeScript(
                    "arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
                    browser.driver.findElement(By.id("from")),
                    FIRST.toString(),
                    browser.driver.findElement(By.id("to")),
                    LAST.toString());
            browser.driver.findElement(By.id("cost")).sendKeys("1234,57");
            browser.driver
                    .findElement(By.cssSelector("form.heating-form button"))
                    .click();
            browser.waitForPage(url("/manager/heating?building=BAT-H&device=heat-cost-allocation&from=" + FIRST + "&to="
                    + LAST + "&cost=1234%2C57"));
            assertThat(spaced(browser.driver
                            .findElement(By.id("statements-total"))
                            .getText()))
                    .isEqualTo("1 234,57 €");
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.statements tbody tr"));
            assertThat(rows).hasSize(3);
            String statements = browser.driver
                    .findElement(By.cssSelector("table.statements tbody"))
                    .getText();
            assertThat(statements).contains("406,00").contains("non affichée");
            assertThat(statements.replaceAll("[\\s\u00a0\u202f]", ""))
                    .doesNotContain("10874")
                    .doesNotContain("31090");
            assertThat(browser.driver.findElements(By.cssSelector("table.statements a[href*='statement.pdf']")))
                    .hasSize(3);
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.size(1280, 1500); // the summary and the statements in one picture
            browser.screenshot("heating-statements");

            browser.driver.get(url("/manager/heating?building=BAT-H&from=" + FIRST + "&to=" + LAST + "&cost=douze"));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=alert]"))
                            .getText())
                    .isEqualTo("Demande refusée : cost: 'douze' is not an amount of euros (12500.00)");
            assertThat(browser.driver.findElement(By.id("cost")).getDomProperty("value"))
                    .isEqualTo("douze");
            assertThat(browser.driver.findElements(By.cssSelector("table.statements")))
                    .isEmpty();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();

            browser.size(360, 740);
            browser.driver.get(url("/manager/heating" + query()));
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue())
                    .as("pixels beyond the screen's width")
                    .isLessThanOrEqualTo(0);
        }
    }
}
