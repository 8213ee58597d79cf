package dev.nexus.gateway.route;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "nexus.gateway")
public interface GatewayConfig {

    /** Per service: the comma-separated base URLs of its replicas ({@code http://host:port}). */
    Map<String, String> upstream();

    /**
     * Per service: the comma-separated base URLs where its replicas answer {@code /q/health/ready}
     * (their management interfaces); by default each replica's own URL. Only the readiness report
     * uses them.
     */
    Map<String, String> health();

    /** How long to wait for a replica to accept a connection before trying the next one. */
    Duration connectTimeout();

    /** How long a proxied request may wait for bytes from the service before it answers 504. */
    Duration requestTimeout();

    /** How long a replica that refused a connection is tried only after the others. */
    Duration replicaRetryAfter();
}
