package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.jena.sparql.core.Quad;
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
import org.vivacite.app.Http;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Quantity;
import org.vivacite.portal.alerts.Alert;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.portal.incidents.Incidents;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.triplestore.QuadStore;

/**
 * The incidents page in a real browser, on the real server over loopback: a citizen logged in
 * through the embedded provider, enrolled in two dwellings the operator registered. The first's
 * household consents to half-hourly data (its registry row): its water is read hour by hour over
 * the last 30 days, and a 12-litre-an-hour leak runs for the last 10 of them, on a year-old
 * history, during which its meter reports its own leak alarm at each midnight; the second has daily
 * data only, of this month. The page shows the three ongoing incidents of the first with their
 * numbers and what to do, the meter's own alarm beside them with since when, and for the second why the leak and
 * abnormal rules could not run; in French and English, on a 360-pixel phone, with no serious
 * WCAG 2.1 AA violation found by axe-core.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class IncidentsPageBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String OPERATOR = "operator-token-0123456789abcdef";
    private static final LocalDate TODAY = LocalDate.now(DemoCity.ZONE);
    private static final LocalDate LEAK = TODAY.minusDays(10);

    @TempDir
    static Path data;

    static int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        registry.add("vivacite.security.operator-token", () -> OPERATOR);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @BeforeAll
    static void aCitizenWithALeak(
            @Autowired Accounts accounts,
            @Autowired MeterRegistry registry,
            @Autowired ObservationMapper mapper,
            @Autowired StoreEnrolments enrolments,
            @Autowired @PrivateStore QuadStore store) {
        HttpResponse<String> registered = Http.post(
                url("/admin/meters"),
                "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,wire_format,building,"
                        + "usage_point_id,consent,gateways\n"
                        + "900000000001,Itron,water,LOG-1,water-meter,waterVolume,csv,BAT-1,,PT30M,default\n"
                        + "900000000002,Itron,water,LOG-2,water-meter,waterVolume,csv,BAT-1,,P1D,default\n",
                "Authorization",
                "Bearer " + OPERATOR,
                "Content-Type",
                "text/csv");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        MeterNodes leaking = nodes(mapper, registry, "900000000001");
        MeterNodes daily = nodes(mapper, registry, "900000000002");
        Quantity consumed = mapper.quantities().get("waterVolumeConsumed");
        List<Quad> quads = new ArrayList<>();
        for (LocalDate d = TODAY.minusDays(30); d.isBefore(TODAY); d = d.plusDays(1)) {
            // 12 litres an hour from 06:00 to 23:00, nothing at night; the leak adds 12 every hour
            BigDecimal day = BigDecimal.ZERO;
            for (Instant from = start(d); from.isBefore(start(d.plusDays(1))); from = from.plus(Duration.ofHours(1))) {
                int h = from.atZone(DemoCity.ZONE).getHour();
                BigDecimal litres = BigDecimal.valueOf((h >= 6 && h < 23 ? 12 : 0) + (d.isBefore(LEAK) ? 0 : 12));
                day = day.add(litres);
                mapper.consumption(
                        leaking,
                        consumed,
                        from,
                        from.plus(Duration.ofHours(1)),
                        litres.movePointLeft(3),
                        false,
                        List.of(),
                        quads::add);
            }
            mapper.consumption(
                    leaking,
                    consumed,
                    start(d),
                    start(d.plusDays(1)),
                    day.movePointLeft(3),
                    false,
                    List.of(),
                    quads::add);
            mapper.consumption(
                    daily,
                    consumed,
                    start(d),
                    start(d.plusDays(1)),
                    new BigDecimal("0.2"),
                    false,
                    List.of(),
                    quads::add);
        }
        // last year, the same 30 days: 140 litres a day (the limit: twice that, 8 400 litres)
        for (LocalDate d = TODAY.minusDays(30).minusYears(1); d.isBefore(TODAY.minusYears(1)); d = d.plusDays(1)) {
            mapper.consumption(
                    leaking,
                    consumed,
                    start(d),
                    start(d.plusDays(1)),
                    new BigDecimal("0.14"),
                    false,
                    List.of(),
                    quads::add);
        }
        // the first dwelling's meter reports its own leak alarm at each midnight since the leak began,
        // with how long it has lasted in the meter's classes (8–14 days by today: 8 days at least)
        for (LocalDate d = LEAK.plusDays(1); !d.isAfter(TODAY); d = d.plusDays(1)) {
            mapper.observation(
                    leaking,
                    DecodedReading.at(
                            "900000000001",
                            "Itron",
                            "waterMeterLeakAlarm",
                            BigDecimal.valueOf(DataRecords.kamstrupLeakHours(Duration.between(start(LEAK), start(d)))),
                            start(d)),
                    null,
                    quads::add);
        }
        store.add(quads);
        accounts.put("camille", "Camille Martin", Set.of(Role.CITIZEN), PASSWORD);
        enrol(enrolments, mapper, registry, "900000000001", TODAY.minusDays(400));
        enrol(enrolments, mapper, registry, "900000000002", TODAY.minusDays(40));
    }

    private static Instant start(LocalDate d) {
        return d.atStartOfDay(DemoCity.ZONE).toInstant();
    }

    private static MeterNodes nodes(ObservationMapper mapper, MeterRegistry registry, String id) {
        return mapper.nodes(registry.all().stream()
                .filter(r -> r.meterId().equals(id))
                .findFirst()
                .orElseThrow());
    }

    private static void enrol(
            StoreEnrolments enrolments, ObservationMapper mapper, MeterRegistry registry, String meter, LocalDate in) {
        String dwelling = nodes(mapper, registry, meter).featureOfInterest().getURI();
        String code = enrolments
                .generate(List.of(dwelling), Duration.ofHours(1), start(in))
                .get(0)
                .code();
        enrolments.redeem("camille", code);
    }

    private static void logIn(Chromium browser) {
        browser.driver.get(url("/login"));
        browser.driver.findElement(By.id("username")).sendKeys("camille");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        browser.waitForPage(url("/"));
    }

    @Test
    void theLeakingDwellingShowsItsOngoingIncidentsWithTheirNumbersAndTheOtherWhyItCouldNotBeChecked()
            throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            browser.driver.get(url("/me/incidents"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Incidents : fuites et consommations anormales");
            assertThat(browser.driver
                            .findElement(By.cssSelector("nav.me a[aria-current=page]"))
                            .getDomAttribute("href"))
                    .isEqualTo("/me/incidents");
            assertThat(browser.driver
                            .findElement(By.cssSelector("nav.me a[aria-current=page]"))
                            .getText())
                    .isEqualTo("Incidents");
            List<WebElement> dwellings = browser.driver.findElements(By.cssSelector("section.dwelling"));
            assertThat(dwellings).hasSize(2);
            WebElement leaking = dwellings.stream()
                    .filter(s ->
                            !s.findElements(By.cssSelector("article.incident")).isEmpty())
                    .findFirst()
                    .orElseThrow();
            List<WebElement> incidents =
                    leaking.findElements(By.cssSelector("article.incident.current:not(.meter-flag)"));
            assertThat(incidents)
                    .extracting(a -> a.findElement(By.tagName("h3")).getText())
                    .containsExactlyInAnyOrder(
                            "Fuite : le compteur ne s’arrête jamais en 24 heures en cours",
                            "Fuite : débit de nuit élevé en cours",
                            "Consommation anormale en cours");
            String text = leaking.getText();
            // the numbers that triggered them: 12 L/h every hour and every night since the leak began
            assertThat(text)
                    .contains(
                            "(10 jour(s)), chaque heure de chaque jour a consommé de l’eau : jamais moins de 12 litres")
                    .contains("(10 nuits de suite), le débit moyen entre 01:00 et 05:00 est resté au-dessus de 5 litres"
                            + " par heure : au moins 12 litres par heure")
                    // 20 days of 204 litres and 10 of 492: 9 000 litres, against twice 30 × 140
                    .containsPattern("vous avez consommé 9.000 litres : plus que 8.400 litres")
                    .contains("Relevez l’index du compteur le soir");
            // what to do, once per kind: leak, abnormal consumption
            assertThat(leaking.findElements(By.tagName("h4")))
                    .extracting(WebElement::getText)
                    .containsExactly("Que faire ?", "Que faire ?");
            WebElement other =
                    dwellings.stream().filter(s -> s != leaking).findFirst().orElseThrow();
            assertThat(other.getText())
                    .contains("votre foyer ne consent pas aux données fines")
                    .contains("aucune de ces années n’est encore complète")
                    .contains("Aucun incident trouvé.");
            assertThat(other.findElement(By.cssSelector("a[href='/me/data']")).getText())
                    .isEqualTo("Mes données");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.size(1280, 2500); // the whole page in the screenshot
            browser.screenshot("incidents");
        }
    }

    @Test
    void theOngoingIncidentsAreTheCitizensAlertsOnePerRuleAndDwelling(@Autowired Incidents incidents) {
        String dwelling = incidents.reports("camille", Instant.now()).stream()
                .filter(r -> !r.incidents().isEmpty())
                .findFirst()
                .orElseThrow()
                .dwelling();
        List<Alert> alerts = incidents.alerts("camille", Instant.now());
        assertThat(alerts)
                .extracting(Alert::id, Alert::kind, Alert::messageKey)
                .containsExactlyInAnyOrder(
                        tuple("incidents/never-zero/" + dwelling, "leak", "incidents.alert.never-zero"),
                        tuple("incidents/night-flow/" + dwelling, "leak", "incidents.alert.night-flow"),
                        tuple("incidents/abnormal/" + dwelling, "abnormal", "incidents.alert.abnormal"),
                        tuple("incidents/meter-leak/" + dwelling, "meter-flag", "incidents.alert.meter.leak"));
        assertThat(alerts).allSatisfy(a -> assertThat(a.dwelling()).isEqualTo(dwelling));
        Alert night = alerts.stream()
                .filter(a -> a.id().contains("night-flow"))
                .findFirst()
                .orElseThrow();
        assertThat(night.since()).isEqualTo(start(LEAK));
        assertThat(night.arguments()).containsExactly(LEAK.toString(), "12", "5", "10");
        // the same alert, asked again, has the same id: the dispatcher does not send it twice
        assertThat(incidents.alerts("camille", Instant.now()))
                .extracting(Alert::id)
                .containsExactlyInAnyOrderElementsOf(
                        alerts.stream().map(Alert::id).toList());
    }

    @Test
    void theMetersOwnLeakAlarmShowsBesideTheRulesWithSinceWhen() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            browser.driver.get(url("/me/incidents"));
            WebElement flag = browser.driver.findElement(By.cssSelector("article.meter-flag.current"));
            assertThat(flag.findElement(By.tagName("h3")).getText())
                    .isEqualTo("Le compteur signale une fuite en cours");
            String from =
                    LEAK.plusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH));
            assertThat(flag.getText())
                    .contains("Votre compteur d’eau signale lui-même une fuite")
                    .contains("Selon le compteur, cela dure depuis au moins 8 jours")
                    .contains("Depuis le " + from + " au plus tard");
            // what to do about a leak is said once, after the rules' leak incident
            assertThat(flag.findElements(By.tagName("h4"))).isEmpty();
            // only one meter alarm, in the leaking dwelling; the other's meter reports none
            assertThat(browser.driver.findElements(By.cssSelector("article.meter-flag")))
                    .hasSize(1);
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.size(1280, 1400);
            browser.screenshot("incidents-meter-flag");
        }
    }

    @Test
    void inEnglishOnA360PixelPhone() throws IOException {
        try (Chromium browser = new Chromium("en")) {
            logIn(browser);
            browser.size(360, 740);
            browser.driver.get(url("/me/incidents?lang=en"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Incidents: leaks and abnormal consumption");
            assertThat(browser.driver.findElement(By.tagName("main")).getText())
                    .contains("Leak: high night flow ongoing")
                    .contains("you used 9,000 litres: more than 8,400 litres");
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("incidents-phone");
        }
    }
}
