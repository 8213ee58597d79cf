package dev.nexus.sessions.session;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Broker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionResourceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private Broker broker;
    private Broker.Recorder recorder;

    @BeforeEach
    void listen() {
        broker = Broker.open();
        recorder = broker.record("session.#");
    }

    @AfterEach
    void close() {
        broker.close();
    }

    /** A valid request: tomorrow 18:00 Berlin, 90 minutes. */
    private static Map<String, Object> session(String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("startsAt", tomorrowAt18Berlin().toOffsetDateTime().toString());
        body.put("durationMinutes", 90);
        body.put("timeZone", "Europe/Berlin");
        return body;
    }

    private static ZonedDateTime tomorrowAt18Berlin() {
        return ZonedDateTime.now(BERLIN).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(18);
    }

    private static ValidatableResponse schedule(Learner who, UUID groupId, Map<String, Object> body) {
        return who.call().body(body).when().post("/api/v1/groups/" + groupId + "/sessions").then();
    }

    @Test
    void an_organizer_schedules_a_session_and_one_event_carries_what_notifications_needs() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Map<String, Object> body = session("Mob on parsers");
        body.put("capacity", 6);
        body.put("meetingUrl", "https://meet.example.org/parsers");

        String id = schedule(owner, groupId, body).statusCode(201)
                .header("ETag", "\"v0;Europe/Berlin\"")
                .body("title", equalTo("Mob on parsers"))
                .body("startsAt", startsWith(tomorrowAt18Berlin().toLocalDate() + "T18:00:00+0"))
                .body("durationMinutes", equalTo(90))
                .body("capacity", equalTo(6))
                .body("organizerId", equalTo(owner.id().toString()))
                .extract().path("id");

        owner.call().when().get("/api/v1/sessions/" + id).then().statusCode(200)
                .header("ETag", "\"v0;Europe/Berlin\"").body("meetingUrl", equalTo("https://meet.example.org/parsers"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.about(id).isEmpty());
        List<Broker.Received> events = recorder.about(id);
        assertEquals(1, events.size());
        JsonObject data = events.get(0).event().getJsonObject("data");
        assertEquals("session.scheduled.v1", events.get(0).routingKey());
        assertEquals(groupId.toString(), data.getString("groupId"));
        assertEquals(tomorrowAt18Berlin().toInstant(), OffsetDateTime.parse(data.getString("startsAt")).toInstant());
        assertEquals(tomorrowAt18Berlin().plusMinutes(90).toInstant(),
                OffsetDateTime.parse(data.getString("endsAt")).toInstant());
        assertEquals("Europe/Berlin", data.getString("timeZone"));
        assertEquals(6, data.getInteger("capacity"));
        assertEquals(owner.id().toString(), data.getString("organizerId"));
    }

    @Test
    void every_view_also_shows_the_times_in_the_callers_own_zone() {
        Learner owner = Learner.named("Owner");
        Learner tokyo = Learner.named("Tokyo", "Asia/Tokyo");
        UUID groupId = owner.creates("PUBLIC");
        String id = schedule(owner, groupId, session("Across zones")).statusCode(201)
                .body("inYourZone.timeZone", equalTo("Europe/Berlin")).extract().path("id");
        String tokyoStart = tomorrowAt18Berlin().withZoneSameInstant(ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString();

        tokyo.call().when().get("/api/v1/sessions/" + id).then().statusCode(200)
                .header("ETag", "\"v0;Asia/Tokyo\"")
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("startsAt", startsWith(tomorrowAt18Berlin().toLocalDate() + "T18:00:00+0"))
                .body("inYourZone.timeZone", equalTo("Asia/Tokyo"))
                .body("inYourZone.startsAt", equalTo(tokyoStart));
        tokyo.call().when().get("/api/v1/groups/" + groupId + "/sessions").then()
                .body("items[0].inYourZone.startsAt", equalTo(tokyoStart));
        tokyo.call().queryParam("limit", 5).when().get("/api/v1/groups/" + groupId + "/sessions").then()
                .body("items[0].inYourZone.timeZone", equalTo("Asia/Tokyo"));
    }

    @Test
    void members_cannot_schedule_and_outsiders_of_a_private_group_see_nothing() {
        Learner owner = Learner.named("Owner");
        Learner member = Learner.named("Member");
        Learner outsider = Learner.named("Outsider");
        UUID groupId = owner.creates("PRIVATE");
        member.joinsWith(groupId, owner.invites(groupId));
        String id = schedule(owner, groupId, session("Private kata")).statusCode(201).extract().path("id");

        schedule(member, groupId, session("Mine")).statusCode(403).contentType("application/problem+json");
        schedule(outsider, groupId, session("Mine")).statusCode(404);
        outsider.call().when().get("/api/v1/sessions/" + id).then().statusCode(404).contentType("application/problem+json");
        outsider.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().statusCode(404);
        outsider.call().header("If-Match", "\"v0\"").body(Map.of("title", "Hijacked"))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(404);
        outsider.call().when().post("/api/v1/sessions/" + id + "/cancel").then().statusCode(404);
        member.call().when().get("/api/v1/sessions/" + id).then().statusCode(200);
        member.call().when().post("/api/v1/sessions/" + id + "/cancel").then().statusCode(403);
    }

    @Test
    void bad_session_input_is_a_400_naming_each_field() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Map<String, Object> cases = Map.of(
                "timeZone", "Mars/Olympus",
                "durationMinutes", -30,
                "recurrence", "FREQ=SOMETIMES",
                "capacity", 0,
                "startsAt", "2030-01-01T18:00:00",
                "meetingUrl", "ftp://files.example.org");
        cases.forEach((field, value) -> {
            Map<String, Object> body = session("Bad " + field);
            body.put(field, value);
            schedule(owner, groupId, body).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(field));
        });
        Map<String, Object> past = session("Past");
        past.put("startsAt", OffsetDateTime.now().minusHours(1).toString());
        schedule(owner, groupId, past).statusCode(400).body("errors.field", hasItem("startsAt"));
        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().body("items", empty());
    }

    @Test
    void a_weekly_series_is_listed_as_occurrences_at_the_same_berlin_wall_clock_time_across_dst() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        // Two Tuesdays before the last Sunday of March of next year (the switch to CEST), four after.
        LocalDate switchDay = LocalDate.of(LocalDate.now().getYear() + 1, 3, 31)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        ZonedDateTime first = switchDay.minusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.TUESDAY))
                .atTime(18, 0).atZone(BERLIN);
        Map<String, Object> body = session("Weekly algorithms");
        body.put("startsAt", first.toOffsetDateTime().toString());
        body.put("recurrence", "FREQ=WEEKLY;COUNT=6");
        String id = schedule(owner, groupId, body).statusCode(201).extract().path("id");

        List<String> starts = owner.call()
                .queryParam("from", first.minusDays(1).toOffsetDateTime().toString())
                .queryParam("to", first.plusWeeks(8).toOffsetDateTime().toString())
                .when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(200)
                .body("items.sessionId", everyItem(equalTo(id)))
                .body("items.recurring", everyItem(equalTo(true)))
                .extract().path("items.startsAt");

        assertEquals(6, starts.size());
        starts.forEach(s -> assertEquals(18, OffsetDateTime.parse(s).atZoneSameInstant(BERLIN).getHour(), s));
        assertEquals("+01:00", OffsetDateTime.parse(starts.get(0)).getOffset().toString());
        assertEquals("+02:00", OffsetDateTime.parse(starts.get(5)).getOffset().toString());
    }

    @Test
    void every_field_error_of_a_schedule_request_is_reported_at_once() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Map<String, Object> body = session("");
        body.putAll(Map.of("startsAt", "2030-01-01T18:00:00", "durationMinutes", -30, "timeZone", "Mars/Base",
                "capacity", 0, "meetingUrl", "ftp://files.example.org"));
        schedule(owner, groupId, body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("capacity", "durationMinutes", "meetingUrl", "startsAt", "timeZone",
                        "title"))
                .body("errors.find { it.field == 'startsAt' }.message", containsString("with an offset"))
                .body("detail", containsString("title: must not be blank"));
        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions").then().body("items", empty());
    }

    @Test
    void occurrences_page_with_a_cursor_and_a_bad_window_is_a_400() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        for (int day = 1; day <= 3; day++) {
            Map<String, Object> body = session("Day " + day);
            body.put("startsAt", tomorrowAt18Berlin().plusDays(day - 1).toOffsetDateTime().toString());
            schedule(owner, groupId, body).statusCode(201);
        }

        String cursor = owner.call().queryParam("limit", 2).when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().body("items.title", contains("Day 1", "Day 2")).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        owner.call().queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().body("items.title", contains("Day 3")).body("nextCursor", nullValue());

        owner.call().queryParam("from", "yesterday").when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        owner.call().queryParam("from", "2030-01-02T00:00:00Z").queryParam("to", "2030-01-01T00:00:00Z")
                .when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(400).body("errors.field", hasItem("to"));
    }

    @Test
    void rescheduling_needs_the_current_etag_and_publishes_old_and_new_times() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = schedule(owner, groupId, session("Moving")).statusCode(201).extract().path("id");
        String later = tomorrowAt18Berlin().plusHours(1).toOffsetDateTime().toString();

        owner.call().body(Map.of("startsAt", later)).when().patch("/api/v1/sessions/" + id).then().statusCode(428);
        owner.call().header("If-Match", "\"x0\"").body(Map.of("title", "Moving"))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(412);
        owner.call().header("If-Match", "\"v0\"").body(Map.of("title", "Moving"))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(200).header("ETag", "\"v0;Europe/Berlin\"");
        owner.call().header("If-Match", "\"v0\"").body(Map.of("startsAt", later))
                .when().patch("/api/v1/sessions/" + id)
                .then().statusCode(200).header("ETag", "\"v1;Europe/Berlin\"");
        owner.call().header("If-Match", "\"v0\"").body(Map.of("title", "Stale write"))
                .when().patch("/api/v1/sessions/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        owner.call().header("If-Match", "\"v1\"").body(Map.of("startsAt", OffsetDateTime.now().minusDays(1).toString()))
                .when().patch("/api/v1/sessions/" + id)
                .then().statusCode(400).body("errors.field", hasItem("startsAt"));
        owner.call().header("If-Match", "*").body(Map.of("title", "Whatever the version"))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(200).header("ETag", "\"v2;Europe/Berlin\"");

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.about(id).size() >= 2);
        Broker.Received moved = recorder.about(id).get(1);
        assertEquals("session.rescheduled.v1", moved.routingKey());
        JsonObject data = moved.event().getJsonObject("data");
        assertEquals(tomorrowAt18Berlin().toInstant(), OffsetDateTime.parse(data.getString("previousStartsAt")).toInstant());
        assertEquals(OffsetDateTime.parse(later).toInstant(), OffsetDateTime.parse(data.getString("startsAt")).toInstant());
    }

    @Test
    void a_cancelled_session_leaves_the_list_and_publishes_its_reason_once() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = schedule(owner, groupId, session("Doomed")).statusCode(201).extract().path("id");

        owner.call().body(Map.of("reason", "Speaker ill")).when().post("/api/v1/sessions/" + id + "/cancel")
                .then().statusCode(200).body("cancelled", equalTo(true)).body("cancelReason", equalTo("Speaker ill"));
        owner.call().when().post("/api/v1/sessions/" + id + "/cancel").then().statusCode(200);

        owner.call().when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().body("items.sessionId", not(hasItem(id)));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.about(id).size() >= 2);
        List<String> kinds = recorder.about(id).stream().map(Broker.Received::routingKey).toList();
        assertEquals(List.of("session.scheduled.v1", "session.cancelled.v1"), kinds);
        assertEquals("Speaker ill", recorder.about(id).get(1).event().getJsonObject("data").getString("reason"));
    }
}
