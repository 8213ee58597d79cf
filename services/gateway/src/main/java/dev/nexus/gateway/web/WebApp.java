package dev.nexus.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The web app (services/web) at {@code /}: its build lies in {@code META-INF/resources} of the
 * nexus-web jar, which Quarkus serves as static files. The app routes in the browser, so every page
 * address ({@code /groups/42}, {@code /invite/abc}: no file extension, outside the API's and the
 * tools' prefixes) answers its {@code index.html}, which is never cached, while the files under
 * {@code /assets/} carry a content hash in their names and are cached for a year.
 */
@ApplicationScoped
public class WebApp {

    /** A page of the app: not an API, tool or asset path, and no file name with an extension. */
    static final String PAGE = "/(?!(api|graphql|q|docs|openapi|assets|\\.well-known)(/|$))[^.]*";
    private static final String INDEX = "META-INF/resources/index.html";

    private final Optional<Buffer> index;

    WebApp() {
        this.index = read(INDEX);
    }

    void register(@Observes Router router) {
        index.ifPresent(page -> router.getWithRegex(PAGE).handler(ctx -> ctx.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .end(page)));
        router.get("/assets/*").handler(ctx -> {
            ctx.response().putHeader("cache-control", "public, max-age=31536000, immutable");
            ctx.next();
        });
    }

    private static Optional<Buffer> read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
