package org.vivacite.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
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
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;

/**
 * The home page and the login in a real browser (Debian's Chromium): French first, English on
 * request; the open doors; the login through the embedded OIDC provider and back; keyboard
 * navigation; a 360-pixel phone; and no serious or critical WCAG 2.1 AA violation found by
 * axe-core on any of them.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class HomePageBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path data;

    static int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
    }

    @BeforeAll
    static void accounts(@Autowired Accounts accounts) {
        accounts.put("camille", "Camille Martin", Set.of(Role.CITIZEN), PASSWORD);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void aVisitorSeesWhatThePlatformIsInFrenchWithItsOpenDoorsAndTheLogin() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            browser.driver.get(url("/"));
            assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo("fr");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo("L'énergie et l'eau de votre ville, mesurées et partagées");
            assertThat(browser.driver.findElements(By.cssSelector("main a")).stream()
                            .map(a -> a.getDomAttribute("href")))
                    .containsExactly("/catalog", "/sparql", "/login");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("home");

            browser.driver
                    .findElement(By.cssSelector("main a[href='/catalog']"))
                    .click();
            browser.waitForPage(url("/catalog"));
        }
    }

    @Test
    void englishOnRequestIsKeptFromPageToPage() {
        try (Chromium browser = new Chromium("fr")) {
            browser.driver.get(url("/"));
            browser.driver.findElement(By.linkText("English")).click();
            browser.waitForPage(url("/?lang=en"));
            assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo("en");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Your city's energy and water, measured and shared");
            browser.driver.get(url("/login"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Log in");
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.driver.findElement(By.linkText("Français")).click();
            browser.waitForPage(url("/login?lang=fr"));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Se connecter");
        }
    }

    @Test
    void aBrowserThatPrefersEnglishGetsEnglishAndOneThatPrefersNeitherGetsFrench() {
        try (Chromium english = new Chromium("en-GB")) {
            english.driver.get(url("/"));
            assertThat(english.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo("en");
        }
        try (Chromium german = new Chromium("de")) {
            german.driver.get(url("/?lang=de"));
            assertThat(german.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo("fr");
        }
    }

    @Test
    void theKeyboardAloneReachesTheLoginAndLogsIn() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            browser.driver.get(url("/"));
            WebElement body = browser.driver.findElement(By.tagName("body"));
            body.sendKeys(Keys.TAB);
            assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Aller au contenu");
            WebElement focused = browser.driver.switchTo().activeElement();
            for (int i = 0; i < 10 && !"/login".equals(focused.getDomAttribute("href")); i++) {
                focused.sendKeys(Keys.TAB);
                focused = browser.driver.switchTo().activeElement();
            }
            assertThat(focused.getDomAttribute("href"))
                    .as("the login link, by Tab")
                    .isEqualTo("/login");
            focused.sendKeys(Keys.ENTER);
            browser.waitForPage(url("/login"));
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("login");

            browser.driver.findElement(By.id("username")).sendKeys("camille");
            browser.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
            // the form, the embedded provider's authorisation and the code's exchange, then home
            browser.waitForPage(url("/"));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=status]"))
                            .getText())
                    .isEqualTo("Vous êtes connecté·e : Camille Martin.");
            assertThat(browser.driver.findElements(By.cssSelector("a[href='/login']")))
                    .isEmpty();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();

            browser.driver
                    .findElement(By.xpath("//button[text()='Se déconnecter']"))
                    .click();
            browser.waitForPage(url("/login?logout"));
            assertThat(browser.driver
                            .findElement(By.cssSelector("[role=status]"))
                            .getText())
                    .isEqualTo("Vous êtes déconnecté·e.");
        }
    }

    @Test
    void onA360PixelPhoneNothingScrollsSideways() throws IOException {
        try (Chromium browser = new Chromium("fr")) {
            browser.size(360, 740);
            for (String page : new String[] {"/", "/login"}) {
                browser.driver.get(url(page));
                Object overflow = browser.driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue())
                        .as(page + ": pixels beyond the screen's width")
                        .isLessThanOrEqualTo(0);
            }
            browser.driver.get(url("/"));
            browser.screenshot("home-phone");
        }
    }
}
