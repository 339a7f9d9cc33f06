package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.portal.consent.PersonalConsents;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.output.SimulationFolder;
import org.vivacite.simulator.tic.TicFrames;

/**
 * The citizen's dashboard and history in a real browser (Debian's Chromium), on a household of a
 * simulated city whose Linky box's frames of yesterday come in over HTTP while the dashboard is
 * open: the latest half hour appears without a reload; the history of yesterday, half hour by half
 * hour, is the simulated register's differences, in the table under the chart and in its CSV; axe-core
 * finds no serious or critical WCAG 2.1 AA violation on either page.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CitizenPagesBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String OPERATOR = "operator-token-0123456789abcdef";
    private static final String GATEWAY = "gateway-token-0123456789abcdef";
    private static final LocalDate YESTERDAY = LocalDate.now(DemoCity.ZONE).minusDays(1);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    @TempDir
    static Path data;

    @TempDir
    static Path city;

    static int port;
    static DemoCity demo;
    static Meter linky;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        registry.add("vivacite.security.operator-token", () -> OPERATOR);
        registry.add("vivacite.security.gateway-tokens.default", () -> GATEWAY);
        registry.add("vivacite.portal.dashboard.refresh", () -> "PT2S");
    }

    /** Ana lives in the dwelling of a Linky with a standard TIC box since yesterday, consenting to half hours. */
    @BeforeAll
    static void household(
            @Autowired Accounts accounts,
            @Autowired MeterRegistry registry,
            @Autowired ObservationMapper mapper,
            @Autowired StoreEnrolments enrolments,
            @Autowired PersonalConsents consents)
            throws Exception {
        demo = DemoCity.generate(3, 40, YESTERDAY, null);
        SimulationFolder.write(
                demo,
                city.resolve("out"),
                YESTERDAY.plusDays(1),
                Duration.ofMinutes(30),
                EnumSet.of(WireFormat.TIC),
                "default");
        linky = demo.fleet().meters().stream()
                .filter(m -> Payloads.hasTicBox(m) && Payloads.ticMode(m) == TicFrames.Mode.STANDARD)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the simulated city has no Linky with a standard TIC box"));
        HttpResponse<String> registered = Http.post(
                url("/admin/meters"),
                Files.readString(city.resolve("out/meters.csv")),
                "Authorization",
                "Bearer " + OPERATOR,
                "Content-Type",
                "text/csv");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String dwelling = mapper.nodes(registry.all().stream()
                        .filter(r -> r.meterId().equals(linky.id()))
                        .findFirst()
                        .orElseThrow())
                .featureOfInterest()
                .getURI();
        accounts.put("ana", "Ana Lopez", Set.of(Role.CITIZEN), PASSWORD);
        Instant movedIn = YESTERDAY.atStartOfDay(DemoCity.ZONE).toInstant();
        enrolments.redeem(
                "ana",
                enrolments
                        .generate(List.of(dwelling), Duration.ofDays(30), movedIn)
                        .get(0)
                        .code());
        consents.give("ana", dwelling, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The simulated register, kWh, at each half hour of yesterday and the midnight after: 49 values. */
    private static List<BigDecimal> register() {
        List<BigDecimal> values = new ArrayList<>();
        demo.simulation().run(YESTERDAY, YESTERDAY.plusDays(1), Duration.ofMinutes(30), (Reading r) -> {
            if (r.meter().index() == linky.index()) {
                values.add(r.value());
            }
        });
        return values;
    }

    private static void logIn(Chromium browser) {
        browser.driver.get(url("/login"));
        browser.driver.findElement(By.id("username")).sendKeys("ana");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        browser.waitForPage(url("/"));
    }

    private static String latest(Chromium browser) {
        return browser.driver
                .findElement(By.cssSelector("[data-live-latest] .reading"))
                .getText();
    }

    @Test
    @Order(1)
    void theDashboardShowsTheLatestHalfHourAsItArrivesWithoutAReload() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Ma consommation");
            assertThat(browser.driver.findElement(By.cssSelector(".fluid h3")).getText())
                    .isEqualTo("Électricité");
            assertThat(browser.driver
                            .findElement(By.cssSelector("[data-live-latest] .none"))
                            .isDisplayed())
                    .isTrue();
            browser.driver.executeScript("document.body.dataset.loadedOnce = 'yes';");

            byte[] frames = Files.readAllBytes(city.resolve("out/tic/" + linky.id() + ".tic"));
            HttpResponse<String> ingested = Http.post(url("/ingest/tic"), frames, "Authorization", "Bearer " + GATEWAY);
            assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(202);

            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(d -> d.findElement(By.cssSelector("[data-live-latest] .reading"))
                            .isDisplayed());
            assertThat(browser.driver.executeScript("return document.body.dataset.loadedOnce;"))
                    .as("the same page, not reloaded")
                    .isEqualTo("yes");
            List<BigDecimal> register = register();
            BigDecimal last = register.get(48).subtract(register.get(47));
            String lastHalfHour = YESTERDAY.atTime(23, 30).format(SHOWN) + " – "
                    + YESTERDAY.plusDays(1).atStartOfDay().format(SHOWN);
            assertThat(latest(browser))
                    .isEqualTo(String.format(java.util.Locale.FRENCH, "%.3f", last) + " kWh · " + lastHalfHour);

            browser.driver.navigate().refresh();
            browser.waitForPage(url("/"));
            assertThat(latest(browser)).endsWith(" kWh · " + lastHalfHour);
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("dashboard");
        }
    }

    @Test
    @Order(2)
    void yesterdaysHistoryInHalfHoursIsTheRegistersDifferencesInTheTableAndTheCsv() throws IOException {
        List<BigDecimal> register = register();
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            browser.driver.findElement(By.linkText("Historique")).click();
            browser.waitForPage(url("/me/history"));
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("view"))).selectByValue("day");
            WebElement date = browser.driver.findElement(By.id("date"));
            browser.driver.executeScript("arguments[0].value = arguments[1];", date, YESTERDAY.toString());
            browser.driver.findElement(By.cssSelector("form.inline button")).click();
            browser.waitForPage(url("/me/history?fluid=electricity&view=day&date=" + YESTERDAY));

            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#history-table tbody tr"));
            assertThat(rows).hasSize(48);
            for (int i = 0; i < 48; i++) {
                BigDecimal expected = register.get(i + 1).subtract(register.get(i));
                String shown = rows.get(i).findElements(By.tagName("td")).get(0).getDomAttribute("data-value");
                assertThat(new BigDecimal(shown)).as("half hour " + i).isEqualByComparingTo(expected);
            }
            assertThat(browser.driver.findElements(By.cssSelector("[data-chart=history] canvas")))
                    .as("the chart drawn above its table")
                    .isNotEmpty();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("history");

            String csvLink =
                    browser.driver.findElement(By.partialLinkText("CSV")).getDomAttribute("href");
            String cookie = browser.driver.manage().getCookieNamed("JSESSIONID").getValue();
            HttpResponse<String> csv = Http.get(url(csvLink), "Cookie", "JSESSIONID=" + cookie);
            assertThat(csv.statusCode()).isEqualTo(200);
            List<CSVRecord> records = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new java.io.StringReader(csv.body()))
                    .getRecords();
            assertThat(records).hasSize(48);
            BigDecimal day = register.get(48).subtract(register.get(0));
            assertThat(records.stream()
                            .map(r -> new BigDecimal(r.get("value")))
                            .reduce(BigDecimal.ZERO, BigDecimal::add)
                            .setScale(3, RoundingMode.HALF_UP))
                    .isEqualByComparingTo(day.setScale(3, RoundingMode.HALF_UP));
        }
    }

    @Test
    @Order(3)
    void aBadDayIsRefusedOnThePageNamingIt() {
        try (Chromium browser = new Chromium("en")) {
            logIn(browser);
            browser.driver.get(url("/me/history?view=day&date=31-12-2025"));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=alert]"))
                            .getText())
                    .isEqualTo("This history cannot be shown: date: '31-12-2025' is not a day (YYYY-MM-DD)");
            assertThat(browser.driver.findElement(By.id("view")).getDomProperty("value"))
                    .isEqualTo("day");
        }
    }

    @Test
    @Order(4)
    void withADayOfDataNoTipIsTriggeredAndThePageSaysWhatTheTipsNeed() throws IOException {
        try (Chromium browser = new Chromium("en")) {
            logIn(browser);
            browser.driver.findElement(By.linkText("Advice")).click();
            browser.waitForPage(url("/me/advice"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Advice to use less");
            assertThat(browser.driver.findElement(By.cssSelector("main .note")).getText())
                    .isEqualTo(
                            "None of the tips is triggered by your numbers for now. The heating and hot-water tips"
                                    + " need a year of daily readings, the standby and peak-hour tips your consent to fine data.");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("advice-empty");
        }
    }
}
