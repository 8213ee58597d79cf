package dev.nexus.sessions.group;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Broker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group changes as a consumer sees them on nexus.events: one event per change, in order. */
@QuarkusTest
class GroupEventsTest {

    private Broker broker;
    private Broker.Recorder recorder;

    @BeforeEach
    void listen() {
        broker = Broker.open();
        recorder = broker.record("group.#");
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void each_group_change_publishes_one_event_with_what_consumers_need() {
        Learner owner = Learner.named("Owner");
        Learner member = Learner.named("Member");
        UUID groupId = owner.creates("PUBLIC");
        member.joins(groupId);
        owner.makes(member, "ORGANIZER", groupId);
        owner.call().body(Map.of()).when().patch("/api/v1/groups/" + groupId).then().statusCode(200); // no change, no event
        owner.call().body(Map.of("description", "Weekly katas")).when().patch("/api/v1/groups/" + groupId)
                .then().statusCode(200);
        owner.makes(member, "OWNER", groupId);
        owner.call().when().delete("/api/v1/groups/" + groupId + "/members/" + owner.id()).then().statusCode(204);

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.about(groupId).size() >= 9);
        List<Broker.Received> events = recorder.about(groupId);
        assertEquals(List.of(
                        "group.created.v1", "group.member-joined.v1",
                        "group.member-joined.v1",
                        "group.member-role-changed.v1",
                        "group.updated.v1",
                        "group.member-role-changed.v1", "group.member-role-changed.v1", "group.updated.v1",
                        "group.member-left.v1"),
                events.stream().map(Broker.Received::routingKey).toList());

        assertEquals(Map.of("groupId", groupId.toString(), "name", "Owner's public group", "visibility", "PUBLIC",
                "ownerId", owner.id().toString()), data(events.get(0)));
        assertEquals(Map.of("groupId", groupId.toString(), "userId", owner.id().toString(), "role", "OWNER"),
                data(events.get(1)));
        assertEquals(Map.of("groupId", groupId.toString(), "userId", member.id().toString(), "role", "MEMBER"),
                data(events.get(2)));
        assertEquals("ORGANIZER", data(events.get(3)).get("role"));
        assertEquals(member.id().toString(), data(events.get(7)).get("ownerId"));
        assertEquals(Map.of("groupId", groupId.toString(), "userId", owner.id().toString(), "role", "ORGANIZER"),
                data(events.get(8)));
    }

    private static Map<String, Object> data(Broker.Received received) {
        JsonObject data = received.event().getJsonObject("data");
        return data.getMap();
    }
}
