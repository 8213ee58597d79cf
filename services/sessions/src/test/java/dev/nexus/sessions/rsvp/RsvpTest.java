package dev.nexus.sessions.rsvp;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RsvpTest {

    private static UUID sessionIn(Learner owner, UUID groupId, Integer capacity) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Capacity " + capacity,
                "startsAt", OffsetDateTime.now().plusDays(2).withNano(0).toString(),
                "durationMinutes", 60, "timeZone", "UTC"));
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        return UUID.fromString(owner.call().body(body).when().post("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(201).extract().path("id"));
    }

    private static ValidatableResponse answer(Learner who, UUID sessionId, String status) {
        return who.call().body(Map.of("status", status)).when().put("/api/v1/sessions/" + sessionId + "/rsvp").then();
    }

    private static List<Learner> members(UUID groupId, int count) {
        List<Learner> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Learner member = Learner.named("Member " + i);
            member.joins(groupId);
            members.add(member);
        }
        return members;
    }

    private static long confirmed(UUID sessionId) {
        return (Long) Db.value("select count(*) from rsvps where session_id = ? and status = 'GOING' and not waitlisted",
                sessionId);
    }

    @Test
    void only_members_answer_and_outsiders_of_a_private_group_get_404() {
        Learner owner = Learner.named("Owner");
        UUID publicSession = sessionIn(owner, owner.creates("PUBLIC"), null);
        UUID privateSession = sessionIn(owner, owner.creates("PRIVATE"), null);
        Learner stranger = Learner.named("Stranger");

        answer(stranger, publicSession, "GOING").statusCode(403).contentType("application/problem+json");
        answer(stranger, privateSession, "GOING").statusCode(404);
        stranger.call().when().get("/api/v1/sessions/" + privateSession + "/rsvps").then().statusCode(404);
        answer(owner, publicSession, "MAYBE").statusCode(200).body("status", equalTo("MAYBE"))
                .body("waitlisted", equalTo(false)).body("position", nullValue());
        answer(owner, publicSession, "SOMETIMES").statusCode(400).body("errors.field", hasItem("status"));
    }

    @Test
    void a_member_reads_their_own_answer_and_place_in_line_and_outsiders_of_a_private_group_get_404() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PRIVATE");
        Learner ada = Learner.named("Ada");
        Learner bob = Learner.named("Bob");
        String invite = owner.invites(groupId);
        ada.joinsWith(groupId, invite);
        bob.joinsWith(groupId, invite);
        UUID sessionId = sessionIn(owner, groupId, 1);
        String mine = "/api/v1/sessions/" + sessionId + "/rsvp";

        ada.call().when().get(mine).then().statusCode(200).body("status", nullValue())
                .body("waitlisted", equalTo(false));
        answer(owner, sessionId, "GOING");
        answer(ada, sessionId, "GOING");
        answer(bob, sessionId, "GOING");
        ada.call().when().get(mine).then().statusCode(200).body("status", equalTo("GOING"))
                .body("waitlisted", equalTo(true)).body("position", equalTo(1));
        bob.call().when().get(mine).then().statusCode(200).body("position", equalTo(2));
        owner.call().when().get(mine).then().statusCode(200).body("waitlisted", equalTo(false))
                .body("position", nullValue());
        Learner.named("Stranger").call().when().get(mine).then().statusCode(404);
    }

    @Test
    void going_beyond_capacity_waits_in_line_and_a_decline_promotes_the_first_in_line() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        List<Learner> m = members(groupId, 4);
        UUID sessionId = sessionIn(owner, groupId, 2);

        answer(m.get(0), sessionId, "GOING").body("waitlisted", equalTo(false));
        answer(m.get(1), sessionId, "GOING").body("waitlisted", equalTo(false));
        answer(m.get(2), sessionId, "GOING").body("waitlisted", equalTo(true)).body("position", equalTo(1));
        answer(m.get(3), sessionId, "GOING").body("waitlisted", equalTo(true)).body("position", equalTo(2));

        try (Broker broker = Broker.open()) {
            Broker.Recorder promoted = broker.record("session.waitlist-promoted.v1");
            Broker.Recorder changed = broker.record("session.rsvp-changed.v1");
            answer(m.get(0), sessionId, "DECLINED").statusCode(200).body("status", equalTo("DECLINED"));

            answer(m.get(2), sessionId, "GOING").body("waitlisted", equalTo(false));
            answer(m.get(3), sessionId, "GOING").body("position", equalTo(1));
            assertEquals(2L, confirmed(sessionId));
            await().atMost(Duration.ofSeconds(20)).until(() -> !promoted.about(sessionId).isEmpty());
            assertEquals(m.get(2).id().toString(),
                    promoted.about(sessionId).get(0).event().getJsonObject("data").getString("userId"));
            // the decline, and the promoted member's new state: GOING with a place (earlier answers'
            // events may also arrive here, so pick these two by their content)
            Map<String, Object> decline = Map.of("sessionId", sessionId.toString(), "groupId", groupId.toString(),
                    "userId", m.get(0).id().toString(), "status", "DECLINED", "waitlisted", false);
            Map<String, Object> promotion = Map.of("sessionId", sessionId.toString(), "groupId", groupId.toString(),
                    "userId", m.get(2).id().toString(), "status", "GOING", "waitlisted", false);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<Map<String, Object>> seen = changed.about(sessionId).stream()
                        .map(r -> r.event().getJsonObject("data").getMap()).toList();
                return seen.contains(decline) && seen.contains(promotion);
            });
            assertEquals(1, changed.about(sessionId).stream()
                    .filter(r -> r.event().getJsonObject("data").getMap().equals(decline)).count());
        }
        owner.call().when().get("/api/v1/sessions/" + sessionId + "/rsvps").then().statusCode(200)
                .body("items.displayName", contains("Member 1", "Member 2", "Member 3", "Member 0"));
    }

    @Test
    void concurrent_going_answers_never_overbook() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        List<Learner> m = members(groupId, 12);
        UUID sessionId = sessionIn(owner, groupId, 3);

        List<Integer> statuses = IntStream.range(0, m.size()).parallel()
                .mapToObj(i -> answer(m.get(i), sessionId, "GOING").extract().statusCode())
                .toList();

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(3L, confirmed(sessionId));
        assertEquals(9L, Db.value("select count(*) from rsvps where session_id = ? and waitlisted", sessionId));
    }

    @Test
    void a_member_who_declined_takes_the_one_free_place_when_going_after_all() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        List<Learner> m = members(groupId, 3);
        UUID sessionId = sessionIn(owner, groupId, 3);
        answer(m.get(0), sessionId, "DECLINED").statusCode(200);
        answer(m.get(1), sessionId, "GOING").statusCode(200);
        answer(m.get(2), sessionId, "GOING").statusCode(200);

        answer(m.get(0), sessionId, "GOING").statusCode(200).body("waitlisted", equalTo(false));
        assertEquals(3L, confirmed(sessionId));
    }

    @Test
    void a_decline_and_a_going_at_once_leave_no_free_place_beside_a_waitlist() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        List<Learner> m = members(groupId, 4);
        UUID sessionId = sessionIn(owner, groupId, 3);
        for (int i = 0; i < 3; i++) {
            answer(m.get(i), sessionId, "GOING").statusCode(200);
        }
        // each round: the session is full, nobody waits; one of the three declines as the fourth comes
        for (int round = 0; round < 20; round++) {
            Learner leaving = m.get(round % 4);
            Learner coming = m.get((round + 3) % 4);
            List<Integer> statuses = List.of(leaving, coming).parallelStream()
                    .map(who -> answer(who, sessionId, who == leaving ? "DECLINED" : "GOING").extract().statusCode())
                    .toList();

            assertEquals(List.of(200, 200), statuses);
            assertEquals(3L, confirmed(sessionId), "round " + round + ": three going");
            assertEquals(0L, Db.value("select count(*) from rsvps where session_id = ? and waitlisted", sessionId),
                    "round " + round + ": nobody waits beside a free place");
        }
    }

    @Test
    void raising_the_capacity_promotes_from_the_waitlist_in_order() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        List<Learner> m = members(groupId, 3);
        UUID sessionId = sessionIn(owner, groupId, 1);
        m.forEach(member -> answer(member, sessionId, "GOING").statusCode(200));

        owner.call().header("If-Match", "\"v0\"").body(Map.of("capacity", 2))
                .when().patch("/api/v1/sessions/" + sessionId).then().statusCode(200);

        answer(m.get(1), sessionId, "GOING").body("waitlisted", equalTo(false));
        answer(m.get(2), sessionId, "GOING").body("waitlisted", equalTo(true)).body("position", equalTo(1));
        assertEquals(2L, confirmed(sessionId));
    }

    @Test
    void a_member_who_leaves_the_group_gives_their_place_to_the_first_in_line() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        List<Learner> m = members(groupId, 2);
        UUID sessionId = sessionIn(owner, groupId, 1);
        answer(m.get(0), sessionId, "GOING").body("waitlisted", equalTo(false));
        answer(m.get(1), sessionId, "GOING").body("waitlisted", equalTo(true));

        m.get(0).call().when().delete("/api/v1/groups/" + groupId + "/members/" + m.get(0).id()).then().statusCode(204);

        answer(m.get(1), sessionId, "GOING").body("waitlisted", equalTo(false));
        assertEquals(0L, Db.value("select count(*) from rsvps where user_id = ?", m.get(0).id()));
        assertEquals(1L, confirmed(sessionId));
    }

    @Test
    void a_session_that_is_over_takes_no_answers() {
        Learner owner = Learner.named("Owner");
        UUID sessionId = sessionIn(owner, owner.creates("PUBLIC"), null);
        Db.execute("update coding_sessions set starts_at = starts_at - interval '10 days' where id = ?", sessionId);

        answer(owner, sessionId, "GOING").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void a_cancelled_session_takes_no_answers() {
        Learner owner = Learner.named("Owner");
        UUID sessionId = sessionIn(owner, owner.creates("PUBLIC"), null);
        owner.call().when().post("/api/v1/sessions/" + sessionId + "/cancel").then().statusCode(200);

        answer(owner, sessionId, "GOING").statusCode(409).contentType("application/problem+json");
    }
}
