package dev.nexus.notes;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.nexus.testing.RedisDown;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redis is a cache: without it notes, votes and rankings come from PostgreSQL and writes succeed. */
@QuarkusTest
@TestProfile(RedisDown.Unreachable.class)
class RedisDownTest extends RedisDown {

    @Test
    void with_redis_unreachable_notes_votes_and_rankings_still_work() {
        Member ada = Member.named("Ada");
        Member bob = Member.named("Bob");
        UUID groupId = ada.owns();
        bob.joins(groupId);
        UUID noteId = ada.posts(groupId, "No cache", "v0");
        ada.call().header("If-Match", "\"v0\"").body(Map.of("body", "v1")).when().patch("/api/v1/notes/" + noteId)
                .then().statusCode(200);
        ada.call().when().get("/api/v1/notes/" + noteId).then().statusCode(200).body("body", equalTo("v1"));
        Member.named("Eve").call().when().get("/api/v1/notes/" + noteId).then().statusCode(404);

        UUID problemId = ada.poses(groupId, "P", "S");
        UUID first = ada.solves(problemId, "A");
        UUID second = bob.solves(problemId, "B");
        ada.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + second + "/vote").then().statusCode(200)
                .body("votes", is(1));
        ada.call().when().get("/api/v1/problems/" + problemId + "/solutions").then().statusCode(200)
                .body("items.id", contains(second.toString(), first.toString()));
        ada.call().when().get("/api/v1/solutions/" + second).then().statusCode(200).body("votes", is(1));

        assertReadyWithRedisDown();
    }
}
