package dev.nexus.sessions.poll;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PollTest {

    /** Tomorrow at 18:00 UTC, and the same time on the following days. */
    private static final OffsetDateTime FIRST = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withHour(18)
            .withMinute(0).withSecond(0).withNano(0);

    private static Map<String, Object> slot(OffsetDateTime startsAt, int minutes) {
        return Map.of("startsAt", startsAt.toString(), "durationMinutes", minutes);
    }

    private static Map<String, Object> poll(List<Map<String, Object>> slots) {
        return Map.of("title", "When do we mob?", "timeZone", "Europe/Berlin",
                "deadline", FIRST.minusHours(12).toString(), "slots", slots);
    }

    private static ValidatableResponse open(Learner who, UUID groupId, Map<String, Object> body) {
        return who.call().body(body).when().post("/api/v1/groups/" + groupId + "/polls").then();
    }

    private static UUID opened(Learner organizer, UUID groupId) {
        return UUID.fromString(open(organizer, groupId, poll(List.of(slot(FIRST, 90), slot(FIRST.plusDays(1), 90),
                slot(FIRST.plusDays(2), 60)))).statusCode(201).extract().path("id"));
    }

    private static List<String> slotIds(Learner who, UUID pollId) {
        return who.call().when().get("/api/v1/polls/" + pollId).then().statusCode(200).extract().path("slots.id");
    }

    private static ValidatableResponse answer(Learner who, UUID pollId, Object... slotAndAnswer) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < slotAndAnswer.length; i += 2) {
            answers.add(Map.of("slotId", slotAndAnswer[i], "answer", slotAndAnswer[i + 1]));
        }
        return who.call().body(Map.of("answers", answers)).when().put("/api/v1/polls/" + pollId + "/answer").then();
    }

    /** How the API writes an instant in a zone. */
    private static String in(OffsetDateTime time, String zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZoneSameInstant(ZoneId.of(zone)));
    }

    private static long polls(UUID groupId) {
        return (Long) Db.value("select count(*) from polls where group_id = ?", groupId);
    }

    @Test
    void opening_a_poll_publishes_it_and_shows_each_slot_in_the_poll_zone_and_the_callers() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Learner tokyo = Learner.named("Kenji", "Asia/Tokyo");
        tokyo.joins(groupId);

        try (Broker broker = Broker.open()) {
            Broker.Recorder opened = broker.record("poll.opened.v1");
            UUID pollId = opened(owner, groupId);

            tokyo.call().when().get("/api/v1/polls/" + pollId).then().statusCode(200)
                    .body("status", equalTo("OPEN")).body("organizerId", equalTo(owner.id().toString()))
                    .body("slots", hasSize(3))
                    .body("slots[0].startsAt", equalTo(in(FIRST, "Europe/Berlin")))
                    .body("slots[0].inYourZone.timeZone", equalTo("Asia/Tokyo"))
                    .body("slots[0].inYourZone.startsAt", equalTo(in(FIRST, "Asia/Tokyo")))
                    .body("slots[2].durationMinutes", equalTo(60)).body("respondents", equalTo(0));
            await().atMost(Duration.ofSeconds(20)).until(() -> !opened.about(pollId).isEmpty());
            JsonObject data = opened.about(pollId).get(0).event().getJsonObject("data");
            assertEquals(groupId.toString(), data.getString("groupId"));
            assertEquals(3, data.getInteger("slots"));
            assertEquals(FIRST.minusHours(12).toInstant().toString(), data.getString("deadline"));
        }
        owner.call().when().get("/api/v1/groups/" + groupId + "/polls").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].title", equalTo("When do we mob?"));
    }

    @Test
    void a_slot_in_the_past_a_repeated_slot_more_than_fifty_slots_or_a_bad_deadline_are_400s_that_write_nothing() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");

        open(owner, groupId, poll(List.of(slot(FIRST, 60), slot(OffsetDateTime.now().minusHours(1), 60))))
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("slots[1].startsAt"));
        open(owner, groupId, poll(List.of(slot(FIRST, 60), slot(FIRST.withOffsetSameInstant(ZoneOffset.ofHours(9)), 60))))
                .statusCode(400).body("errors.field", hasItem("slots[1]"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(slot(FIRST.plusHours(i), 60));
        }
        open(owner, groupId, poll(many)).statusCode(400).body("errors.field", hasItem("slots"));
        open(owner, groupId, Map.of("title", "Late", "timeZone", "UTC", "deadline", FIRST.plusHours(1).toString(),
                "slots", List.of(slot(FIRST, 60)))).statusCode(400).body("errors.field", hasItem("deadline"));
        open(owner, groupId, Map.of("title", "Past", "timeZone", "UTC", "deadline", "2020-01-01T00:00:00Z",
                "slots", List.of(slot(FIRST, 60)))).statusCode(400).body("errors.field", hasItem("deadline"));
        open(owner, groupId, Map.of("title", "Zone", "timeZone", "Mars/Olympus", "deadline", FIRST.toString(),
                "slots", List.of(slot(FIRST, 60)))).statusCode(400).body("errors.field", hasItem("timeZone"));
        assertEquals(0L, polls(groupId));

        Learner member = Learner.named("Member");
        member.joins(groupId);
        open(member, groupId, poll(List.of(slot(FIRST, 60)))).statusCode(403);
        assertEquals(0L, polls(groupId));
    }

    @Test
    void members_answer_each_slot_see_counts_and_who_answered_and_a_new_answer_replaces_the_old() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Learner ada = Learner.named("Ada");
        Learner bob = Learner.named("Bob");
        ada.joins(groupId);
        bob.joins(groupId);
        UUID pollId = opened(owner, groupId);
        List<String> slots = slotIds(owner, pollId);

        answer(ada, pollId, slots.get(0), "YES", slots.get(1), "NO").statusCode(200)
                .body("slots[0].yourAnswer", equalTo("YES")).body("slots[2].yourAnswer", nullValue());
        answer(bob, pollId, slots.get(0), "IF_NEED_BE", slots.get(1), "YES").statusCode(200);
        answer(ada, pollId, slots.get(0), "YES", slots.get(1), "YES", slots.get(2), "NO").statusCode(200);

        owner.call().when().get("/api/v1/polls/" + pollId).then().statusCode(200)
                .body("respondents", equalTo(2))
                .body("slots[0].yes", equalTo(1)).body("slots[0].ifNeedBe", equalTo(1)).body("slots[0].no", equalTo(0))
                .body("slots[1].yes", equalTo(2)).body("slots[1].no", equalTo(0))
                .body("slots[2].no", equalTo(1))
                .body("slots[1].answers.displayName", containsInAnyOrder("Ada", "Bob"))
                .body("slots[2].answers.userId", contains(ada.id().toString()))
                .body("slots[0].yourAnswer", nullValue());
    }

    @Test
    void answers_from_outsiders_for_unknown_or_repeated_slots_or_with_an_unknown_answer_are_refused() {
        Learner owner = Learner.named("Owner");
        UUID publicGroup = owner.creates("PUBLIC");
        UUID privateGroup = owner.creates("PRIVATE");
        UUID pollId = opened(owner, publicGroup);
        UUID privatePoll = opened(owner, privateGroup);
        String slot = slotIds(owner, pollId).get(0);
        Learner stranger = Learner.named("Stranger");

        answer(stranger, pollId, slot, "YES").statusCode(403).contentType("application/problem+json");
        answer(stranger, privatePoll, slotIds(owner, privatePoll).get(0), "YES").statusCode(404);
        stranger.call().when().get("/api/v1/polls/" + privatePoll).then().statusCode(404);
        answer(owner, pollId, UUID.randomUUID().toString(), "YES").statusCode(400)
                .body("errors.field", hasItem("answers[0].slotId"));
        answer(owner, pollId, slot, "YES", slot, "NO").statusCode(400).body("errors.field", hasItem("answers[1].slotId"));
        answer(owner, pollId, slot, "PERHAPS").statusCode(400);
        answer(owner, UUID.randomUUID(), slot, "YES").statusCode(404);
        assertEquals(0L, Db.value("select count(*) from poll_answers where poll_id = ?", pollId));
    }

    @Test
    void closing_schedules_the_series_in_the_poll_zone_publishes_it_with_the_respondents_and_ends_answering() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Learner ada = Learner.named("Ada");
        Learner bob = Learner.named("Bob");
        ada.joins(groupId);
        bob.joins(groupId);
        UUID pollId = opened(owner, groupId);
        List<String> slots = slotIds(owner, pollId);
        answer(ada, pollId, slots.get(1), "YES").statusCode(200);

        try (Broker broker = Broker.open()) {
            Broker.Recorder closed = broker.record("poll.closed.v1");
            Broker.Recorder scheduled = broker.record("session.scheduled.v1");
            ada.call().body(Map.of("slotId", slots.get(1))).when().post("/api/v1/polls/" + pollId + "/close").then()
                    .statusCode(403);
            owner.call().body(Map.of("slotId", UUID.randomUUID())).when().post("/api/v1/polls/" + pollId + "/close")
                    .then().statusCode(400).body("errors.field", hasItem("slotId"));
            owner.call().body(Map.of("slotId", slots.get(1), "recurrence", "FREQ=SOMETIMES"))
                    .when().post("/api/v1/polls/" + pollId + "/close").then().statusCode(400)
                    .body("errors.field", hasItem("recurrence"));
            String sessionId = owner.call().body(Map.of("slotId", slots.get(1), "recurrence", "FREQ=WEEKLY;COUNT=4",
                            "capacity", 6)).when().post("/api/v1/polls/" + pollId + "/close").then().statusCode(200)
                    .body("status", equalTo("CLOSED")).body("chosenSlotId", equalTo(slots.get(1)))
                    .body("sessionId", notNullValue()).extract().path("sessionId");

            ada.call().when().get("/api/v1/sessions/" + sessionId).then().statusCode(200)
                    .body("title", equalTo("When do we mob?")).body("timeZone", equalTo("Europe/Berlin"))
                    .body("recurrence", equalTo("FREQ=WEEKLY;COUNT=4")).body("capacity", equalTo(6))
                    .body("durationMinutes", equalTo(90))
                    .body("organizerId", equalTo(owner.id().toString()));
            ada.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().statusCode(200)
                    .body("items.sessionId", hasItem(sessionId));
            await().atMost(Duration.ofSeconds(20)).until(() -> !closed.about(pollId).isEmpty()
                    && !scheduled.about(UUID.fromString(sessionId)).isEmpty());
            JsonObject data = closed.about(pollId).get(0).event().getJsonObject("data");
            assertEquals(sessionId, data.getString("sessionId"));
            assertEquals(List.of(ada.id().toString()), data.getJsonArray("respondents").getList());
            assertEquals(FIRST.plusDays(1).toInstant().toString(), data.getString("startsAt"));
            assertEquals(pollId.toString(), scheduled.about(UUID.fromString(sessionId)).get(0).event()
                    .getJsonObject("data").getString("pollId"));
        }
        owner.call().body(Map.of("slotId", slots.get(0))).when().post("/api/v1/polls/" + pollId + "/close").then()
                .statusCode(409).contentType("application/problem+json");
        answer(bob, pollId, slots.get(0), "YES").statusCode(409);
        assertEquals(1L, Db.value("select count(*) from coding_sessions where group_id = ?", groupId));
    }

    @Test
    void a_poll_past_its_deadline_takes_no_more_answers_but_can_still_be_closed() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        UUID pollId = opened(owner, groupId);
        String slot = slotIds(owner, pollId).get(0);
        Db.execute("update polls set deadline = now() - interval '1 minute' where id = ?", pollId);

        answer(owner, pollId, slot, "YES").statusCode(409).contentType("application/problem+json");
        owner.call().body(Map.of("slotId", slot)).when().post("/api/v1/polls/" + pollId + "/close").then()
                .statusCode(200).body("status", equalTo("CLOSED"));
    }
}
