package dev.nexus.gateway.route;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The replicas of every service, from configuration ({@code nexus.gateway.upstream.<service>}), and
 * the one HTTP client (keep-alive pool, connect timeout) that the proxy, GraphQL and the
 * documentation use to reach them.
 */
@ApplicationScoped
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);

    private final Map<String, Upstream> byService = new LinkedHashMap<>();
    private final HttpClient client;

    Upstreams(GatewayConfig config, Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(100));
        for (String service : Routes.SERVICES) {
            String urls = config.upstream().get(service);
            if (urls == null || urls.isBlank()) {
                throw new IllegalStateException("no address for " + service + ": set nexus.gateway.upstream." + service);
            }
            Upstream upstream = Upstream.parse(service, urls, config.replicaRetryAfter());
            byService.put(service, upstream);
            LOG.infof("%s -> %s", service, upstream.urls());
        }
    }

    public Upstream of(String service) {
        Upstream upstream = byService.get(service);
        if (upstream == null) {
            throw new IllegalArgumentException("no such service: " + service);
        }
        return upstream;
    }

    public HttpClient client() {
        return client;
    }

    public Collection<Upstream> all() {
        return byService.values();
    }
}
