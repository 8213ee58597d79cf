package dev.nexus.gateway.docs;

import dev.nexus.gateway.edge.Problems;
import dev.nexus.gateway.route.GatewayConfig;
import dev.nexus.gateway.route.Routes;
import dev.nexus.gateway.route.Upstreams;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every service's OpenAPI document at one origin, {@code /openapi/<service>.json} (from the
 * service's own {@code /q/openapi}), for the gateway's Swagger UI and for client generators;
 * {@code /docs} lists them with the GraphQL schema.
 */
@ApplicationScoped
public class ApiDocuments {

    private final Upstreams upstreams;
    private final long timeoutMillis;

    ApiDocuments(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.timeoutMillis = config.requestTimeout().toMillis();
    }

    void register(@Observes Router router) {
        router.get("/openapi/:document").handler(this::document);
        router.getWithRegex("/docs").handler(ctx -> ctx.redirect("/docs/"));
    }

    private void document(RoutingContext ctx) {
        String document = ctx.pathParam("document");
        String service = document.endsWith(".json") ? document.substring(0, document.length() - 5) : document;
        if (!Routes.SERVICES.contains(service)) {
            Problems.send(ctx.response(), 404, "not-found", "Not Found",
                    "no OpenAPI document named " + document + "; there are " + String.join(", ", Routes.SERVICES));
            return;
        }
        upstreams.of(service).connect(upstreams.client(), new RequestOptions().setMethod(HttpMethod.GET)
                        .setURI("/q/openapi?format=json").setIdleTimeout(timeoutMillis))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
                    ctx.response().setStatusCode(response.statusCode())
                            .putHeader("content-type", "application/json").end(body);
                    return null;
                }))
                .onFailure(e -> Problems.send(ctx.response(), 503, "service-unavailable", "Service Unavailable",
                        "the " + service + " service is not reachable; try again shortly"));
    }
}
