package dev.nexus.sessions.session;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Db;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Hot reads from Redis, and that every write path makes the next read see it. */
@QuarkusTest
class SessionCacheTest {

    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;

    private static String schedule(Learner owner, UUID groupId, String title) {
        return owner.call().body(Map.of("title", title, "startsAt", OffsetDateTime.now().plusDays(1).withNano(0).toString(),
                        "durationMinutes", 60, "timeZone", "UTC"))
                .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201).extract().path("id");
    }

    @Test
    void a_session_is_served_from_the_cache_and_its_etag_answers_304() {
        Learner owner = Learner.named("Owner");
        String id = schedule(owner, owner.creates("PUBLIC"), "Cached");

        owner.call().when().get("/api/v1/sessions/" + id).then().statusCode(200).header("ETag", "\"v0;Europe/Berlin\"");
        assertNotNull(redis.value(String.class).get(prefix + "session:" + id), "stored in Redis");

        // Changed behind the service's back: the cache still answers, a no-cache read does not.
        Db.execute("update coding_sessions set title = 'Changed in the database' where id = ?", UUID.fromString(id));
        owner.call().when().get("/api/v1/sessions/" + id).then().body("title", equalTo("Cached"));
        owner.call().header("Cache-Control", "no-cache").when().get("/api/v1/sessions/" + id)
                .then().body("title", equalTo("Changed in the database"));

        owner.call().header("If-None-Match", "\"v0;Europe/Berlin\"").when().get("/api/v1/sessions/" + id).then().statusCode(304);
    }

    @Test
    void an_edit_and_a_cancellation_are_seen_by_the_next_read() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = schedule(owner, groupId, "Before");
        owner.call().when().get("/api/v1/sessions/" + id).then().body("title", equalTo("Before"));
        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().body("items.title", hasItem("Before"));

        owner.call().header("If-Match", "\"v0\"").body(Map.of("title", "After"))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(200);
        owner.call().when().get("/api/v1/sessions/" + id).then().body("title", equalTo("After")).header("ETag", "\"v1;Europe/Berlin\"");
        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().body("items.title", hasItem("After"));

        owner.call().when().post("/api/v1/sessions/" + id + "/cancel").then().statusCode(200);
        owner.call().when().get("/api/v1/sessions/" + id).then().body("cancelled", equalTo(true));
        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().body("items.sessionId", not(hasItem(id)));
    }

    @Test
    void a_new_session_is_in_the_next_upcoming_list() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        schedule(owner, groupId, "First");
        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().body("items.title", hasItem("First"));

        schedule(owner, groupId, "Second");

        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().body("items.title", hasItem("Second"));
    }

    @Test
    void making_a_group_private_hides_its_cached_sessions_from_outsiders_at_once() {
        Learner owner = Learner.named("Owner");
        Learner outsider = Learner.named("Outsider");
        UUID groupId = owner.creates("PUBLIC");
        String id = schedule(owner, groupId, "Soon private");
        outsider.call().when().get("/api/v1/sessions/" + id).then().statusCode(200);
        outsider.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().statusCode(200);

        owner.call().body(Map.of("visibility", "PRIVATE")).when().patch("/api/v1/groups/" + groupId).then().statusCode(200);

        outsider.call().when().get("/api/v1/sessions/" + id).then().statusCode(404);
        outsider.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().statusCode(404);
        owner.call().when().get("/api/v1/sessions/" + id).then().statusCode(200);
    }

    @Test
    void a_member_who_leaves_a_private_group_loses_access_at_once() {
        Learner owner = Learner.named("Owner");
        Learner member = Learner.named("Member");
        UUID groupId = owner.creates("PRIVATE");
        member.joinsWith(groupId, owner.invites(groupId));
        String id = schedule(owner, groupId, "Members only");
        member.call().when().get("/api/v1/sessions/" + id).then().statusCode(200);

        member.call().when().delete("/api/v1/groups/" + groupId + "/members/" + member.id()).then().statusCode(204);

        member.call().when().get("/api/v1/sessions/" + id).then().statusCode(404);
        member.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().statusCode(404);
    }
}
