package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.portal.incidents.IncidentsProperties;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.meters.Meter;

/**
 * The citizen portal on the demo city, as a newcomer sees it after {@code serve --demo}: a small
 * city (200 households, seed 6: the simulator makes the water meter of a dwelling heated by a heat
 * pump leak, so that the citizen's year of electricity triggers tips too), the demo
 * citizen's password read from {@code {data}/credentials}, the login through the login page of a
 * real browser (Debian's Chromium); the leak on the citizen's dwelling on the incidents page and
 * its alert on the dashboard, dated in the platform's zone; every citizen page reached and used with
 * the keyboard alone; and every citizen page on a 360-pixel phone without sideways scrolling nor a
 * serious or critical WCAG 2.1 AA violation (axe-core).
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCitizenBrowserTest {

    /** The citizen's pages, in the order of their navigation. */
    private static final List<String> PAGES = List.of(
            "/me", "/me/history", "/me/targets", "/me/compare", "/me/advice", "/me/incidents", "/me/bill", "/me/data");

    /** How long the demo may take, from the server's start, to give its citizen their leak. */
    private static final Duration READY = Duration.ofMinutes(4);

    /** How long a page may take to load while the demo loads its history. */
    private static final Duration PAGE = Duration.ofMinutes(2);

    /** Tab presses per page at most: more than any citizen page has stops. */
    private static final int MOST_STOPS = 300;

    @TempDir
    static Path data;

    static int port;
    static String user;
    static String password;
    /** The pseudonymous id of the dwelling whose water meter the simulator makes leak. */
    static String leakingDwelling;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        registry.add("vivacite.demo", () -> "true");
        registry.add("vivacite.demo-city.households", () -> "200");
        registry.add("vivacite.demo-city.seed", () -> "6");
        registry.add("vivacite.mqtt.port", () -> "0");
        registry.add("vivacite.coap.port", () -> "0");
        registry.add("vivacite.coap.secure-port", () -> "0");
    }

    /**
     * The demo citizen's account, as a newcomer finds it in {@code {data}/credentials}, and the
     * dwelling of the first water meter the simulator makes leak, found from the simulation itself.
     */
    @BeforeAll
    static void demo(@Autowired DemoCity city, @Autowired MeterRegistry registry, @Autowired ObservationMapper mapper)
            throws IOException {
        Properties credentials = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve("credentials"))) {
            credentials.load(r);
        }
        String account = credentials.getProperty("account.citizen");
        assertThat(account).as("account.citizen in {data}/credentials").contains(":");
        user = account.substring(0, account.indexOf(':'));
        password = account.substring(account.indexOf(':') + 1);
        // the demo enrols its citizen with the first leaking Kamstrup water meter (it reports its
        // own leak alarm), else the first leaking one (docs/portal.md, the demo walk-through)
        List<Meter> leakingMeters = city.fleet().meters().stream()
                .filter(m -> city.load().leakStart(m).isPresent())
                .toList();
        Meter leaking = leakingMeters.stream()
                .filter(m -> m.manufacturer().equals("KAM"))
                .findFirst()
                .or(() -> leakingMeters.stream().findFirst())
                .orElseThrow(() -> new AssertionError("this demo city has no leaking water meter"));
        // the demo registers its meters in the background, after the server is ready
        long deadline = System.nanoTime() + READY.toNanos();
        java.util.Optional<org.vivacite.ingest.registry.RegisteredMeter> row = java.util.Optional.empty();
        while (row.isEmpty() && System.nanoTime() < deadline) {
            row = registry.all().stream()
                    .filter(r -> r.meterId().equals(leaking.id()))
                    .findFirst();
            if (row.isEmpty()) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        String iri = mapper.nodes(row.orElseThrow(() -> new AssertionError("the leaking meter is not registered")))
                .featureOfInterest()
                .getURI();
        leakingDwelling = iri.substring(iri.indexOf("/dwelling/") + "/dwelling/".length());
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * A browser that waits longer for a page than the harness does: the demo city loads and derives
     * its history in the background while these tests run, and a CI machine may be busy.
     */
    private static Chromium browser(String language) {
        Chromium browser = new Chromium(language);
        browser.driver.manage().timeouts().pageLoadTimeout(PAGE);
        return browser;
    }

    /** Logs in through the login page, as a newcomer would with the password of {@code {data}/credentials}. */
    private static void logIn(Chromium browser) {
        browser.driver.get(url("/login"));
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
        new WebDriverWait(browser.driver, PAGE)
                .until(d -> url("/").equals(d.getCurrentUrl())
                        && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Opens a page and waits until it is loaded. */
    private static void open(Chromium browser, String path) {
        browser.driver.get(url(path));
    }

    @Test
    @Order(1)
    void theDemoCitizenLogsInWithThePasswordOfTheCredentialsAndSeesTheLeakOfTheirDwellingAndItsAlert(
            @Autowired IncidentsProperties rules) throws IOException {
        long started = System.nanoTime();
        try (Chromium browser = browser("fr")) {
            logIn(browser);
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=status]"))
                            .getText())
                    .contains("connecté");

            open(browser, "/me/incidents");
            new WebDriverWait(browser.driver, READY, Duration.ofSeconds(5)).until(d -> {
                if (!d.findElements(By.cssSelector("article.incident.current")).isEmpty()) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
            System.out.printf(
                    "Demo citizen: the leak on the incidents page after %d s%n",
                    (System.nanoTime() - started) / 1_000_000_000);
            assertThat(browser.driver
                            .findElement(By.cssSelector("section.dwelling h2"))
                            .getText())
                    .isEqualTo("Logement " + leakingDwelling);
            List<String> current = browser.driver.findElements(By.cssSelector("article.incident.current h3")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(current).as("the ongoing incidents").contains("Fuite : débit de nuit élevé en cours");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("demo-incidents");

            open(browser, "/me");
            LocalDate today = LocalDate.now(DemoCity.ZONE);
            String since = today.minusDays(rules.lookBackDays())
                    .atStartOfDay()
                    .format(DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm", Locale.FRENCH));
            List<String> alerts = browser.driver.findElements(By.cssSelector(".alerts li.alert-leak")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(alerts)
                    .as("the leak's alerts on the dashboard, since the look-back's first local midnight")
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a).contains("depuis le " + since));
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("demo-dashboard");
        }
    }

    @Test
    @Order(2)
    void theAdviceOfTheDemoCitizensYearShowsTips() throws IOException {
        try (Chromium browser = browser("fr")) {
            logIn(browser);
            open(browser, "/me/advice");
            List<WebElement> tips = browser.driver.findElements(By.cssSelector("main .tip"));
            assertThat(tips).as("tips triggered by the demo citizen's year").isNotEmpty();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("demo-advice");
        }
    }

    /**
     * Every citizen page with the keyboard alone: from the top, Tab gives the skip link, shown; Enter
     * on it skips the header and the navigation: the next Tab is the main content's first control
     * or, when it holds none, Shift+Tab is the navigation's last link (the keyboard is at the start
     * of the main content); Tab then goes through the whole page, every stop with a visible focus (an
     * outline or a shadow), through the submit button of every form; and the next page of the
     * citizen's navigation is reached by Tab and opened with Enter.
     */
    @Test
    @Order(3)
    void everyCitizenPageIsGoneThroughWithTheKeyboardAloneTheFocusAlwaysVisible() {
        SoftAssertions softly = new SoftAssertions();
        try (Chromium browser = browser("fr")) {
            logIn(browser);
            open(browser, PAGES.get(0));
            for (int p = 0; p < PAGES.size(); p++) {
                String page = PAGES.get(p);
                new Actions(browser.driver).sendKeys(Keys.TAB).perform();
                softly.assertThat(focused(browser, "el.className"))
                        .as(page + ": the first stop")
                        .isEqualTo("skip");
                softly.assertThat(focused(browser, "el.getBoundingClientRect().left >= 0"))
                        .as(page + ": the skip link shown when focused")
                        .isEqualTo(true);
                Object first = browser.driver.executeScript(FIRST_CONTROL_OF_MAIN);
                new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
                softly.assertThat(focused(
                                browser, "el === document.body || document.getElementById('content').contains(el)"))
                        .as(page + ": Enter on the skip link leaves the header")
                        .isEqualTo(true);
                softly.assertThat(browser.driver.executeScript("return location.hash;"))
                        .as(page + ": at the main content")
                        .isEqualTo("#content");
                if (first != null) {
                    new Actions(browser.driver).sendKeys(Keys.TAB).perform();
                    softly.assertThat(focused(browser, "el.dataset.firstControl"))
                            .as(page + ": then Tab gives the main content's first control")
                            .isEqualTo("yes");
                } else {
                    // no control in the main content: the keyboard's place is at its start, just
                    // after the citizen's navigation, whose last link Shift+Tab gives
                    new Actions(browser.driver)
                            .keyDown(Keys.SHIFT)
                            .sendKeys(Keys.TAB)
                            .keyUp(Keys.SHIFT)
                            .perform();
                    softly.assertThat(focused(browser, "el === document.querySelector('nav.me li:last-child a')"))
                            .as(page
                                    + ": then Shift+Tab gives the navigation's last link, just before the main content")
                            .isEqualTo(true);
                }

                // the whole page, stop by stop, from the top
                open(browser, page);
                List<Map<String, Object>> stops = stops(browser);
                softly.assertThat(stops).as(page + ": its stops").isNotEmpty();
                for (Map<String, Object> stop : stops) {
                    softly.assertThat(stop.get("visible"))
                            .as(page + ": the focus visible on " + stop.get("what"))
                            .isEqualTo(true);
                }
                @SuppressWarnings("unchecked")
                List<String> submits = (List<String>) browser.driver.executeScript("""
                        return [...document.querySelectorAll('main form')]
                          .flatMap(f => [...f.querySelectorAll('button:not([type]), button[type=submit], input[type=submit]')])
                          .filter(b => b.getClientRects().length > 0)
                          .map(b => b.dataset.stop === undefined ? b.outerHTML : 'reached');""");
                softly.assertThat(submits)
                        .as(page + ": every form's submit button reached by Tab")
                        .allMatch("reached"::equals);
                if (p + 1 < PAGES.size()) {
                    String next = PAGES.get(p + 1);
                    Object at = browser.driver.executeScript(
                            "const a = document.querySelector(\"nav.me a[href='\" + arguments[0] + \"']\");"
                                    + " return a ? a.dataset.stop : null;",
                            next);
                    softly.assertThat(at)
                            .as(page + ": the link to " + next + " reached by Tab")
                            .isNotNull();
                    if (at == null) {
                        open(browser, next);
                        continue;
                    }
                    open(browser, page);
                    Actions tabs = new Actions(browser.driver);
                    for (int i = 0; i <= Integer.parseInt(at.toString()); i++) {
                        tabs.sendKeys(Keys.TAB);
                    }
                    tabs.perform();
                    softly.assertThat(focused(browser, "el.getAttribute('href')"))
                            .as(page + ": Tab to the link to " + next)
                            .isEqualTo(next);
                    new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
                    new WebDriverWait(browser.driver, PAGE)
                            .until(d -> url(next).equals(d.getCurrentUrl())
                                    && "complete"
                                            .equals(((JavascriptExecutor) d)
                                                    .executeScript("return document.readyState")));
                }
            }
        }
        softly.assertAll();
    }

    /** Marks the first visible control of the main content {@code data-first-control}; returns it, or null. */
    private static final String FIRST_CONTROL_OF_MAIN = """
            const first = [...document.querySelectorAll('#content a[href], #content button, #content input:not([type=hidden]),'
                + ' #content select, #content textarea, #content [tabindex]:not([tabindex="-1"])')]
              .find(e => e.getClientRects().length > 0 && !e.disabled);
            if (first) first.dataset.firstControl = 'yes';
            return first || null;""";

    /** A property of the focused element, {@code el} in the expression. */
    private static Object focused(Chromium browser, String expression) {
        return browser.driver.executeScript("const el = document.activeElement; return " + expression + ";");
    }

    /**
     * Every stop of the page shown, in Tab order from its top: what it is and whether its focus is
     * visible, recorded as it takes the focus; each element stopped at is marked {@code data-stop}
     * with its rank. Tabs are pressed until the focus comes back to the first stop (or leaves the page).
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stops(Chromium browser) {
        browser.driver.executeScript("""
                window.stops = [];
                document.addEventListener('focusin', e => {
                  const el = e.target, s = getComputedStyle(el);
                  if (el.dataset.stop === undefined) el.dataset.stop = window.stops.length;
                  window.stops.push({
                    what: el.tagName + ' ' + (el.id || el.getAttribute('href') || el.name || el.textContent.trim().slice(0, 40)),
                    first: el.dataset.stop === '0' && window.stops.length > 0,
                    visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
                  });
                });""");
        for (int pressed = 0; pressed < MOST_STOPS; pressed += 20) {
            Actions tabs = new Actions(browser.driver);
            for (int i = 0; i < 20; i++) {
                tabs.sendKeys(Keys.TAB);
            }
            tabs.perform();
            Boolean round = (Boolean) browser.driver.executeScript("return window.stops.some(s => s.first);");
            if (round) {
                break;
            }
        }
        List<Map<String, Object>> all =
                (List<Map<String, Object>>) browser.driver.executeScript("return window.stops;");
        List<Map<String, Object>> once = new ArrayList<>();
        for (Map<String, Object> s : all) {
            if (Boolean.TRUE.equals(s.get("first"))) {
                break;
            }
            once.add(s);
        }
        return once;
    }

    /** Every citizen page on a 360 × 740 phone: nothing scrolls sideways, nothing serious for axe-core. */
    @Test
    @Order(4)
    void onA360PixelPhoneNoCitizenPageScrollsSidewaysNorHasASeriousAccessibilityViolation() throws IOException {
        try (Chromium browser = browser("fr")) {
            browser.size(360, 740);
            logIn(browser);
            Map<String, Object> wider = new java.util.LinkedHashMap<>();
            Map<String, List<String>> violations = new java.util.LinkedHashMap<>();
            for (String page : PAGES) {
                open(browser, page);
                Object beyond = browser.driver.executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
                if (((Number) beyond).intValue() > 0) {
                    wider.put(page, browser.driver.executeScript("""
                            return [...document.querySelectorAll('body *')]
                              .filter(e => e.getBoundingClientRect().right > window.innerWidth)
                              .slice(0, 5)
                              .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));"""));
                }
                List<String> found = browser.seriousAccessibilityViolations();
                if (!found.isEmpty()) {
                    violations.put(page, found);
                }
            }
            assertThat(wider)
                    .as("pages wider than the phone, with the elements beyond it")
                    .isEmpty();
            assertThat(violations).as("serious or critical violations").isEmpty();
            open(browser, "/me/incidents");
            browser.screenshot("demo-incidents-phone");
        }
    }
}
