package dev.nexus.gateway.route;

import dev.nexus.gateway.edge.Problems;
import dev.nexus.gateway.ratelimit.RateLimitInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Routes every path of DESIGN §6 to the service that owns it with Vert.x's reverse proxy: method,
 * path, query, headers and status pass through, bodies stream both ways, WebSocket upgrades are
 * tunnelled. The {@code Host} the client used is kept, so links a service builds name the gateway.
 * A service that cannot be reached answers a problem that names it, within the connect timeout
 * (per replica) or the request timeout.
 */
@ApplicationScoped
public class ProxyRoutes {

    /** After the edge filters (security headers, CORS, rate limits), before anything else. */
    public static final int ORDER = 100;

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    private final Map<String, HttpProxy> proxies = new LinkedHashMap<>();
    /** WebSocket upgrades already connected to a replica, until the proxy asks for their origin request. */
    private final Map<HttpServerRequest, HttpClientRequest> upgrades = new ConcurrentHashMap<>();
    private final Upstreams upstreams;
    private final GatewayConfig config;
    private final RateLimitInterceptor rateLimits;
    private final MeterRegistry registry;

    ProxyRoutes(Upstreams upstreams, GatewayConfig config, RateLimitInterceptor rateLimits, MeterRegistry registry) {
        this.upstreams = upstreams;
        this.config = config;
        this.rateLimits = rateLimits;
        this.registry = registry;
    }

    void register(@Observes Router router) {
        HttpClient client = upstreams.client();
        upstreams.all().forEach(upstream -> proxies.put(upstream.service(),
                HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                        .origin(context -> {
                            HttpClientRequest connected = upgrades.remove(context.request().proxiedRequest());
                            return connected != null ? Future.succeededFuture(connected)
                                    : upstream.connect(context.client(), originOptions(context));
                        })
                        .addInterceptor(new Edge(upstream.service()))
                        .addInterceptor(rateLimits)));
        router.route().order(ORDER).handler(this::route);
        router.route("/api/v1/*").order(ORDER + 1).handler(ctx -> Problems.send(ctx.response(), 404, "not-found",
                "Not Found", "no Nexus API serves " + ctx.normalizedPath()));
    }

    private void route(RoutingContext ctx) {
        String service = Routes.serviceOf(ctx.normalizedPath()).orElse(null);
        if (service == null) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        if (!request.path().equals(ctx.normalizedPath())) {
            // What a service would make of dot segments or encoded characters is not what was routed.
            Problems.send(ctx.response(), 400, "invalid-request", "Invalid request",
                    "the path must not contain dot segments or percent-encoded unreserved characters");
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("upgrade"))) {
            proxies.get(service).handle(request);
            return;
        }
        // The proxy answers a WebSocket upgrade it cannot connect with an empty 502 of its own, and
        // runs no interceptor for upgrades: connect first, so that an unreachable service is a problem.
        upstreams.of(service).connect(upstreams.client(), new RequestOptions())
                .onSuccess(connected -> {
                    upgrades.put(request, connected);
                    proxies.get(service).handle(request); // asks for its origin at once
                    HttpClientRequest unused = upgrades.remove(request);
                    if (unused != null) { // refused before asking (a malformed request)
                        unused.reset();
                    }
                })
                .onFailure(e -> Problems.send(ctx.response().putHeader("retry-after", "1"), 503,
                        "service-unavailable", "Service Unavailable",
                        "the " + service + " service is not reachable; try again shortly", service));
    }

    private RequestOptions originOptions(ProxyContext context) {
        return new RequestOptions().setIdleTimeout(config.requestTimeout().toMillis());
    }

    /** Keeps what the client addressed, says who the client is, and turns a failed call into a problem. */
    private final class Edge implements ProxyInterceptor {
        private final String service;
        /** {@code nexus.gateway.upstream} of this service by status, looked up once instead of on every call. */
        private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

        Edge(String service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            HttpServerRequest incoming = request.proxiedRequest();
            if (incoming.authority() != null) {
                request.setAuthority(incoming.authority());
            }
            // the trace goes on from the gateway's span of this request (the client's own traceparent, if
            // any, is its parent), set here, where that span is current: later steps (a rate limit's Redis
            // call) may run where it is not, and the HTTP client would then start the service on a new trace
            request.headers().remove("traceparent").remove("tracestate");
            SpanContext trace = Span.current().getSpanContext();
            if (trace.isValid()) {
                request.putHeader("traceparent", "00-" + trace.getTraceId() + "-" + trace.getSpanId() + "-"
                        + trace.getTraceFlags().asHex());
            }
            request.putHeader("x-forwarded-for", incoming.remoteAddress().hostAddress());
            request.putHeader("x-forwarded-proto", incoming.scheme());
            // with a forwarded proto the services rebuild their absolute URLs (Location) from these
            // headers, and without a port they would drop the one the client used
            int port = incoming.authority() == null ? -1 : incoming.authority().port();
            request.putHeader("x-forwarded-port", String.valueOf(port > 0 ? port
                    : "https".equals(incoming.scheme()) ? 443 : 80));
            long start = System.nanoTime();
            return context.sendRequest().recover(e -> Future.succeededFuture(failure(request, e)))
                    .onSuccess(response -> timers.computeIfAbsent(response.getStatusCode(), this::timer)
                            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        }

        private Timer timer(int status) {
            return Timer.builder("nexus.gateway.upstream")
                    .description("time until a service's answer began, by service and status")
                    .tag("service", service).tag("status", String.valueOf(status)).register(registry);
        }

        private ProxyResponse failure(ProxyRequest request, Throwable e) {
            ProxyResponse response = request.release().response();
            Buffer body;
            if (e instanceof Upstream.Unavailable) {
                response.setStatusCode(503).putHeader("retry-after", "1");
                body = Problems.body(503, "service-unavailable", "Service Unavailable",
                        "the " + service + " service is not reachable; try again shortly", service);
            } else if (e instanceof TimeoutException) {
                response.setStatusCode(504);
                body = Problems.body(504, "gateway-timeout", "Gateway Timeout", "the " + service
                        + " service did not answer within " + config.requestTimeout().toMillis() + " ms", service);
            } else {
                response.setStatusCode(502);
                body = Problems.body(502, "bad-gateway", "Bad Gateway",
                        "the " + service + " service failed to answer", service);
            }
            if (request.proxiedRequest().response().closed()) {
                // the client went away first (its connection closed mid-request): nothing failed here
                LOG.debugf("%s %s -> %s: client gone (%s)", request.getMethod(), request.getURI(), service, e.getMessage());
            } else {
                LOG.warnf("%s %s -> %s: %d (%s)", request.getMethod(), request.getURI(), service,
                        response.getStatusCode(), e.getMessage());
            }
            return response.putHeader("content-type", Problems.MEDIA_TYPE).setBody(Body.body(body));
        }
    }
}
