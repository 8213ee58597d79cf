package dev.nexus.gateway.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.gateway.route.GatewayConfig;
import dev.nexus.gateway.route.Routes;
import dev.nexus.gateway.route.Upstream;
import dev.nexus.gateway.route.Upstreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The GraphQL resolvers' way to the services: their public REST API, with the caller's
 * {@code Authorization} header, over the same replicas and failover as the proxy. A service's
 * problem becomes an {@link UpstreamProblem}. Every call is counted in
 * {@code nexus_gateway_graphql_upstream_calls_total}.
 */
@ApplicationScoped
public class Rest {

    private final Upstreams upstreams;
    private final ObjectMapper json;
    private final long timeoutMillis;
    private final Counter calls;

    Rest(Upstreams upstreams, ObjectMapper json, GatewayConfig config, MeterRegistry registry) {
        this.upstreams = upstreams;
        this.json = json;
        this.timeoutMillis = config.requestTimeout().toMillis();
        this.calls = Counter.builder("nexus.gateway.graphql.upstream_calls")
                .description("REST calls made to resolve GraphQL operations").register(registry);
    }

    public <T> Uni<T> get(String authorization, String path, Class<T> type) {
        return call(HttpMethod.GET, authorization, path, null, Map.of(), type);
    }

    public <T> Uni<T> send(HttpMethod method, String authorization, String path, Object body, Class<T> type) {
        return call(method, authorization, path, body, Map.of(), type);
    }

    /** {@code path} includes the query; the owning service is found from it like the proxy finds it. */
    public <T> Uni<T> call(HttpMethod method, String authorization, String path, Object body,
            Map<String, String> headers, Class<T> type) {
        String service = Routes.serviceOf(path.contains("?") ? path.substring(0, path.indexOf('?')) : path)
                .orElseThrow(() -> new IllegalArgumentException("no service serves " + path));
        Upstream upstream = upstreams.of(service);
        Buffer payload = body == null ? null : Buffer.buffer(write(body));
        calls.increment();
        Future<Reply> reply = upstream.connect(upstreams.client(), new RequestOptions().setMethod(method).setURI(path)
                        .setIdleTimeout(timeoutMillis))
                .compose(request -> {
                    if (authorization != null) {
                        request.putHeader("authorization", authorization);
                    }
                    headers.forEach(request::putHeader);
                    if (payload != null) {
                        request.putHeader("content-type", "application/json");
                    }
                    return payload == null ? request.send() : request.send(payload);
                })
                .compose(response -> response.body().map(bytes -> new Reply(response.statusCode(), bytes)));
        return Uni.createFrom().completionStage(reply.toCompletionStage())
                .onFailure(Upstream.Unavailable.class).transform(e -> UpstreamProblem.unavailable(service))
                .map(r -> {
                    if (r.status() >= 400) {
                        throw UpstreamProblem.of(service, r.status(), r.body().toString());
                    }
                    return r.status() == 204 || type == Void.class ? null : read(r.body(), type);
                });
    }

    private record Reply(int status, Buffer body) {
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(Buffer body, Class<T> type) {
        try {
            return json.readValue(body.getBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
