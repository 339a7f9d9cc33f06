package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * The tertiary-sector decree on the real server over loopback: a public town hall of 2 400 m² in
 * the public territory, with its own electricity and district-heat meters read every day of the
 * three last whole years and a few days of this one, and the degree-days of those years in {@code
 * {data}/degree-days.csv}; a public kiosk of 600 m². The manager downloads the town hall's
 * declaration over HTTP and finds each year's kWh, degree-days and heat adjusted to the reference
 * year's climate; another manager gets 403. In a real browser the page shows the trajectory, says
 * the kiosk is not subject, is axe-clean and fits a 360-pixel phone.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TertiaryDecreeBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String HALL = "2X5N7PQR8T9W";
    private static final String KIOSK = "3Y6P8RST9V2X";
    /** The three whole years before this one: the first is the reference. */
    private static final int Y0 = LocalDate.now(PARIS).getYear() - 3;
    /** Per year (Y0, Y0+1, Y0+2): electricity kWh a day, heat kWh a day, degree-days a day. */
    private static final int[][] DAILY = {{100, 200, 6}, {90, 200, 5}, {80, 150, 7}};

    @TempDir
    static Path data;

    static int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        StringBuilder dju = new StringBuilder("date,degree_days\n");
        for (int y = 0; y < 3; y++) {
            for (LocalDate d = LocalDate.of(Y0 + y, 1, 1); d.getYear() == Y0 + y; d = d.plusDays(1)) {
                dju.append(d).append(',').append(DAILY[y][2]).append('\n');
            }
        }
        Files.writeString(data.resolve("degree-days.csv"), dju);
    }

    private static int days(int y) {
        return LocalDate.of(Y0 + y, 1, 1).lengthOfYear();
    }

    /** Heat of year y at the reference year's climate, kWh. */
    private static BigDecimal adjustedHeat(int y) {
        return BigDecimal.valueOf((long) DAILY[y][1] * days(y) * DAILY[0][2] * days(0))
                .divide(BigDecimal.valueOf((long) DAILY[y][2] * days(y)), 0, RoundingMode.HALF_UP);
    }

    @BeforeAll
    static void townHallWithHistory(
            @Autowired Accounts accounts,
            @Autowired IngestPipeline pipeline,
            @Autowired ObservationMapper mapper,
            @Autowired BuildingAssignments assignments,
            @Autowired GraphNames graphs,
            @Autowired @PrivateStore QuadStore store,
            @Autowired @PublicStore QuadStore publicStore) {
        Node territory = NodeFactory.createURI(graphs.territory());
        List<Quad> facts = new ArrayList<>();
        for (String[] b : new String[][] {{HALL, "Hôtel de ville", "2400"}, {KIOSK, "Kiosque du parc", "600"}}) {
            Node s = NodeFactory.createURI(mapper.base() + "id/building/" + b[0]);
            facts.add(Quad.create(
                    territory, s, RDF.type.asNode(), NodeFactory.createURI(Namespaces.S4BLDG + "Building")));
            facts.add(Quad.create(territory, s, RDFS.label.asNode(), NodeFactory.createLiteralString(b[1])));
            facts.add(Quad.create(
                    territory,
                    s,
                    NodeFactory.createURI(Namespaces.VC + "use"),
                    NodeFactory.createURI(Namespaces.VC + "public")));
            facts.add(Quad.create(
                    territory,
                    s,
                    NodeFactory.createURI(Namespaces.VC + "floorArea"),
                    NodeFactory.createLiteralDT(b[2], XSDDatatype.XSDdecimal)));
        }
        publicStore.add(facts);
        String csv = String.join(",", MeterCsv.COLUMNS) + "\n"
                + "021877000001,Enedis,electricity," + HALL + ",linky,electricityEnergyWithdrawn,tic," + HALL
                + ",,P1D,,,gw-1,,\n"
                + "70000001,KAM,heat," + HALL + ",heat-meter,heatEnergy,wmbus," + HALL + ",,P1D,,,gw-1,,\n"
                + "021877000002,Enedis,electricity," + KIOSK + ",linky,electricityEnergyWithdrawn,tic," + KIOSK
                + ",,P1D,,,gw-1,,\n";
        pipeline.register(MeterCsv.parse(csv, "test"));
        Map<String, String> quantity = new LinkedHashMap<>();
        quantity.put("021877000001", "electricityEnergyConsumed");
        quantity.put("70000001", "heatEnergyConsumed");
        List<Quad> quads = new ArrayList<>();
        quantity.forEach((id, q) -> {
            MeterNodes n = pipeline.registry().all().stream()
                    .filter(m -> m.meterId().equals(id))
                    .map(mapper::nodes)
                    .findFirst()
                    .orElseThrow();
            int column = q.startsWith("heat") ? 1 : 0;
            for (int y = 0; y <= 3; y++) {
                LocalDate end = y < 3 ? LocalDate.of(Y0 + y + 1, 1, 1) : LocalDate.of(Y0 + 3, 1, 11);
                for (LocalDate d = LocalDate.of(Y0 + y, 1, 1); d.isBefore(end); d = d.plusDays(1)) {
                    mapper.consumption(
                            n,
                            mapper.quantities().get(q),
                            d.atStartOfDay(PARIS).toInstant(),
                            d.plusDays(1).atStartOfDay(PARIS).toInstant(),
                            BigDecimal.valueOf(DAILY[Math.min(y, 2)][column]),
                            false,
                            List.of(),
                            quads::add);
                }
            }
        });
        store.add(quads);
        accounts.put("mia", "Mia Gestion", Set.of(Role.MANAGER), PASSWORD);
        accounts.put("max", "Max Syndic", Set.of(Role.MANAGER), PASSWORD);
        List<String> both = List.of(mapper.base() + "id/building/" + HALL, mapper.base() + "id/building/" + KIOSK);
        assertThat(assignments.assign("mia", both)).containsExactlyInAnyOrderElementsOf(both);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
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

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofMinutes(1))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theManagerDownloadsTheDeclarationWithAdjustedHeatAndAnotherManagerIsRefused() throws Exception {
        HttpResponse<String> csv = get(session("mia"), "/manager/tertiary/operat.csv?building=" + HALL);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("rnb_id;efa;nom;usage;surface_m2;annee;energie;consommation_kwh_ef;dju;"
                        + "consommation_ajustee_kwh_ef;annee_reference");
        // three whole years of two energies; this year's few days are no declaration
        assertThat(lines).hasSize(1 + 3 * 2);
        for (int y = 0; y < 3; y++) {
            String dju = Integer.toString(DAILY[y][2] * days(y));
            assertThat(lines)
                    .contains(String.join(
                            ";",
                            HALL,
                            HALL,
                            "Hôtel de ville",
                            "public",
                            "2400",
                            Integer.toString(Y0 + y),
                            "electricity",
                            Integer.toString(DAILY[y][0] * days(y)),
                            dju,
                            Integer.toString(DAILY[y][0] * days(y)),
                            Integer.toString(Y0)))
                    .contains(String.join(
                            ";",
                            HALL,
                            HALL,
                            "Hôtel de ville",
                            "public",
                            "2400",
                            Integer.toString(Y0 + y),
                            "heat",
                            Integer.toString(DAILY[y][1] * days(y)),
                            dju,
                            adjustedHeat(y).toPlainString(),
                            Integer.toString(Y0)));
        }
        HttpResponse<String> kiosk = get(session("mia"), "/manager/tertiary/operat.csv?building=" + KIOSK);
        assertThat(kiosk.statusCode()).isEqualTo(400);
        assertThat(kiosk.body()).contains("building: " + KIOSK + " is not subject to the decree");

        HttpResponse<String> english = get(session("mia"), "/manager/tertiary?lang=en");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body())
                .contains("Tertiary-sector decree: your buildings&#39; trajectory")
                .contains("Not subject: its floor area is below 1,000 m²")
                .contains(Y0 + " (reference: the first complete year)");

        HttpClient max = session("max");
        HttpResponse<String> refused = get(max, "/manager/tertiary/operat.csv?building=" + HALL);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(Integer.toString(DAILY[0][0] * days(0)));
        HttpResponse<String> page = get(max, "/manager/tertiary");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("Hôtel de ville").doesNotContain(HALL);
    }

    /** French numbers' spaces (narrow or not, non-breaking) as plain ones. */
    private static String spaced(String text) {
        return text.replaceAll("[\u00a0\u202f]", " ");
    }

    @Test
    void thePageShowsTheTrajectoryAndTheGapIsAxeCleanAndFitsAPhone() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            browser.driver.get(url("/login"));
            browser.driver.findElement(By.id("username")).sendKeys("mia");
            browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
            browser.waitForPage(url("/"));
            // the header leads a manager to the page
            browser.driver
                    .findElement(By.cssSelector("header.site nav a[href='/manager/tertiary']"))
                    .click();
            browser.waitForPage(url("/manager/tertiary"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Décret tertiaire : trajectoire de vos bâtiments");
            long reference = (long) (DAILY[0][0] + DAILY[0][1]) * days(0);
            String trajectory = spaced(browser.driver
                    .findElement(By.cssSelector("table.trajectory"))
                    .getText());
            assertThat(trajectory)
                    .contains(Y0 + " (référence : première année complète)")
                    .contains(String.format(java.util.Locale.FRANCE, "%,d", reference)
                            .replace('\u202f', ' ')
                            .replace('\u00a0', ' '))
                    .contains("2030 −40 % "
                            + String.format(java.util.Locale.FRANCE, "%,d", reference * 6 / 10)
                                    .replace('\u202f', ' ')
                                    .replace('\u00a0', ' '));
            // the latest whole year at the reference year's climate, against 2030's target
            BigDecimal latest = BigDecimal.valueOf((long) DAILY[2][0] * days(2)).add(adjustedHeat(2));
            BigDecimal gap = latest.subtract(BigDecimal.valueOf(reference * 6 / 10));
            String text =
                    spaced(browser.driver.findElement(By.cssSelector("p.gap")).getText());
            assertThat(text)
                    .contains("En " + (Y0 + 2))
                    .contains(String.format(java.util.Locale.FRANCE, "%,d", gap.longValueExact())
                            .replace('\u202f', ' ')
                            .replace('\u00a0', ' '));
            assertThat(browser.driver
                            .findElement(By.cssSelector("table.years tbody"))
                            .getText())
                    .contains("incomplète");
            assertThat(spaced(browser.driver.findElement(By.tagName("main")).getText()))
                    .as("the kiosk's reason")
                    .contains("Non assujetti : sa surface est inférieure à 1 000 m².");
            assertThat(browser.driver.findElements(
                            By.cssSelector("a[href='/manager/tertiary/operat.csv?building=" + HALL + "']")))
                    .hasSize(1);
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.size(1280, 1400);
            browser.screenshot("tertiary-decree");

            browser.size(360, 740);
            browser.driver.get(url("/manager/tertiary"));
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue())
                    .as("pixels beyond the screen's width")
                    .isLessThanOrEqualTo(0);
        }
    }
}
