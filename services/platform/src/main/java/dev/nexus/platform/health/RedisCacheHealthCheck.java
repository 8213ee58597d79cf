package dev.nexus.platform.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Redis without taking the service out of rotation: Redis is a cache, so without it reads
 * fall back to PostgreSQL and writes still succeed. The check stays UP and says "degraded"; the
 * built-in Redis check, which would turn readiness DOWN, is disabled in the shared defaults.
 */
@Readiness
@ApplicationScoped
public class RedisCacheHealthCheck implements AsyncHealthCheck {

    public static final String NAME = "Redis cache";

    private final ReactiveRedisDataSource redis;

    public RedisCacheHealthCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(pong -> HealthCheckResponse.named(NAME).up().withData("redis", "UP").build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).up()
                        .withData("redis", "DOWN")
                        .withData("mode", "degraded: reads are served from PostgreSQL")
                        .withData("error", String.valueOf(e.getMessage()))
                        .build());
    }
}
