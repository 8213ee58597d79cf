package dev.nexus.notes.access;

import static dev.nexus.testing.Events.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.MemberRoleChanged;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.notes.Member;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Membership arrives as sessions' group.* events over the real broker; the API follows it. */
@QuarkusTest
class MembershipEventsTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private Broker broker;

    @BeforeEach
    void open() {
        broker = Broker.open();
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void a_joiner_gets_404_until_the_join_event_arrives_then_full_access_and_404_again_after_leaving() {
        Member owner = Member.named("Owner");
        Member ada = Member.named("Ada");
        UUID groupId = UUID.randomUUID();
        broker.publish(event(new GroupCreated(groupId, "Katas", "PUBLIC", owner.id())));
        await().atMost(BOUND).until(() -> owner.call().queryParam("groupId", groupId).when().get("/api/v1/notes")
                .statusCode() == 200);
        UUID noteId = owner.posts(groupId, "Welcome", "Read me first.");

        // joined in sessions, event not here yet: a consistent 404, never a 500 (the cache remembers "no")
        for (int i = 0; i < 2; i++) {
            ada.call().when().get("/api/v1/notes/" + noteId).then().statusCode(404);
        }
        broker.publish(event(new MemberJoined(groupId, ada.id(), "MEMBER")));
        await().atMost(BOUND).until(() -> ada.call().when().get("/api/v1/notes/" + noteId).statusCode() == 200);
        ada.call().body(Map.of("groupId", groupId, "title", "Hi", "body", "I'm in.")).when().post("/api/v1/notes")
                .then().statusCode(201);

        broker.publish(event(new MemberRoleChanged(groupId, ada.id(), "ORGANIZER")));
        await().atMost(BOUND).until(() -> ada.call().header("If-Match", "*").body(Map.of("title", "Welcome!"))
                .when().patch("/api/v1/notes/" + noteId).statusCode() == 200);

        broker.publish(event(new MemberLeft(groupId, ada.id(), "ORGANIZER")));
        await().atMost(BOUND).until(() -> ada.call().when().get("/api/v1/notes/" + noteId).statusCode() == 404);
    }

    @Test
    void an_older_join_arriving_after_a_leave_does_not_bring_the_member_back() {
        UUID groupId = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        CloudEvent<MemberJoined> joined = event(new MemberJoined(groupId, userId, "MEMBER"));
        CloudEvent<MemberLeft> left = new CloudEvent<>(joined.specversion(), UUID.randomUUID(), joined.source(),
                "nexus.group.member-left.v1", joined.time().plusSeconds(5), groupId.toString(),
                joined.datacontenttype(), new MemberLeft(groupId, userId, "MEMBER"), null);

        broker.publish(left);
        broker.publish(joined);

        await().atMost(BOUND).until(() -> handled(joined.id()) && handled(left.id()));
        assertEquals(null, Db.value("select role from group_members where group_id = ? and user_id = ?", groupId,
                userId));
    }

    @Test
    void notes_link_only_to_sessions_of_their_group_once_the_schedule_event_arrived() {
        Member owner = Member.named("Owner");
        UUID groupId = owner.owns();
        UUID sessionId = UUID.randomUUID();
        Map<String, Object> note = Map.of("groupId", groupId, "sessionId", sessionId, "title", "Recap", "body", "x");
        owner.call().body(note).when().post("/api/v1/notes").then().statusCode(400);

        broker.publish(event(new SessionScheduled(sessionId, groupId, "Kata night", Instant.now().plusSeconds(3600),
                Instant.now().plusSeconds(7200), "UTC", owner.id(), null, null)));
        await().atMost(BOUND).until(() -> Db.value("select group_id from group_sessions where session_id = ?",
                sessionId) != null);
        owner.call().body(note).when().post("/api/v1/notes").then().statusCode(201);
        owner.call().body(Map.of("groupId", owner.owns(), "sessionId", sessionId, "title", "Wrong group", "body", "x"))
                .when().post("/api/v1/notes").then().statusCode(400);
    }

    private static boolean handled(UUID eventId) {
        return Db.value("select count(*) from inbox where event_id = ?", eventId).equals(1L);
    }
}
