package dev.nexus.sessions;

import static dev.nexus.testing.Events.event;
import static dev.nexus.testing.Events.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.Events.UserRegistered;
import dev.nexus.contracts.Events.UserUpdated;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consuming side through the real broker: the users projection, inbox deduplication and dead
 * lettering. Sessions stands for every consumer here: they share the platform's Inbox.
 */
@QuarkusTest
class InboxTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String ROUTING_KEY = "user.registered.v1";

    private Broker broker;

    @BeforeEach
    void connect() {
        broker = Broker.open();
    }

    @AfterEach
    void disconnect() {
        broker.close();
    }

    @Test
    void a_user_registered_event_lands_in_the_users_projection() {
        UUID userId = UUID.randomUUID();
        broker.publish(ROUTING_KEY, json(event(new UserRegistered(userId, "Grace", "America/New_York", "g@example.org"))));

        await().atMost(BOUND).until(() -> displayName(userId) != null);
        assertEquals("Grace", displayName(userId));
        assertEquals("America/New_York", Db.value("select time_zone from users where id = ?", userId));
        assertEquals("", Db.value("select email from users where id = ?", userId), "sessions keeps no e-mail");
    }

    @Test
    void a_later_update_wins_even_when_it_arrives_first() {
        UUID userId = UUID.randomUUID();
        CloudEvent<UserRegistered> registered = event(new UserRegistered(userId, "Old", "UTC", ""));
        CloudEvent<UserUpdated> updated = event(new UserUpdated(userId, "New", "Asia/Tokyo", ""));

        broker.publish("user.updated.v1", json(updated));
        broker.publish(ROUTING_KEY, json(registered));

        await().atMost(BOUND).until(() -> handled(registered.id()));
        assertEquals("New", displayName(userId));
    }

    @Test
    void the_same_event_delivered_twice_has_one_effect() {
        UUID userId = UUID.randomUUID();
        CloudEvent<UserRegistered> original = event(new UserRegistered(userId, "First", "UTC", ""));
        // Same event id, different content: only the inbox can tell it was seen before.
        CloudEvent<UserRegistered> duplicate = new CloudEvent<>(original.specversion(), original.id(), original.source(),
                original.type(), original.time().plusSeconds(60), original.subject(), original.datacontenttype(),
                new UserRegistered(userId, "Second", "UTC", ""), null);
        CloudEvent<UserRegistered> marker = event(new UserRegistered(UUID.randomUUID(), "Marker", "UTC", ""));

        broker.publish(ROUTING_KEY, json(original));
        broker.publish(ROUTING_KEY, json(duplicate));
        broker.publish(ROUTING_KEY, json(marker));

        // The queue is consumed in order: once the marker is in, the duplicate has been processed.
        await().atMost(BOUND).until(() -> handled(marker.id()));
        assertEquals("First", displayName(userId));
        assertEquals(1L, Db.value("select count(*) from inbox where event_id = ?", original.id()));
    }

    @Test
    void a_message_that_is_not_an_event_is_dead_lettered_and_the_next_one_is_processed() {
        broker.publish(ROUTING_KEY, "this is not JSON");
        CloudEvent<UserRegistered> next = event(new UserRegistered(UUID.randomUUID(), "After poison", "UTC", ""));
        broker.publish(ROUTING_KEY, json(next));

        await().atMost(BOUND).until(() -> handled(next.id()));
        assertTrue(awaitDeadLetters(1).contains("this is not JSON"));
    }

    @Test
    void an_event_of_an_unknown_type_is_dead_lettered_at_once() {
        JsonObject unknown = new JsonObject(json(event(new UserRegistered(UUID.randomUUID(), "X", "UTC", ""))))
                .put("type", "nexus.user.deleted.v1");
        broker.publish(ROUTING_KEY, unknown.encode());

        List<String> dead = awaitDeadLetters(1);
        assertEquals("nexus.user.deleted.v1", new JsonObject(dead.get(0)).getString("type"));
        assertEquals(0L, Db.value("select count(*) from inbox where event_id = ?", UUID.fromString(unknown.getString("id"))));
    }

    @Test
    void an_event_whose_handler_keeps_failing_is_retried_then_dead_lettered() {
        // A null display name violates the projection's NOT NULL: every attempt fails and rolls back.
        CloudEvent<UserRegistered> failing = event(new UserRegistered(UUID.randomUUID(), null, "UTC", ""));
        broker.publish(ROUTING_KEY, json(failing));
        CloudEvent<UserRegistered> next = event(new UserRegistered(UUID.randomUUID(), "Still flowing", "UTC", ""));
        broker.publish(ROUTING_KEY, json(next));

        await().atMost(BOUND).until(() -> handled(next.id()));
        List<String> dead = awaitDeadLetters(1);
        assertEquals(failing.id().toString(), new JsonObject(dead.get(0)).getString("id"));
        assertEquals(0L, Db.value("select count(*) from inbox where event_id = ?", failing.id()),
                "a failed attempt leaves no inbox record behind");
    }

    private List<String> awaitDeadLetters(int count) {
        List<String> dead = new ArrayList<>();
        await().atMost(BOUND).until(() -> {
            String message = broker.take("sessions.events.dlq");
            if (message != null) {
                dead.add(message);
            }
            return dead.size() >= count;
        });
        assertNotNull(dead.get(0));
        return dead;
    }

    private static Object displayName(UUID userId) {
        return Db.value("select display_name from users where id = ?", userId);
    }

    private static boolean handled(UUID eventId) {
        return (Long) Db.value("select count(*) from inbox where event_id = ?", eventId) == 1L;
    }
}
