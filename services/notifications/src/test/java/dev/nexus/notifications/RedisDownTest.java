package dev.nexus.notifications;

import static dev.nexus.testing.Events.event;
import static dev.nexus.testing.Events.json;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import dev.nexus.testing.RedisDown;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redis holds counts, tickets and push fan-out only: without it the rules and the inbox still work. */
@QuarkusTest
@TestProfile(RedisDown.Unreachable.class)
class RedisDownTest extends RedisDown {

    @Test
    void with_redis_unreachable_events_still_become_notifications_that_can_be_listed_counted_and_read() {
        UUID groupId = UUID.randomUUID();
        Learner ada = Learner.named("Ada").joins(groupId);
        Learner bob = Learner.named("Bob").joins(groupId);
        var event = event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Without Redis"));
        try (Broker broker = Broker.open()) {
            broker.publish("note.posted.v1", json(event));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ada.notifications("note.posted").size() == 1);

        ada.call().when().get("/api/v1/notifications/unread-count").then().statusCode(200).body("count", is(1));
        String id = (String) ada.notifications().get(0).get("id");
        ada.call().when().post("/api/v1/notifications/" + id + "/read").then().statusCode(204);
        ada.call().when().get("/api/v1/notifications/unread-count").then().statusCode(200).body("count", is(0));
        ada.call().when().post("/api/v1/notifications/stream-ticket").then().statusCode(503)
                .contentType("application/problem+json");
        assertEquals(1L, Db.value("select count(*) from inbox where event_id = ?", event.id()));
        assertReadyWithRedisDown();
    }
}
