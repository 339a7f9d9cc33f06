package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Release;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.cube.CsvTable;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.simulator.DemoCity;
import org.vivacite.triplestore.QuadStore;

/**
 * "My data" and "Compare" on the real server over loopback, logged in through the embedded OIDC
 * provider. Camille lives in a home of building BAT-C (district 381850101 of Grenoble) since the
 * start of the published year, with 10 kWh of electricity a day over it; Dominique lives in
 * another home. A release of the annual consumption by district is in the data folder, written as
 * the publisher writes it (CsvTable, release.json): Camille's district cell is confidential, her
 * commune's and the metropolis's are published. In Chromium: Camille gives a consent and withdraws
 * it, corrects her floor area, downloads her export from the page's link, and compares; axe-core
 * finds no serious violation on either page. Over plain HTTP: the forms' refusals (status 400, the
 * reason, the values kept), the erasure's confirmation step, and a comparison refused for a year
 * Dominique's data do not cover; both pages fit a 360-pixel phone.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MyDataPagesBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String OPERATOR = "operator-token-0123456789abcdef";
    private static final LocalDate END = LocalDate.now(DemoCity.ZONE).minusDays(1);
    private static final LocalDate START = END.minusYears(1);
    private static final BigDecimal PER_DAY = new BigDecimal("10");

    @TempDir
    static Path data;

    static int port;
    static String base;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        base = "http://127.0.0.1:" + port + "/";
        registry.add("vivacite.security.operator-token", () -> OPERATOR);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @BeforeAll
    static void homesAndRelease(
            @Autowired Accounts accounts,
            @Autowired MeterRegistry registry,
            @Autowired ObservationMapper mapper,
            @Autowired StoreEnrolments enrolments,
            @Autowired ReleaseFolders releases,
            @Autowired @PrivateStore QuadStore store)
            throws Exception {
        accounts.put("camille", "Camille Martin", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("dominique", "Dominique Petit", Set.of(Role.CITIZEN), PASSWORD);
        HttpResponse<String> registered = Http.post(
                url("/admin/meters"),
                "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,wire_format,building,usage_point_id,"
                        + "consent,gateways\n"
                        + "700000000101,Enedis,electricity,LOG-C1,linky,electricityEnergyConsumed,csv,BAT-C,"
                        + "20000000000101,P1D,default\n"
                        + "700000000102,Enedis,electricity,LOG-D1,linky,electricityEnergyConsumed,csv,BAT-C,"
                        + "20000000000102,P1D,default\n",
                "Authorization",
                "Bearer " + OPERATOR,
                "Content-Type",
                "text/csv");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

        // the territory: BAT-C in a street of district 381850101, Grenoble, the metropolis
        String territory = base + "graph/territory";
        List<Quad> places = new ArrayList<>();
        String[][] chain = {
            {"id/building/BAT-C", Namespaces.S4BLDG + "Building", "id/street/38185_c001"},
            {"id/street/38185_c001", Namespaces.VC + "Street", "id/district/381850101"},
            {"id/district/381850101", Namespaces.VC + "District", "id/commune/38185"},
            {"id/commune/38185", Namespaces.VC + "Commune", "id/metropolis/200040715"},
            {"id/metropolis/200040715", Namespaces.VC + "Metropolis", null}
        };
        for (String[] link : chain) {
            Node area = iri(base + link[0]);
            places.add(Quad.create(iri(territory), area, RDF.type.asNode(), iri(link[1])));
            if (link[2] != null) {
                places.add(Quad.create(iri(territory), area, iri(Namespaces.VC + "partOf"), iri(base + link[2])));
            }
        }
        store.add(places);

        // Camille's electricity, every day of the published year; she moved in at its start
        var meter = registry.all().stream()
                .filter(m -> m.meterId().equals("700000000101"))
                .findFirst()
                .orElseThrow();
        var nodes = mapper.nodes(meter);
        var consumed = mapper.quantities().get("electricityEnergyConsumed");
        List<Quad> days = new ArrayList<>();
        for (LocalDate d = START; d.isBefore(END); d = d.plusDays(1)) {
            mapper.consumption(
                    nodes,
                    consumed,
                    d.atStartOfDay(DemoCity.ZONE).toInstant(),
                    d.plusDays(1).atStartOfDay(DemoCity.ZONE).toInstant(),
                    PER_DAY,
                    false,
                    List.of(),
                    days::add);
        }
        store.add(days);
        Instant movedIn = START.atStartOfDay(DemoCity.ZONE).toInstant();
        enrolments.redeem(
                "camille",
                enrolments
                        .generate(List.of(nodes.featureOfInterest().getURI()), Duration.ofDays(1), movedIn)
                        .get(0)
                        .code());
        String other = registry.all().stream()
                .filter(m -> m.meterId().equals("700000000102"))
                .map(m -> mapper.nodes(m).featureOfInterest().getURI())
                .findFirst()
                .orElseThrow();
        enrolments.redeem(
                "dominique",
                enrolments.generate(List.of(other), Duration.ofDays(1)).get(0).code());

        release(releases);
    }

    /**
     * The annual release, as the publisher writes it: the district's residential electricity cell
     * hidden (too few households), the commune's and the metropolis's published.
     */
    private static void release(ReleaseFolders releases) throws IOException {
        Dataset d = Dataset.ANNUAL_BY_DISTRICT;
        Period year = new Period(START, Period.Step.YEAR);
        Area metropolis = new Area(
                base + "id/metropolis/200040715",
                TerritorialLevel.METROPOLIS,
                "200040715",
                "Grenoble-Alpes Métropole",
                null);
        Area commune =
                new Area(base + "id/commune/38185", TerritorialLevel.COMMUNE, "38185", "Grenoble", metropolis.iri());
        Area district = new Area(
                base + "id/district/381850101", TerritorialLevel.DISTRICT, "381850101", "Europole", commune.iri());
        Protection hidden = new Protection(Protection.Status.PRIMARY, Protection.Rule.MIN_HOUSEHOLDS);
        List<Cell> cells = List.of(
                cell(d, district, year, "21000", 6, null, hidden),
                cell(d, commune, year, "75000", 25, "1500", Protection.PUBLISHED),
                cell(d, metropolis, year, "300000", 100, "6000", Protection.PUBLISHED));
        String id = "2026-12-01T000000Z";
        Release release = new Release(
                d,
                id,
                Instant.parse("2026-12-01T00:00:00Z"),
                year.start(),
                year.end(),
                DisclosureRules.DEFAULTS,
                cells);
        try (ReleaseFolders.Draft draft = releases.draft(d, id)) {
            String csv = d.id + ".csv";
            try (OutputStream out = Files.newOutputStream(draft.dir().resolve(csv))) {
                new CsvTable(base, "https://www.etalab.gouv.fr/licence-ouverte-open-licence").write(release, out);
            }
            draft.commit(
                    release.issued(),
                    year.start(),
                    year.end(),
                    cells.size(),
                    2,
                    List.of(),
                    Map.of(csv, "text/csv"),
                    DisclosureRules.DEFAULTS.parameters());
        }
    }

    private static Cell cell(
            Dataset d, Area area, Period year, String total, int households, String floorArea, Protection p) {
        return new Cell(
                d,
                area,
                year,
                null,
                Fluid.ELECTRICITY,
                Sector.RESIDENTIAL,
                new BigDecimal(total),
                households,
                new BigDecimal("0.08"),
                floorArea == null ? null : new BigDecimal(floorArea),
                null,
                p);
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    /** Logs in through the login page and the embedded provider, and waits for the home page. */
    private static void logIn(Chromium browser, String user) {
        browser.driver.get(url("/login"));
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        browser.waitForPage(url("/"));
    }

    @Test
    void myDataGivesAndWithdrawsAConsentCorrectsTheHomeAndDownloadsTheExport() throws Exception {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser, "camille");
            browser.driver.get(url("/me/data"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Mes données");
            assertThat(browser.driver
                            .findElement(By.cssSelector("nav.me [aria-current=page]"))
                            .getText())
                    .isEqualTo("Mes données");

            // give a consent to research, then withdraw it
            new Select(browser.driver.findElement(By.id("purpose"))).selectByValue("research");
            browser.driver
                    .findElement(By.cssSelector("form.give button[type=submit]"))
                    .click();
            browser.waitForPage(url("/me/data"));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=status]"))
                            .getText())
                    .startsWith("Votre consentement est enregistré");
            WebElement research = row(browser, "Contribuer à la recherche");
            assertThat(research.getText()).contains("donné");
            research.findElement(By.tagName("button")).click();
            browser.waitForPage(url("/me/data"));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=status]"))
                            .getText())
                    .startsWith("Votre consentement est retiré");
            assertThat(row(browser, "Contribuer à la recherche").getText()).contains("retiré");
            assertThat(row(browser, "Contribuer à la recherche").findElements(By.tagName("button")))
                    .isEmpty();
            // a receipt for each change, newest first, each downloadable
            List<WebElement> receipts =
                    browser.driver.findElements(By.cssSelector("section[aria-labelledby=receipts-h] tbody tr"));
            assertThat(receipts).hasSize(2);
            assertThat(receipts.get(0).getText()).contains("retiré");
            assertThat(receipts.get(1).getText()).contains("donné");
            String receipt = receipts.get(0).findElement(By.tagName("a")).getDomAttribute("href");
            HttpResponse<byte[]> jws = download(browser, receipt);
            assertThat(jws.statusCode()).isEqualTo(200);
            assertThat(new String(jws.body(), StandardCharsets.US_ASCII)).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

            // the floor area and heating
            browser.driver.findElement(By.id("area-1")).sendKeys("62.5");
            new Select(browser.driver.findElement(By.id("heating-1"))).selectByValue("electric");
            browser.driver
                    .findElement(By.cssSelector("form.facts button[type=submit]"))
                    .click();
            browser.waitForPage(url("/me/data"));
            assertThat(browser.driver.findElement(By.id("area-1")).getDomProperty("value"))
                    .isEqualTo("62.5");
            assertThat(new Select(browser.driver.findElement(By.id("heating-1")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("chauffage électrique");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.size(1280, 2400);
            browser.screenshot("my-data");

            // the export, from the page's link, with the session's cookie
            String export = browser.driver
                    .findElement(By.cssSelector("section[aria-labelledby=export-h] a"))
                    .getDomAttribute("href");
            HttpResponse<byte[]> zip = download(browser, export);
            assertThat(zip.statusCode()).isEqualTo(200);
            assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
            List<String> entries = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    entries.add(e.getName());
                }
            }
            assertThat(entries).isNotEmpty().anyMatch(n -> n.endsWith(".csv"));
        }
    }

    @Test
    void compareShowsThePublishedCellsBesideMineAndSaysWhyTheOthersAreNotShown() throws Exception {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser, "camille");
            browser.driver.get(url("/me/compare"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Comparer");
            assertThat(browser.driver.findElement(By.id("similar-h")).getText())
                    .isEqualTo("Avec quels logements je me compare");
            long mine = PER_DAY.longValue() * ChronoUnit.DAYS.between(START, END);
            String total = browser.driver.findElement(By.cssSelector(".mine")).getText();
            assertThat(total).startsWith("Ma consommation sur l'année publiée");
            assertThat(total.replaceAll("[\\s\u00a0\u202f]", "")).endsWith(":" + mine + "kWh.");
            Map<String, String> rows = browser.driver.findElements(By.cssSelector("main tbody tr")).stream()
                    .collect(Collectors.toMap(
                            r -> r.findElement(By.tagName("th"))
                                    .getText()
                                    .lines()
                                    .findFirst()
                                    .orElseThrow(),
                            WebElement::getText));
            assertThat(rows.get("Mon immeuble")).contains("aucun immeuble de logements ni aucune rue");
            assertThat(rows.get("Ma rue")).contains("aucun immeuble de logements ni aucune rue");
            assertThat(rows.get("Mon quartier (IRIS)")).contains("Europole", "secret statistique", "moins de 10");
            // the commune: 25 homes, a mean of 3 000 kWh; Camille's year against it, her share of 75 000
            assertThat(rows.get("Ma commune"))
                    .contains("Grenoble", "25", Math.round(mine * 100.0 / 3000) + " %")
                    .contains(String.format(java.util.Locale.FRENCH, "%.2f %%", mine * 100.0 / 75000));
            assertThat(rows.get("La métropole")).contains("100", Math.round(mine * 100.0 / 3000) + " %");
            assertThat(browser.driver.findElement(By.tagName("main")).getText())
                    .contains("pas de tranche de surface", "ne distinguent pas les logements chauffés");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.size(1280, 1900);
            browser.screenshot("compare");

            // on a 360-pixel phone, neither page scrolls sideways
            browser.size(360, 740);
            for (String page : new String[] {"/me/compare", "/me/data"}) {
                browser.driver.get(url(page));
                Object overflow = browser.driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue())
                        .as(page + ": pixels beyond the screen's width")
                        .isLessThanOrEqualTo(0);
            }
        }
    }

    private static WebElement row(Chromium browser, String purpose) {
        return browser.driver.findElements(By.cssSelector("section[aria-labelledby=consents-h] tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().startsWith(purpose))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no consent row for " + purpose));
    }

    /** Downloads a link of the page with the browser's session cookie, as a click on it would. */
    private static HttpResponse<byte[]> download(Chromium browser, String path) throws Exception {
        String cookie = browser.driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url(path)))
                                .header("Cookie", cookie)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- the forms over plain HTTP: statuses, refusals, the erasure's confirmation

    @Test
    void aVisitorIsSentToTheLogin() {
        HttpResponse<String> page = new Session().open(url("/me/data"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aRefusedConsentComesBackWith400TheReasonAndTheValuesGiven() {
        Session camille = Session.loggedIn("camille");
        HttpResponse<String> refused = camille.post(
                "/me/data/consents", Map.of("purpose", "fine-data", "step", "PT30M", "until", "2040-13-01"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("role=\"alert\"", "until: &#39;2040-13-01&#39; is not a day")
                .contains("value=\"2040-13-01\"")
                .containsPattern("<option value=\"fine-data\"\\s+selected=\"selected\"")
                .doesNotContain("Exception");
        HttpResponse<String> tooLong = camille.post(
                "/me/data/consents",
                Map.of(
                        "purpose",
                        "research",
                        "until",
                        LocalDate.now().plusYears(5).toString()));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("role=\"alert\"", "until:");
        HttpResponse<String> unknown = camille.post("/me/data/consents/no-such-consent/withdraw", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("consent: you have no consent &#39;no-such-consent&#39;");
    }

    @Test
    void aRefusedRectificationComesBackWith400TheReasonAndTheValueGiven() {
        Session camille = Session.loggedIn("camille");
        String dwelling = dwellingOf(camille.get("/me/data").body());
        HttpResponse<String> refused =
                camille.post("/me/data/dwelling", Map.of("dwelling", dwelling, "floorArea", "-4", "heatingSystem", ""));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("role=\"alert\"", "floorArea: -4 m² is not a dwelling&#39;s floor area")
                .contains("value=\"-4\"");
    }

    @Test
    void theErasureAsksForAConfirmationAndSaysThatPublishedAggregatesStay() {
        Session dominique = Session.loggedIn("dominique");
        HttpResponse<String> confirm = dominique.get("/me/data/erasure");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body())
                .contains("Les statistiques déjà publiées en données ouvertes sont des agrégats anonymes")
                .contains("type=\"checkbox\"");
        HttpResponse<String> unconfirmed = dominique.post("/me/data/erasure", Map.of());
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("role=\"alert\"", "confirm: an erasure cannot be undone");
        HttpResponse<String> erased = dominique.post("/me/data/erasure", Map.of("confirm", "erase"));
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body())
                .contains("Vos données ont été effacées.", "Ce qui a été effacé")
                .contains("Les statistiques déjà publiées en données ouvertes sont des agrégats anonymes");
        // and in English
        HttpResponse<String> english = dominique.get("/me/data?lang=en");
        assertThat(english.body()).contains("<h1>My data</h1>", "Nobody but you has read your data.");
    }

    @Test
    void compareSaysWhenMyDataDoNotCoverThePublishedYearAndStillShowsThePublishedFigures() {
        Session dominique = Session.loggedIn("dominique");
        HttpResponse<String> page = dominique.get("/me/compare");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Vos données couvrent 0 des " + ChronoUnit.DAYS.between(START, END) + " jours")
                .doesNotContain("Ma consommation sur l&#39;année publiée")
                .contains("Grenoble", "secret statistique");
    }

    private static String dwellingOf(String page) {
        Matcher m = Pattern.compile("name=\"dwelling\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a dwelling field on the page").isTrue();
        return m.group(1);
    }

    /** A browser over plain HTTP: cookies kept, the forms' CSRF token taken from the last page. */
    private static final class Session {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final CookieManager cookies = new CookieManager();
        private final HttpClient following = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        private final HttpClient staying = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private String csrf;

        static Session loggedIn(String user) {
            Session s = new Session();
            HttpResponse<String> login = s.get("/login");
            s.send(s.following, form(login.uri().toString(), Map.of("username", user, "password", PASSWORD), s.csrf));
            HttpResponse<String> mine = s.get("/me/data");
            assertThat(mine.statusCode()).as("logged in").isEqualTo(200);
            assertThat(mine.body()).as("logged in").contains("<h1>Mes données</h1>");
            return s;
        }

        HttpResponse<String> get(String path) {
            return send(
                    following,
                    HttpRequest.newBuilder(URI.create(url(path)))
                            .header("Accept", "text/html")
                            .build());
        }

        HttpResponse<String> open(String target) {
            return send(staying, HttpRequest.newBuilder(URI.create(target)).build());
        }

        /** Posts a form from the page last read (its CSRF token), following redirects. */
        HttpResponse<String> post(String path, Map<String, String> fields) {
            if (csrf == null) {
                get("/me/data");
            }
            return send(following, form(url(path), fields, csrf));
        }

        private static HttpRequest form(String target, Map<String, String> fields, String csrf) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            String body = all.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return HttpRequest.newBuilder(URI.create(target))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        private HttpResponse<String> send(HttpClient client, HttpRequest request) {
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                Matcher m = CSRF.matcher(r.body());
                if (m.find()) {
                    csrf = m.group(1);
                }
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
