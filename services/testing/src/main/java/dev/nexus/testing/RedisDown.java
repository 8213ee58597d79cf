package dev.nexus.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URL;
import java.util.Map;

/**
 * What every service's {@code RedisDownTest} shares. Redis is a cache, never a source of truth: with
 * it unreachable a service must still work and stay ready, its readiness reporting Redis as DOWN.
 * Extend it with a {@code @QuarkusTest @TestProfile(RedisDown.Unreachable.class)} class that runs the
 * service's own scenario and ends with {@link #assertReadyWithRedisDown()}.
 */
public abstract class RedisDown {

    /** Redis at a port where nothing listens; the short cache timeout keeps each fallback quick. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://localhost:1", "nexus.cache.timeout", "200ms");
        }
    }

    /** The management interface's /q/, where readiness is served. */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    /** Readiness stays UP (Redis down degrades, it takes no service out of rotation) and says Redis is DOWN. */
    protected void assertReadyWithRedisDown() {
        given().baseUri(management.toString()).when().get("health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Redis cache' }.data.redis", equalTo("DOWN"));
    }
}
