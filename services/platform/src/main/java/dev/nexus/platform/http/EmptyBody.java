package dev.nexus.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

/**
 * A request with no body and no {@code Content-Type} is taken as an empty JSON body, so that an
 * endpoint whose body is optional ({@code POST …/members}, {@code POST …/cancel}) answers
 * {@code fetch(url, {method: 'POST'})} or {@code curl -X POST} instead of a 415.
 */
@ApplicationScoped
public class EmptyBody {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (request.method() != HttpMethod.GET && request.getHeader(HttpHeaders.CONTENT_TYPE) == null
                    && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null
                    && (length == null || length.trim().equals("0"))) {
                request.headers().set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
            }
            ctx.next();
        });
    }
}
