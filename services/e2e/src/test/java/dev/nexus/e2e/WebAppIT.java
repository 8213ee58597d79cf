package dev.nexus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app's browser tests (services/web/tests: Playwright driving Debian's Chromium headless,
 * axe-core on every page) against the platform's gateway, which serves the app at {@code /}. Each
 * Playwright test prints its line below; screenshots of the main pages and the traces of failures
 * are kept in services/e2e/target/web-test-results/. Alone, against a running platform:
 * {@code cd services/web && NEXUS_URL=http://localhost:8080 npm run test:browser}.
 */
@ExtendWith(SharedPlatform.class)
class WebAppIT {

    private static final Path WEB = Path.of(System.getProperty("nexus.e2e.web", "../web")).toAbsolutePath().normalize();
    private static final Path RESULTS = Path.of("target", "web-test-results").toAbsolutePath();

    @Test
    void every_browser_test_of_the_web_app_passes(Platform platform) throws Exception {
        assertTrue(Files.isDirectory(WEB.resolve("node_modules")), WEB + " has no node_modules: build services/web first");
        ProcessBuilder npm = new ProcessBuilder("npm", "run", "test:browser").directory(WEB.toFile()).redirectErrorStream(true);
        npm.environment().put("NEXUS_URL", platform.url(Platform.GATEWAY));
        npm.environment().put("NEXUS_TEST_RESULTS", RESULTS.toString());
        npm.environment().put("CI", "true");
        Process tests = npm.start();
        List<String> failed = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(tests.getInputStream(), StandardCharsets.UTF_8))) {
            output.lines().forEach(line -> {
                System.out.println(line);
                if (line.contains("✘")) {
                    failed.add(line.strip());
                }
            });
        }
        assertTrue(tests.waitFor(15, TimeUnit.MINUTES), "the browser tests did not finish");
        if (!failed.isEmpty()) {
            System.out.println("[WARNING] browser test runs that failed (a test that passed on its retry is flaky): " + failed);
        }
        assertEquals(0, tests.exitValue(), "browser tests failed: " + failed + " (their output is above; traces in "
                + RESULTS + ")");
    }
}
