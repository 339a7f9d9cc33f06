package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The bill page in a real browser (Debian's Chromium) on the real server over loopback: a citizen
 * enrolled in a dwelling whose Linky meter has four days of consumption logs in and sees their
 * electricity bill at the shipped base tariff, in French and in English; a wrong period is refused
 * on the page with the form kept; she gives her tariff option (a wrong one refused with the form
 * kept) and her bill is priced with it; a 360-pixel phone scrolls nothing sideways; axe-core finds
 * no serious or critical WCAG 2.1 AA violation.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MoneyPageBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Four days ending the day before yesterday, all within the tariff of 1 August 2026 or later. */
    private static final LocalDate FIRST = LocalDate.now(PARIS).minusDays(5);

    private static final String LINKY = "18620801131799";

    @TempDir
    static Path data;

    static int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
    }

    /** Camille's dwelling and meter, 12 kWh a day from {@link #FIRST} for four days, enrolled since the first. */
    @BeforeAll
    static void citizenWithData(
            @Autowired Accounts accounts,
            @Autowired IngestPipeline pipeline,
            @Autowired ObservationMapper mapper,
            @Autowired @Qualifier("privateRollups") MeterDayRollups rollups,
            @Autowired StoreEnrolments enrolments) {
        accounts.put("camille", "Camille Martin", Set.of(Role.CITIZEN), PASSWORD);
        pipeline.register(MeterCsv.parse(
                String.join(",", MeterCsv.COLUMNS) + "\n" + LINKY
                        + ",Sagemcom,electricity,DW-CAMILLE,linky,electricityEnergyWithdrawn,tic,EX4MP1E2B1DG,,P1D,,,gw-1,,\n",
                "test"));
        MeterNodes meter = pipeline.registry().all().stream()
                .filter(m -> m.meterId().equals(LINKY))
                .map(mapper::nodes)
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < 4; i++) {
            rollups.write(day(meter, FIRST.plusDays(i), "12"));
        }
        rollups.flush();
        String code = enrolments
                .generate(
                        List.of(meter.featureOfInterest().getURI()),
                        Duration.ofDays(30),
                        FIRST.atStartOfDay(PARIS).toInstant())
                .get(0)
                .code();
        enrolments.redeem("camille", code);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void logIn(Chromium browser) {
        browser.driver.get(url("/login"));
        browser.driver.findElement(By.id("username")).sendKeys("camille");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        browser.waitForPage(url("/"));
    }

    private static String bill(LocalDate from, LocalDate to) {
        return "/me/bill?fluid=electricity&from=" + from + "&to=" + to;
    }

    @Test
    void theCitizenSeesHerElectricityBillLineByLineInFrenchAndEnglish() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            browser.driver.get(url(bill(FIRST, FIRST.plusDays(3))));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Ce que coûte et émet ma consommation");
            assertThat(browser.driver
                            .findElement(By.cssSelector("nav.me a[aria-current=page]"))
                            .getDomAttribute("href"))
                    .isEqualTo("/me/bill");
            List<String> rows = browser.driver.findElements(By.cssSelector(".bill tbody tr th")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(rows).containsExactly("Abonnement", "Consommation · base");
            // 48 kWh at 0.2001 €/kWh = 9.60 €; 4 days of 190.32 €/year = 2.09 €
            assertThat(browser.driver.findElement(By.cssSelector(".bill tbody")).getText())
                    .contains("48,00 kWh")
                    .contains("9,60 €")
                    .contains("2,09 €");
            assertThat(browser.driver
                            .findElement(By.cssSelector(".bill tr.total"))
                            .getText())
                    .isEqualTo("Total TTC 11,69 €");
            assertThat(browser.driver
                            .findElement(By.cssSelector(".bill .carbon"))
                            .getText())
                    .startsWith("Émissions : 3,79 kg CO2e"); // 48 × 0.079
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("bill");

            browser.driver.get(url(bill(FIRST, FIRST.plusDays(3)) + "&lang=en"));
            assertThat(browser.driver
                            .findElement(By.cssSelector(".bill caption"))
                            .getText())
                    .startsWith("Estimated electricity bill from");
            assertThat(browser.driver
                            .findElement(By.cssSelector(".bill tr.total"))
                            .getText())
                    .isEqualTo("Total incl. taxes 11.69 €");
        }
    }

    @Test
    void aPeriodEndingBeforeItBeginsIsRefusedOnThePageWithTheFormKept() throws Exception {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            browser.driver.get(url("/me/bill"));
            // the date pickers' typing depends on the browser's locale: the values are set as a picker would
            browser.driver.executeScript(
                    "arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
                    browser.driver.findElement(By.id("from")),
                    FIRST.plusDays(3).toString(),
                    browser.driver.findElement(By.id("to")),
                    FIRST.toString());
            browser.driver.findElement(By.cssSelector("form.bill-form button")).click();
            browser.waitForPage(url(bill(FIRST.plusDays(3), FIRST)));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=alert]"))
                            .getText())
                    .isEqualTo("Demande refusée : to: " + FIRST + " is before from: " + FIRST.plusDays(3));
            assertThat(browser.driver.findElement(By.id("from")).getDomProperty("value"))
                    .isEqualTo(FIRST.plusDays(3).toString());
            assertThat(browser.driver.findElements(By.cssSelector(".bill"))).isEmpty();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        }
        // without a session, the page is not shown: the login is
        HttpResponse<Void> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url(bill(FIRST, FIRST))))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void theCitizenGivesHerTariffOptionARefusedOneKeptInTheFormAndHerBillIsPricedWithIt() throws IOException {
        try (Chromium browser = new Chromium("en")) {
            logIn(browser);
            browser.driver.get(url(bill(FIRST, FIRST.plusDays(3)) + "&lang=en"));
            new Select(browser.driver.findElement(By.id("option-1"))).selectByValue("hphc");
            WebElement hours = browser.driver.findElement(By.id("hours-1"));
            hours.clear();
            hours.sendKeys("22:00-05:00");
            browser.driver
                    .findElement(By.cssSelector("form.contract-form button"))
                    .click();
            browser.waitForPage(url("/me/bill/contract"));
            assertThat(browser.driver
                            .findElement(By.cssSelector("form.contract-form [role=alert]"))
                            .getText())
                    .isEqualTo("Request refused: offPeakHours: '22:00-05:00' make 7 h 0 min;"
                            + " a delivery point has 8 off-peak hours a day");
            assertThat(browser.driver.findElement(By.id("hours-1")).getDomProperty("value"))
                    .isEqualTo("22:00-05:00");
            assertThat(new Select(browser.driver.findElement(By.id("option-1")))
                            .getFirstSelectedOption()
                            .getDomAttribute("value"))
                    .isEqualTo("hphc");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();

            hours = browser.driver.findElement(By.id("hours-1"));
            hours.clear();
            hours.sendKeys("22:00-06:00");
            browser.driver
                    .findElement(By.cssSelector("form.contract-form button"))
                    .click();
            browser.waitForPage(url("/me/bill?fluid=electricity&contract&from=" + FIRST + "&to=" + FIRST.plusDays(3)));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=status]"))
                            .getText())
                    .startsWith("Your tariff option is saved");
            assertThat(browser.driver.findElement(By.cssSelector(".bill > p")).getText())
                    .isEqualTo("Peak / off-peak option, subscribed power 6 kVA.");
            // daily amounts only: 30 % off-peak, as the configuration estimates
            assertThat(browser.driver.findElements(By.cssSelector(".bill tbody tr th")).stream()
                            .map(WebElement::getText)
                            .toList())
                    .containsExactly("Subscription", "Consumption · off-peak hours", "Consumption · peak hours");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("bill-contract");

            // back to the configured base option, which the other tests price with
            new Select(browser.driver.findElement(By.id("option-1"))).selectByValue("base");
            browser.driver
                    .findElement(By.cssSelector("form.contract-form button"))
                    .click();
            browser.waitForPage(url("/me/bill?fluid=electricity&contract&from=" + FIRST + "&to=" + FIRST.plusDays(3)));
            assertThat(browser.driver.findElement(By.cssSelector(".bill > p")).getText())
                    .startsWith("Base option");
        }
    }

    @Test
    void onA360PixelPhoneNothingScrollsSideways() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            browser.size(360, 740);
            browser.driver.get(url(bill(FIRST, FIRST.plusDays(3))));
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue())
                    .as("pixels beyond the screen's width")
                    .isLessThanOrEqualTo(0);
            browser.screenshot("bill-phone");
        }
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    /** A day's electricity consumption of the meter, as the ingest writes it. */
    private static List<Quad> day(MeterNodes m, LocalDate day, String kwh) {
        Instant start = day.atStartOfDay(PARIS).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(PARIS).toInstant();
        String base = m.node().getURI().substring(0, m.node().getURI().indexOf("/id/") + 1);
        Node g = m.graph();
        Node obs = iri(base + "obs/" + m.pseudonym() + "/electricityEnergyConsumed/" + start + "/P1D");
        Node interval = iri(base + "id/interval/" + start + "/P1D");
        List<Quad> q = new ArrayList<>();
        q.add(Quad.create(g, obs, RDF.type.asNode(), iri(Namespaces.SOSA + "Observation")));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "madeBySensor"), m.node()));
        q.add(Quad.create(
                g, obs, iri(Namespaces.SOSA + "observedProperty"), iri(Namespaces.VC + "electricityEnergyConsumed")));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "hasFeatureOfInterest"), m.featureOfInterest()));
        q.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(kwh, XSDDatatype.XSDdecimal)));
        q.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "resultTime"),
                NodeFactory.createLiteralDT(end.toString(), XSDDatatype.XSDdateTime)));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "phenomenonTime"), interval));
        q.add(Quad.create(g, interval, iri(Namespaces.TIME + "hasBeginning"), iri(base + "id/instant/" + start)));
        q.add(Quad.create(g, interval, iri(Namespaces.TIME + "hasEnd"), iri(base + "id/instant/" + end)));
        for (Instant t : List.of(start, end)) {
            q.add(Quad.create(
                    g,
                    iri(base + "id/instant/" + t),
                    iri(Namespaces.TIME + "inXSDDateTimeStamp"),
                    NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp)));
        }
        return q;
    }
}
