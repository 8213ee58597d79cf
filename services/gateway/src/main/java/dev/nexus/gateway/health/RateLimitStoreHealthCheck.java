package dev.nexus.gateway.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Redis, where the rate-limit buckets live, without taking the gateway out of rotation:
 * without Redis calls go through uncounted (fail open), so the check stays UP and says "degraded".
 */
@Readiness
@ApplicationScoped
public class RateLimitStoreHealthCheck implements AsyncHealthCheck {

    private final ReactiveRedisDataSource redis;

    RateLimitStoreHealthCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(pong -> HealthCheckResponse.named("rate limits").up().withData("redis", "UP").build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("rate limits").up()
                        .withData("redis", "DOWN")
                        .withData("mode", "degraded: calls are not counted (fail open)")
                        .withData("error", String.valueOf(e.getMessage()))
                        .build());
    }
}
