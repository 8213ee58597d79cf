package dev.nexus.gateway.route;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** The replicas of every service, from configuration ({@code nexus.gateway.upstream.<service>}). */
@ApplicationScoped
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);

    private final Map<String, Upstream> byService = new LinkedHashMap<>();

    Upstreams(GatewayConfig config) {
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

    public Collection<Upstream> all() {
        return byService.values();
    }
}
