package dev.nexus.sessions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.cache.NearCache;
import dev.nexus.platform.health.RedisCacheHealthCheck;
import dev.nexus.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The platform's Redis cache-aside helper and Redis health, against the real Redis and an unreachable one. */
@QuarkusTest
class HotCacheTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    HotCache cache;
    @Inject
    NearCache near;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;

    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void a_miss_loads_and_stores_and_the_next_read_is_a_hit_from_this_process() {
        String key = key();
        cache.get(key(), TTL, () -> load("first use")).await().atMost(WAIT);
        await().atMost(WAIT).until(near::isOn); // subscribed to the other replicas' invalidations
        loads.set(0);
        double hitsBefore = count("near");

        HotCache.Entry first = cache.get(key, TTL, () -> load("v1")).await().atMost(WAIT);
        HotCache.Entry second = cache.get(key, TTL, () -> load("v2")).await().atMost(WAIT);

        assertEquals(1, loads.get());
        assertEquals("{\"value\":\"v1\"}", second.json());
        assertEquals(first.etag(), second.etag());
        assertEquals(hitsBefore + 1, count("near"));
        assertNotNull(redis.value(String.class).get(prefix + key).await().atMost(WAIT), "stored under the run's prefix");
    }

    @Test
    void concurrent_misses_on_one_key_run_the_loader_once() {
        String key = key();

        List<HotCache.Entry> entries = Uni.join().all(IntStream.range(0, 20)
                .mapToObj(i -> cache.get(key, TTL, () -> load("slow").onItem().delayIt().by(Duration.ofMillis(200))))
                .toList()).andFailFast().await().atMost(WAIT);

        assertEquals(1, loads.get());
        assertEquals(1, entries.stream().map(HotCache.Entry::etag).distinct().count());
    }

    @Test
    void after_invalidation_the_next_read_loads_the_new_value() {
        String key = key();
        cache.get(key, TTL, () -> load("old")).await().atMost(WAIT);

        cache.invalidate(key).await().atMost(WAIT);
        HotCache.Entry fresh = cache.get(key, TTL, () -> load("new")).await().atMost(WAIT);

        assertEquals("{\"value\":\"new\"}", fresh.json());
        assertEquals(2, loads.get());
    }

    @Test
    void entries_are_stored_with_their_ttl() {
        String key = key();
        cache.get(key, Duration.ofSeconds(30), () -> load("x")).await().atMost(WAIT);

        long pttl = redis.key().pttl(prefix + key).await().atMost(WAIT);
        assertTrue(pttl > 0 && pttl <= 30_000, "PTTL " + pttl);
    }

    @Test
    void a_failing_loader_caches_nothing() {
        String key = key();
        assertThrows(ProblemException.class, () -> cache.get(key, TTL,
                () -> Uni.createFrom().failure(ProblemException.notFound("gone"))).await().atMost(WAIT));

        assertEquals("{\"value\":\"later\"}", cache.get(key, TTL, () -> load("later")).await().atMost(WAIT).json());
    }

    @Test
    void the_etag_answers_if_none_match_with_304() {
        HotCache.Entry entry = cache.get(key(), TTL, () -> load("tagged")).await().atMost(WAIT);

        assertEquals(304, entry.toResponse(entry.etag()).getStatus());
        assertEquals(304, entry.toResponse("\"other\", " + entry.etag()).getStatus());
        assertEquals(200, entry.toResponse("\"other\"").getStatus());
        assertEquals(200, entry.toResponse(null).getStatus());
    }

    @Test
    void with_redis_unreachable_reads_come_from_the_loader_and_are_counted_as_fallbacks() {
        Redis deadClient = Redis.createClient(vertx, "redis://localhost:1");
        SimpleMeterRegistry deadMetrics = new SimpleMeterRegistry();
        ReactiveRedisDataSource dead = new ReactiveRedisDataSourceImpl(vertx, deadClient, RedisAPI.api(deadClient));
        NearCache near = new NearCache(dead, vertx, prefix, true, 1_000_000, Duration.ofSeconds(10), Duration.ofMillis(250));
        HotCache withoutRedis = new HotCache(dead, near, json, deadMetrics, prefix, Duration.ofMillis(250));
        try {
            String key = key();
            HotCache.Entry entry = withoutRedis.get(key, TTL, () -> load("from db")).await().atMost(WAIT);
            withoutRedis.invalidate(key).await().atMost(WAIT); // never fails, even without Redis

            HotCache.Entry again = withoutRedis.get(key, TTL, () -> load("from db")).await().atMost(WAIT);

            assertEquals("{\"value\":\"from db\"}", entry.json());
            assertEquals(entry.json(), again.json());
            assertEquals(2, loads.get(), "without Redis there is no near cache either: each read loads");
            assertTrue(deadMetrics.counter("nexus.cache", "result", "fallback").count() >= 3);
        } finally {
            near.close();
            deadClient.close();
        }
    }

    @Test
    void with_redis_unreachable_the_service_stays_ready_and_reports_degraded() {
        Redis deadClient = Redis.createClient(vertx, "redis://localhost:1");
        try {
            HealthCheckResponse health = new RedisCacheHealthCheck(
                    new ReactiveRedisDataSourceImpl(vertx, deadClient, RedisAPI.api(deadClient))).call().await().atMost(WAIT);

            assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
            assertEquals("DOWN", health.getData().orElseThrow().get("redis"));
            assertTrue(String.valueOf(health.getData().orElseThrow().get("mode")).startsWith("degraded"));
        } finally {
            deadClient.close();
        }
    }

    private Uni<Map<String, String>> load(String value) {
        return Uni.createFrom().item(() -> {
            loads.incrementAndGet();
            return Map.of("value", value);
        });
    }

    private double count(String result) {
        return metrics.counter("nexus.cache", "result", result).count();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}
