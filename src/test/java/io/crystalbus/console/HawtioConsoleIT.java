package io.crystalbus.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.observe.console.HawtioConsole;
import io.crystalbus.support.Browser;
import io.crystalbus.support.JarProcess;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Hawtio in headless Chromium: the domain routes with their exchange counts, served by the bus itself and by
 * {@code console --connect} against a bus in another JVM. Saves the screenshots the docs use.
 */
class HawtioConsoleIT {
    private static final List<String> DOMAINS = List.of("settlement", "balance", "free-play", "distributions", "collections");

    @BeforeAll
    static void needsChromium() {
        assumeThat(Browser.available()).as("Debian chromium and chromium-driver (installed by .ci/run)").isTrue();
    }

    /** 12 wagers (3 free play) and 2 collections: the counts each domain route must show. */
    private static Map<String, Integer> sendTraffic(java.util.function.BiFunction<String, String, Integer> post) {
        for (int i = 0; i < 12; i++) {
            assertThat(post.apply("/api/v1/wagers/settled", Wagers.json("W-ui-" + i, "C-ui", "A-ui", 1000, 2500, "WIN", i % 4 == 0))).isEqualTo(202);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(post.apply("/api/v1/collections", """
                    {"collectionId":"K-ui-%d","customerId":"C-ui","agentId":"A-ui","currency":"USD","amount":100,"method":"CARD"}""".formatted(i)))
                    .isEqualTo(202);
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("settlement", 12);
        expected.put("balance", 14);
        expected.put("free-play", 3);
        expected.put("distributions", 12);
        expected.put("collections", 2);
        return expected;
    }

    /** Opens the routes table and waits until each domain route shows its expected completed count. */
    private static void assertRouteCounts(ChromeDriver browser, Map<String, Integer> expected, Path screenshot) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> !browser.findElements(By.xpath("//*[text()='routes']")).isEmpty());
        browser.findElement(By.xpath("//*[text()='routes']")).click();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Integer> shown = completedByRoute(browser);
            for (String domain : DOMAINS) {
                assertThat(shown).as("Completed column of route " + domain).containsEntry(domain, expected.get(domain));
            }
        });
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Name (first column) to Completed (fourth column) of the routes table. */
    private static Map<String, Integer> completedByRoute(ChromeDriver browser) {
        Map<String, Integer> completed = new LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("table tbody tr"))) {
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).map(String::trim)
                    .filter(text -> !text.isEmpty()).toList();
            if (cells.size() >= 4 && cells.get(2).matches("\\d+") || cells.size() >= 4 && cells.get(3).matches("\\d+")) {
                int column = cells.get(1).equals("Started") || cells.get(1).equals("Stopped") ? 3 : 2;
                completed.put(cells.get(0), Integer.parseInt(cells.get(column)));
            }
        }
        return completed;
    }

    @Test
    void theBusServesTheConsoleWithItsDomainRoutesAndTheirExchangeCounts(@TempDir Path profile) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.console.enabled", "true"))) {
            Map<String, Integer> expected = sendTraffic((path, body) -> bus.postJson(path, body).statusCode());
            int port = bus.context().hasService(HawtioConsole.class).port();
            ChromeDriver browser = Browser.start(profile, 1400, 1500); // tall enough for every route: the docs use this screenshot
            try {
                browser.get("http://127.0.0.1:" + port + "/hawtio/camel/routes");
                assertRouteCounts(browser, expected, Path.of("target/hawtio/routes.png"));
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void consoleConnectShowsTheRoutesOfAnotherJvm(@TempDir Path profile, @TempDir Path data) throws Exception {
        try (JarProcess bus = JarProcess.bus(data);
             JarProcess console = JarProcess.console(data, "http://127.0.0.1:" + bus.managementPort() + "/observe/jolokia")) {
            Map<String, Integer> expected = sendTraffic((path, body) -> bus.postJson(path, body));
            ChromeDriver browser = Browser.start(profile);
            try {
                browser.get("http://127.0.0.1:" + console.consolePort() + "/hawtio/static/crystal-connect/");
                await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().contains("/hawtio/")
                        && !browser.getCurrentUrl().contains("crystal-connect"));
                browser.get("http://127.0.0.1:" + console.consolePort() + "/hawtio/camel/routes");
                assertRouteCounts(browser, expected, Path.of("target/hawtio/connect-routes.png"));
            } finally {
                browser.quit();
            }
        }
    }
}
