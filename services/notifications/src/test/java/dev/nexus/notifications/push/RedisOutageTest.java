package dev.nexus.notifications.push;

import static dev.nexus.testing.Events.event;
import static dev.nexus.testing.Events.json;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Servers;
import dev.nexus.testing.StreamClient;
import dev.nexus.testing.TcpProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away and comes back (a proxy in front of the real server drops every connection, as a
 * restart does): pushes and counts degrade, then recover without restarting the service, and no
 * count stays wrong for the delta Redis missed meanwhile.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.ThroughProxy.class)
class RedisOutageTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    public static class ThroughProxy implements QuarkusTestProfile {
        static final TcpProxy REDIS = TcpProxy.to(Servers.get().redisUrl());

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://localhost:" + REDIS.port(), "nexus.cache.timeout", "200ms");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;

    @Test
    void after_redis_comes_back_pushes_from_other_replicas_and_counts_flow_again() throws Exception {
        UUID groupId = UUID.randomUUID();
        Learner ada = Learner.named("Ada").joins(groupId);
        Learner bob = Learner.named("Bob").joins(groupId);
        // straight to the real server, as another replica would publish
        RedisAPI direct = RedisAPI.api(Redis.createClient(vertx, Servers.get().redisUrl()));
        String channel = prefix + "push";
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada));
                Broker broker = Broker.open()) {
            assertEquals(0, socket.next().getInteger("count"));
            await().atMost(BOUND).until(() -> subscribers(direct, channel) == 1);

            ThroughProxy.REDIS.cut();
            await().atMost(BOUND).until(() -> subscribers(direct, channel) == 0);
            broker.publish("note.posted.v1", json(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(),
                    "While Redis is away"))));
            // degraded: the count comes from PostgreSQL, and only this replica's sockets get the push
            assertEquals("New note: While Redis is away",
                    socket.next("notification").getJsonObject("notification").getString("title"));
            assertEquals(1, socket.next("unread-count").getInteger("count"));
            ada.call().when().get("/api/v1/notifications/unread-count").then().statusCode(200).body("count", is(1));

            ThroughProxy.REDIS.restore();
            await().atMost(BOUND).until(() -> subscribers(direct, channel) == 1);
            sync(direct.publish(channel, ada.id() + " - " + new JsonObject().put("type", "unread-count")
                    .put("count", 42).encode()));
            assertEquals(42, socket.next("unread-count").getInteger("count"), "another replica's push arrives again");
            broker.publish("note.posted.v1", json(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(),
                    "Redis is back"))));
            assertEquals("New note: Redis is back",
                    socket.next("notification").getJsonObject("notification").getString("title"));
            assertEquals(2, socket.next("unread-count").getInteger("count"));
        }
    }

    private static long subscribers(RedisAPI redis, String channel) throws Exception {
        // PUBSUB NUMSUB answers [channel, count]
        return sync(redis.pubsub(List.of("NUMSUB", channel))).get(1).toLong();
    }

    private static <T> T sync(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String ticket(Learner learner) {
        return learner.call().when().post("/api/v1/notifications/stream-ticket").then().statusCode(200)
                .extract().path("ticket");
    }
}
