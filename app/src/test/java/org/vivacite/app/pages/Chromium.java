package org.vivacite.app.pages;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through its chromedriver, both from Debian's packages ({@code chromium},
 * {@code chromium-driver}; {@code .ci/run} installs them when missing). Selenium is given both
 * paths, so it never downloads a browser. The flags keep Chromium off the network it cannot reach.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("vivacite.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("vivacite.chromedriver", "/usr/bin/chromedriver"));

    /** The WCAG 2.1 A and AA rules (RGAA follows them). */
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    final ChromeDriver driver;

    /** A browser whose preferred language is {@code language} (its {@code Accept-Language}). */
    Chromium(String language) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM
                    + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /**
     * Waits until the browser shows {@code url} and has loaded it: a click or a key that navigates
     * returns before the next page (a redirect's, a form's) is there.
     */
    void waitForPage(String url) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> url.equals(d.getCurrentUrl())
                        && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** The window's size in CSS pixels, as a phone's (360 wide) or a desktop's. */
    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * The serious and critical WCAG 2.1 AA violations axe-core finds on the page shown, one line each
     * (rule, impact, the first element); empty when there are none.
     */
    List<String> seriousAccessibilityViolations() {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException(
                    "axe-core failed on " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Chromium::describe)
                .collect(Collectors.toList());
    }

    private static String describe(Rule rule) {
        String where =
                rule.getNodes().isEmpty() ? "" : " at " + rule.getNodes().get(0).getTarget();
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + where;
    }

    /** A screenshot of the page shown, in {@code target/pages/NAME.png} (docs/images takes them from there). */
    void screenshot(String name) throws IOException {
        Path folder = Path.of("target", "pages");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
