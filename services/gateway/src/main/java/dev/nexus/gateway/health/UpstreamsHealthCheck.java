package dev.nexus.gateway.health;

import dev.nexus.gateway.route.GatewayConfig;
import dev.nexus.gateway.route.Upstream;
import dev.nexus.gateway.route.Upstreams;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports, per service, how many of its replicas answer their own readiness check. The gateway
 * stays ready while a service is down (it still serves the others and answers 503 for that one);
 * such a service is listed under {@code unavailable}.
 */
@Readiness
@ApplicationScoped
public class UpstreamsHealthCheck implements AsyncHealthCheck {

    private static final long TIMEOUT_MILLIS = 2000;

    private final Upstreams upstreams;
    private final GatewayConfig config;

    UpstreamsHealthCheck(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.config = config;
    }

    /** Where the service's replicas answer readiness: their management interfaces when configured. */
    private List<URI> healthUrls(Upstream upstream) {
        String urls = config.health().get(upstream.service());
        return urls == null || urls.isBlank() ? upstream.urls()
                : Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).map(URI::create).toList();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Future<String>> reports = new ArrayList<>();
        for (Upstream upstream : upstreams.all()) {
            List<Future<Boolean>> replicas = healthUrls(upstream).stream().map(this::ready).toList();
            reports.add(Future.join(replicas).map(all -> {
                long ready = replicas.stream().filter(Future::result).count();
                return ready + " of " + replicas.size() + " replicas ready";
            }));
        }
        return Uni.createFrom().completionStage(Future.join(reports).toCompletionStage()).map(all -> {
            HealthCheckResponseBuilder health = HealthCheckResponse.named("upstreams").up();
            List<String> unavailable = new ArrayList<>();
            int i = 0;
            for (Upstream upstream : upstreams.all()) {
                String report = reports.get(i++).result();
                health.withData(upstream.service(), report);
                if (report.startsWith("0 ")) {
                    unavailable.add(upstream.service());
                }
            }
            return health.withData("unavailable", String.join(",", unavailable)).build();
        });
    }

    private Future<Boolean> ready(URI url) {
        return upstreams.client().request(new RequestOptions().setMethod(HttpMethod.GET).setHost(url.getHost())
                        .setPort(url.getPort()).setURI("/q/health/ready").setConnectTimeout(TIMEOUT_MILLIS)
                        .setIdleTimeout(TIMEOUT_MILLIS))
                .compose(request -> request.send())
                .map(response -> response.statusCode() == 200)
                .otherwise(false);
    }
}
