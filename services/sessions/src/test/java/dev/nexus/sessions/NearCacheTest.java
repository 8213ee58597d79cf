package dev.nexus.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.cache.NearCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' caches on the real Redis: this service's own {@link HotCache} and a second one with
 * its own connections and near cache, under the same prefix, as a second replica of the service
 * has. Each serves repeated reads from its process; a write's invalidation on one is seen by the
 * other as soon as it returned.
 */
@QuarkusTest
class NearCacheTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    HotCache replicaA;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    private Redis client;
    private NearCache nearB;
    private HotCache replicaB;
    private SimpleMeterRegistry metricsB;

    @BeforeEach
    void startReplicaB() {
        client = Redis.createClient(vertx, redisUrl);
        ReactiveRedisDataSource redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        nearB = new NearCache(redis, vertx, prefix, true, 1_000_000, Duration.ofSeconds(10), Duration.ofSeconds(5));
        nearB.open().await().atMost(WAIT);
        metricsB = new SimpleMeterRegistry();
        replicaB = new HotCache(redis, nearB, json, metricsB, prefix, Duration.ofMillis(250));
    }

    @AfterEach
    void stopReplicaB() {
        nearB.close();
        client.close();
    }

    @Test
    void repeated_reads_are_served_from_the_replicas_own_memory() {
        String key = key();
        HotCache.Entry first = replicaB.get(key, TTL, () -> load("v1")).await().atMost(WAIT);

        for (int i = 0; i < 5; i++) {
            assertSame(first, replicaB.get(key, TTL, () -> load("never")).await().atMost(WAIT));
        }
        assertEquals(5.0, metricsB.counter("nexus.cache", "result", "near").count());
    }

    @Test
    void a_write_invalidated_on_one_replica_is_read_on_the_other_as_soon_as_the_invalidation_returned() {
        for (int round = 0; round < 50; round++) {
            String key = key();
            replicaA.get(key, TTL, () -> load("old")).await().atMost(WAIT);
            replicaB.get(key, TTL, () -> load("old")).await().atMost(WAIT);
            replicaB.get(key, TTL, () -> load("old")).await().atMost(WAIT); // now from B's memory

            replicaA.invalidate(key).await().atMost(WAIT); // the write on A committed, then this

            assertEquals("{\"value\":\"new\"}", replicaB.get(key, TTL, () -> load("new")).await().atMost(WAIT).json(),
                    "round " + round);
        }
    }

    @Test
    void an_invalidation_on_the_second_replica_reaches_the_first_one_too() {
        String key = key();
        replicaA.get(key, TTL, () -> load("old")).await().atMost(WAIT);
        replicaA.get(key, TTL, () -> load("old")).await().atMost(WAIT);

        replicaB.invalidate(key).await().atMost(WAIT);

        assertEquals("{\"value\":\"new\"}", replicaA.get(key, TTL, () -> load("new")).await().atMost(WAIT).json());
    }

    private static Uni<Map<String, String>> load(String value) {
        return Uni.createFrom().item(() -> Map.of("value", value));
    }

    private static String key() {
        return "near-test:" + UUID.randomUUID();
    }
}
