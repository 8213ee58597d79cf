package dev.nexus.sessions.session;

import static org.hamcrest.Matchers.equalTo;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.RedisDown;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redis is a cache: without it the service reads from PostgreSQL and still takes writes. */
@QuarkusTest
@TestProfile(RedisDown.Unreachable.class)
class RedisDownTest extends RedisDown {

    @Test
    void with_redis_unreachable_writes_succeed_reads_answer_and_readiness_stays_up() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PRIVATE");
        String id = owner.call().body(Map.of("title", "No cache", "startsAt",
                        OffsetDateTime.now().plusDays(1).withNano(0).toString(), "durationMinutes", 60, "timeZone", "UTC"))
                .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201).extract().path("id");

        owner.call().when().get("/api/v1/sessions/" + id).then().statusCode(200).body("title", equalTo("No cache"));
        owner.call().header("If-Match", "\"v0\"").body(Map.of("title", "Still no cache"))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(200);
        owner.call().when().get("/api/v1/sessions/" + id).then().statusCode(200).body("title", equalTo("Still no cache"));
        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().statusCode(200)
                .body("items[0].title", equalTo("Still no cache"));
        Learner.named("Outsider").call().when().get("/api/v1/sessions/" + id).then().statusCode(404);

        assertReadyWithRedisDown();
    }
}
