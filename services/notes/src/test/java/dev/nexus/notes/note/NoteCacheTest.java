package dev.nexus.notes.note;

import static org.hamcrest.Matchers.equalTo;

import dev.nexus.notes.Member;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** A note by id is served from Redis and never outlives a write. */
@QuarkusTest
class NoteCacheTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;

    @Test
    void a_note_is_cached_answers_304_and_an_edit_or_delete_is_seen_by_the_next_read() {
        Member ada = Member.named("Ada");
        UUID groupId = ada.owns();
        UUID id = ada.posts(groupId, "Cached", "v0");
        String path = "/api/v1/notes/" + id;

        ada.call().when().get(path).then().statusCode(200).header("ETag", "\"v0\"");
        Assertions.assertTrue(redis.key().exists(prefix + "note:" + id), "stored in Redis");
        ada.call().header("If-None-Match", "\"v0\"").when().get(path).then().statusCode(304);

        ada.call().header("If-Match", "\"v0\"").body(Map.of("body", "v1")).when().patch(path).then().statusCode(200);
        ada.call().header("If-None-Match", "\"v0\"").when().get(path).then().statusCode(200)
                .header("ETag", "\"v1\"").body("body", equalTo("v1"));

        ada.call().when().delete(path).then().statusCode(204);
        ada.call().when().get(path).then().statusCode(404);
    }

    @Test
    void a_cached_note_is_still_404_to_a_non_member() {
        Member ada = Member.named("Ada");
        Member eve = Member.named("Eve");
        UUID id = ada.posts(ada.owns(), "Cached", "private");
        ada.call().when().get("/api/v1/notes/" + id).then().statusCode(200);
        eve.call().when().get("/api/v1/notes/" + id).then().statusCode(404);
        eve.call().header("Cache-Control", "no-cache").when().get("/api/v1/notes/" + id).then().statusCode(404);
    }
}
