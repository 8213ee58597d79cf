package dev.nexus.gateway.graphql;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code Authorization} header of the GraphQL request being resolved, passed on to the services as it is. */
@ApplicationScoped
public class Caller {

    private final CurrentVertxRequest request;

    Caller(CurrentVertxRequest request) {
        this.request = request;
    }

    public String authorization() {
        RoutingContext current = request.getCurrent();
        return current == null ? null : current.request().getHeader("Authorization");
    }
}
