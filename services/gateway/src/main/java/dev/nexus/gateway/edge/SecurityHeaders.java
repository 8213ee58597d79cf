package dev.nexus.gateway.edge;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every response of the gateway, proxied or its own: no MIME sniffing, no
 * referrer (calendar feed URLs carry their token), no framing, a Content-Security-Policy (a strict
 * one for pages, inline scripts allowed only for Swagger UI and GraphiQL, none-at-all for API documents), and HSTS when the gateway is served over TLS. An
 * origin that CORS refused gets no {@code Access-Control-*} header at all.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before every other handler, CORS included, so that its answers carry the headers too. */
    static final int ORDER = -1000;

    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI and GraphiQL start themselves with inline scripts: those two developer tools only allow them. */
    static final String TOOL_POLICY = PAGE_POLICY + "; script-src 'self' 'unsafe-inline'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private final Optional<String> hsts;

    SecurityHeaders(@ConfigProperty(name = "nexus.gateway.hsts-max-age") Optional<Duration> hstsMaxAge) {
        this.hsts = hstsMaxAge.filter(age -> !age.isZero())
                .map(age -> "max-age=" + age.toSeconds() + "; includeSubDomains");
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                MultiMap headers = ctx.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("X-Frame-Options", "DENY");
                String type = headers.get("content-type");
                boolean page = type != null && type.startsWith("text/html");
                boolean tool = ctx.normalizedPath().startsWith("/q/swagger-ui") || ctx.normalizedPath().startsWith("/q/graphql-ui");
                headers.set("Content-Security-Policy", !page ? API_POLICY : tool ? TOOL_POLICY : PAGE_POLICY);
                hsts.ifPresent(value -> headers.set("Strict-Transport-Security", value));
                if (!headers.contains("Access-Control-Allow-Origin")) {
                    // the CORS filter still lists methods and headers to an origin it refused
                    headers.names().stream().filter(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15))
                            .toList().forEach(headers::remove);
                }
            });
            ctx.next();
        });
    }
}
