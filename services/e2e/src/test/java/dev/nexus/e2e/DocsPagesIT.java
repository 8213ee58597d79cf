package dev.nexus.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's documentation pages in a real browser (headless Chromium): what a person sees
 * once the page's scripts ran under the gateway's Content-Security-Policy.
 */
@ExtendWith(SharedPlatform.class)
class DocsPagesIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("nexus.e2e.chromium", "/usr/bin/chromium"));

    private static String gateway;

    @BeforeAll
    static void startPlatform(Platform shared) {
        gateway = shared.url(Platform.GATEWAY);
    }

    @Test
    void the_docs_page_links_every_services_document_and_the_graphql_tools() throws Exception {
        String dom = rendered("/docs/");
        for (String link : List.of("/openapi/identity.json", "/openapi/sessions.json", "/openapi/notes.json",
                "/openapi/notifications.json", "/q/swagger-ui/", "/graphql/schema.graphql", "/q/graphql-ui/")) {
            assertTrue(dom.contains("href=\"" + link + "\""), "no link to " + link);
        }
    }

    @Test
    void swagger_ui_shows_the_services_operations_read_through_the_gateway() throws Exception {
        String dom = rendered("/q/swagger-ui/");
        assertTrue(dom.contains("Nexus sessions API"), "the sessions document was not rendered");
        assertTrue(dom.contains("data-path=\"/api/v1/groups/{groupId}/sessions\""), "no operations listed");
    }

    @Test
    void graphiql_starts_and_loads_the_schema() throws Exception {
        String dom = rendered("/q/graphql-ui/");
        assertTrue(dom.contains("graphiql-container"), "GraphiQL did not start");
        assertFalse(dom.contains("maximum query depth"), "the introspection query was refused");
    }

    /** The DOM after the page's scripts ran (8 s of virtual time). */
    private static String rendered(String path) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: apt-get install chromium (.ci/run installs it)");
        }
        Path profile = Files.createTempDirectory("nexus-chromium");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=8000", "--dump-dom", gateway + path)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Chromium did not finish rendering " + path);
            }
            return dom;
        } finally {
            chromium.destroyForcibly();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
