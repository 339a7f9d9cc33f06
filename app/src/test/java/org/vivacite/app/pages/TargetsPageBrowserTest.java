package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.triplestore.QuadStore;

/**
 * The targets page in a real browser (Debian's Chromium) on the whole server, with a real SMTP
 * server in the test (GreenMail) as {@code spring.mail.*} and the alert dispatch every second:
 * Camille, enrolled in a dwelling whose meter used 10 kWh a day from 1 to 10 March 2026 (the
 * personal clock says 11 March, noon), sets her alert address and a ceiling of 50 kWh a month,
 * sees it crossed and the alert, receives the alert e-mail once; a wrong ceiling comes back with
 * its message and the form kept; no serious or critical WCAG 2.1 AA violation; nothing scrolls
 * sideways at 360 pixels.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TargetsPageBrowserTest.FixedClock.class)
class TargetsPageBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final String SOSA = Namespaces.SOSA;
    private static final String VC = Namespaces.VC;

    @TempDir
    static Path data;

    static int port;
    static GreenMail smtp;

    /** The personal data's clock: 11 March 2026, noon, in Paris. */
    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedPersonalClock() {
            return Clock.fixed(LocalDateTime.of(2026, 3, 11, 12, 0).atZone(ZONE).toInstant(), ZONE);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
        registry.add("vivacite.portal.alerts.period", () -> "PT1S");
        registry.add("vivacite.portal.alerts.from", () -> "alertes@ville.example");
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeAll
    static void camille(
            @Autowired Accounts accounts,
            @Autowired StoreEnrolments enrolments,
            @Autowired @PrivateStore QuadStore store) {
        accounts.put("camille", "Camille Martin", Set.of(Role.CITIZEN), PASSWORD);
        String base = "http://127.0.0.1:" + port + "/";
        String dwelling = base + "dwelling/targets-test";
        store.add(household(base, dwelling));
        Instant movedIn = LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant();
        enrolments.redeem(
                "camille",
                enrolments
                        .generate(List.of(dwelling), Duration.ofDays(1), movedIn)
                        .get(0)
                        .code());
    }

    /** A dwelling, its electricity meter and its daily consumption from 1 to 10 March, 10 kWh each. */
    private static List<Quad> household(String base, String dwelling) {
        Node g = iri(base + "graph/private/targets-test");
        Node d = iri(dwelling);
        Node meter = iri(base + "meter/targets-test");
        List<Quad> out = new ArrayList<>();
        out.add(new Quad(g, d, RDF.type.asNode(), iri(VC + "Dwelling")));
        out.add(new Quad(g, meter, RDF.type.asNode(), iri(VC + "ElectricityMeter")));
        out.add(new Quad(g, meter, iri(SOSA + "observes"), iri(VC + "electricityEnergyWithdrawn")));
        out.add(new Quad(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), d));
        for (LocalDate day = LocalDate.of(2026, 3, 1); day.isBefore(LocalDate.of(2026, 3, 11)); day = day.plusDays(1)) {
            Instant from = day.atStartOfDay(ZONE).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(ZONE).toInstant();
            Node o = iri(base + "obs/targets-test/electricityEnergyConsumed/" + from + "/P1D");
            out.add(new Quad(g, o, RDF.type.asNode(), iri(SOSA + "Observation")));
            out.add(new Quad(g, o, iri(SOSA + "madeBySensor"), meter));
            out.add(new Quad(g, o, iri(SOSA + "observedProperty"), iri(VC + "electricityEnergyConsumed")));
            out.add(new Quad(g, o, iri(SOSA + "hasFeatureOfInterest"), d));
            out.add(new Quad(
                    g, o, iri(SOSA + "hasSimpleResult"), NodeFactory.createLiteralDT("10", XSDDatatype.XSDdecimal)));
            out.add(new Quad(
                    g,
                    o,
                    iri(SOSA + "resultTime"),
                    NodeFactory.createLiteralDT(
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(to.atZone(ZONE)), XSDDatatype.XSDdateTime)));
            Node interval = iri(base + "id/interval/" + from + "/P1D");
            out.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
            out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasBeginning"), instant(base, g, from, out)));
            out.add(new Quad(g, interval, iri(Namespaces.TIME + "hasEnd"), instant(base, g, to, out)));
        }
        return out;
    }

    private static Node instant(String base, Node g, Instant t, List<Quad> out) {
        Node i = iri(base + "id/instant/" + t);
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

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void logIn(Chromium browser) {
        browser.driver.get(url("/login"));
        browser.driver.findElement(By.id("username")).sendKeys("camille");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> !d.getCurrentUrl().contains("/login")
                        && !d.getCurrentUrl().contains("/oauth2/"));
        browser.driver.get(url("/me/targets"));
        browser.waitForPage(url("/me/targets"));
    }

    @Test
    void aCeilingSetIsShownCrossedWithItsAlertWhichIsEmailedOnce() throws Exception {
        try (Chromium browser = new Chromium("fr")) {
            logIn(browser);
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Objectifs et alertes");
            assertThat(browser.driver
                            .findElement(By.cssSelector("nav.me [aria-current=page]"))
                            .getText())
                    .isEqualTo("Objectifs et alertes");
            assertThat(browser.driver.findElement(By.cssSelector(".alerts")).getText())
                    .contains("Aucune alerte en ce moment.");

            browser.driver.findElement(By.id("email")).sendKeys("camille@example.org");
            browser.driver
                    .findElement(By.xpath("//button[text()=\"Enregistrer l'adresse\"]"))
                    .click();
            browser.waitForPage(url("/me/targets?address"));

            new Select(browser.driver.findElement(By.id("fluid"))).selectByValue("electricity");
            new Select(browser.driver.findElement(By.id("span"))).selectByValue("month");
            browser.driver.findElement(By.id("ceiling")).sendKeys("50");
            browser.driver
                    .findElement(By.xpath("//button[text()=\"Enregistrer l'objectif\"]"))
                    .click();
            browser.waitForPage(url("/me/targets?set"));

            String target =
                    browser.driver.findElement(By.cssSelector(".targets li")).getText();
            assertThat(target)
                    .contains("Électricité, par mois : au plus 50 kWh")
                    .contains("Consommé en 2026-03 : 100 kWh (200 % du plafond).")
                    .contains("Prévision à ce rythme pour la période : 310 kWh.")
                    .contains("Plafond dépassé.");
            assertThat(browser.driver
                            .findElement(By.cssSelector(".targets progress"))
                            .getDomAttribute("value"))
                    .isEqualTo("100");
            assertThat(browser.driver.findElement(By.cssSelector(".alerts")).getText())
                    .contains("Électricité : plafond de 50 kWh dépassé, 100 kWh consommés (2026-03).");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();

            // the dispatch, every second, e-mails it once
            assertThat(smtp.waitForIncomingEmail(60_000, 1)).isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("camille@example.org");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("alertes@ville.example");
            assertThat(mail.getContent().toString())
                    .contains("Électricité : plafond de 50 kWh dépassé, 100 kWh consommés (2026-03).")
                    .contains("Electricity: ceiling of 50 kWh crossed, 100 kWh used (2026-03).")
                    .contains(url("/me/targets"));
            browser.driver.navigate().refresh();
            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(d ->
                            d.findElement(By.cssSelector(".alerts")).getText().contains("envoyée par courriel"));
            browser.driver.executeScript("window.scrollTo(0, document.querySelector('main h1').offsetTop - 8);");
            browser.screenshot("targets");
            // a few more runs of the dispatch send nothing more
            assertThat(smtp.waitForIncomingEmail(3_000, 2)).isFalse();
            assertThat(smtp.getReceivedMessages()).hasSize(1);

            // a wrong ceiling: the message names it, the form keeps what was typed
            browser.driver.findElement(By.id("ceiling")).sendKeys("beaucoup");
            browser.driver
                    .findElement(By.xpath("//button[text()=\"Enregistrer l'objectif\"]"))
                    .click();
            browser.waitForPage(url("/me/targets"));
            assertThat(browser.driver.findElement(By.id("target-error")).getText())
                    .startsWith("Plafond : saisissez un nombre supérieur à 0");
            assertThat(browser.driver.findElement(By.id("ceiling")).getDomProperty("value"))
                    .isEqualTo("beaucoup");
            assertThat(browser.driver.findElement(By.id("ceiling")).getDomAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.driver.findElements(By.cssSelector(".targets li")))
                    .hasSize(1);
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();

            // English, and a phone
            browser.driver.get(url("/me/targets?lang=en"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Targets and alerts");
            assertThat(browser.driver.findElement(By.cssSelector(".alerts")).getText())
                    .contains("Electricity: ceiling of 50 kWh crossed, 100 kWh used (2026-03).")
                    .contains("e-mailed");
            browser.size(360, 740);
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        }
    }
}
