package dev.nexus.sessions.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Broker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** One occurrence of a series cancelled or moved, the rest of the series untouched. */
@QuarkusTest
class OccurrenceTest {

    private static final ZonedDateTime FIRST = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(2)
            .truncatedTo(ChronoUnit.DAYS).withHour(18);

    private static String weekly(Learner owner, UUID groupId) {
        return owner.call().body(Map.of("title", "Weekly", "startsAt", FIRST.toOffsetDateTime().toString(),
                        "durationMinutes", 60, "timeZone", "Europe/Berlin", "recurrence", "FREQ=WEEKLY;COUNT=4"))
                .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201).extract().path("id");
    }

    private static List<Instant> starts(Learner who, UUID groupId) {
        List<String> starts = who.call().queryParam("from", FIRST.minusDays(1).toOffsetDateTime().toString())
                .when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(200).extract().path("items.startsAt");
        return starts.stream().map(s -> OffsetDateTime.parse(s).toInstant()).toList();
    }

    private static Calendar feed(Learner who) throws Exception {
        String url = who.call().when().post("/api/v1/me/sessions/calendar-token").then().extract().path("url");
        return new CalendarBuilder().build(new StringReader(given().when().get(url).then().statusCode(200).extract().asString()));
    }

    @Test
    void the_occurrences_of_several_groups_come_in_one_read_and_a_hidden_group_gets_none() {
        Learner owner = Learner.named("Owner", "Asia/Tokyo");
        UUID weeklyGroup = owner.creates("PUBLIC");
        weekly(owner, weeklyGroup);
        UUID quietGroup = owner.creates("PUBLIC");
        UUID hiddenGroup = owner.creates("PRIVATE");
        weekly(owner, hiddenGroup);
        Learner reader = Learner.named("Reader", "America/New_York");

        var page = reader.call().queryParam("groupId", weeklyGroup, quietGroup, hiddenGroup, UUID.randomUUID())
                .queryParam("from", FIRST.minusDays(1).toOffsetDateTime().toString()).queryParam("limit", 3)
                .when().get("/api/v1/sessions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(weeklyGroup.toString(), quietGroup.toString(), hiddenGroup.toString()),
                page.getList("items.groupId").subList(0, 3));
        assertEquals(3, page.getList("items[0].items").size());
        assertEquals(FIRST.toOffsetDateTime().toInstant(),
                OffsetDateTime.parse(page.getString("items[0].items[0].startsAt")).toInstant());
        assertEquals("America/New_York", page.getString("items[0].items[0].inYourZone.timeZone"));
        assertTrue(page.getString("items[0].nextCursor") != null, "a fourth occurrence follows");
        assertEquals(List.of(), page.getList("items[1].items"));
        assertEquals(List.of(), page.getList("items[2].items"), "a private group shows nothing to a non-member");
        assertEquals(List.of(), page.getList("items[3].items"));

        reader.call().queryParam("groupId", "not-a-uuid").when().get("/api/v1/sessions").then().statusCode(400)
                .body("errors.field", hasItem("groupId"));
        reader.call().when().get("/api/v1/sessions").then().statusCode(400);
    }

    @Test
    void cancelling_one_occurrence_leaves_the_rest_of_the_series() throws Exception {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = weekly(owner, groupId);
        ZonedDateTime second = FIRST.plusWeeks(1);

        try (Broker broker = Broker.open()) {
            Broker.Recorder recorder = broker.record("session.cancelled.v1");
            owner.call().body(Map.of("reason", "Holiday"))
                    .when().post("/api/v1/sessions/" + id + "/occurrences/" + second.toOffsetDateTime() + "/cancel")
                    .then().statusCode(200);

            assertEquals(List.of(FIRST.toInstant(), FIRST.plusWeeks(2).toInstant(), FIRST.plusWeeks(3).toInstant()),
                    starts(owner, groupId));
            owner.call().when().get("/api/v1/sessions/" + id).then().statusCode(200)
                    .body("cancelled", org.hamcrest.Matchers.equalTo(false));
            await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.about(id).isEmpty());
            JsonObject data = recorder.about(id).get(0).event().getJsonObject("data");
            assertEquals(second.toInstant(), Instant.parse(data.getString("occurrenceStartsAt")));
            assertEquals("Holiday", data.getString("reason"));
        }
        VEvent series = feed(owner).<VEvent>getComponents("VEVENT").get(0);
        String exdate = series.getProperty(Property.EXDATE).orElseThrow().getValue();
        assertTrue(exdate.endsWith("T180000"), exdate);
    }

    @Test
    void moving_one_occurrence_moves_only_that_one() throws Exception {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = weekly(owner, groupId);
        ZonedDateTime third = FIRST.plusWeeks(2);
        ZonedDateTime movedTo = third.plusDays(1).withHour(10);

        owner.call().body(Map.of("startsAt", movedTo.toOffsetDateTime().toString()))
                .when().put("/api/v1/sessions/" + id + "/occurrences/" + third.toOffsetDateTime())
                .then().statusCode(200);

        assertEquals(List.of(FIRST.toInstant(), FIRST.plusWeeks(1).toInstant(), movedTo.toInstant(),
                FIRST.plusWeeks(3).toInstant()), starts(owner, groupId));
        Calendar calendar = feed(owner);
        VEvent instance = calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getProperty(Property.RECURRENCE_ID).isPresent()).findFirst().orElseThrow();
        assertEquals(id + "@nexus", instance.getProperty(Property.UID).orElseThrow().getValue());
        assertTrue(instance.getProperty(Property.DTSTART).orElseThrow().getValue().endsWith("T100000"));
    }

    @Test
    void a_moved_occurrence_is_addressed_by_its_new_start_and_cancelling_twice_announces_once() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = weekly(owner, groupId);
        ZonedDateTime second = FIRST.plusWeeks(1);
        ZonedDateTime movedTo = second.plusHours(2);
        String base = "/api/v1/sessions/" + id + "/occurrences/";
        owner.call().body(Map.of("startsAt", movedTo.toOffsetDateTime().toString()))
                .when().put(base + second.toOffsetDateTime()).then().statusCode(200);

        try (Broker broker = Broker.open()) {
            Broker.Recorder recorder = broker.record("session.cancelled.v1", "session.rescheduled.v1");
            owner.call().when().post(base + movedTo.toOffsetDateTime() + "/cancel").then().statusCode(200);
            owner.call().when().post(base + movedTo.toOffsetDateTime() + "/cancel").then().statusCode(404);
            owner.call().when().post(base + second.toOffsetDateTime() + "/cancel").then().statusCode(200);
            // a marker change after the repeated cancel: once it is seen, the repeat would have been too
            owner.call().when().post(base + FIRST.plusWeeks(3).toOffsetDateTime() + "/cancel").then().statusCode(200);

            assertEquals(List.of(FIRST.toInstant(), FIRST.plusWeeks(2).toInstant()), starts(owner, groupId));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.about(id).size() >= 2);
            assertEquals(List.of(second.toInstant(), FIRST.plusWeeks(3).toInstant()), recorder.about(id).stream()
                    .map(r -> Instant.parse(r.event().getJsonObject("data").getString("occurrenceStartsAt"))).toList());
        }
    }

    @Test
    void the_cached_upcoming_list_and_agenda_follow_an_occurrence_change_at_once() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = weekly(owner, groupId);
        String second = FIRST.plusWeeks(1).toOffsetDateTime().toString();
        List<String> before = owner.call().when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().extract().path("items.startsAt");
        owner.call().when().get("/api/v1/me/sessions").then().statusCode(200);

        owner.call().when().post("/api/v1/sessions/" + id + "/occurrences/" + second + "/cancel").then().statusCode(200);

        List<String> after = owner.call().when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().extract().path("items.startsAt");
        List<String> agenda = owner.call().when().get("/api/v1/me/sessions").then().extract().path("items.startsAt");
        assertEquals(before.size() - 1, after.size());
        assertEquals(after, agenda);
    }

    @Test
    void moving_the_whole_series_resets_its_occurrence_changes() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = weekly(owner, groupId);
        owner.call().when().post("/api/v1/sessions/" + id + "/occurrences/" + FIRST.plusWeeks(1).toOffsetDateTime()
                + "/cancel").then().statusCode(200);

        String etag = owner.call().when().get("/api/v1/sessions/" + id).then().extract().header("ETag");
        owner.call().header("If-Match", etag).body(Map.of("startsAt", FIRST.plusHours(1).toOffsetDateTime().toString()))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(200);

        assertEquals(4, starts(owner, groupId).size());
    }

    @Test
    void editing_the_rule_lengthens_a_series_or_ends_it_and_a_bad_rule_is_a_400() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = weekly(owner, groupId);

        try (Broker broker = Broker.open()) {
            Broker.Recorder recorder = broker.record("session.rescheduled.v1");
            owner.call().header("If-Match", "*").body(Map.of("recurrence", "FREQ=WEEKLY;COUNT=6"))
                    .when().patch("/api/v1/sessions/" + id).then().statusCode(200);
            assertEquals(6, starts(owner, groupId).size());
            await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.about(id).isEmpty());
            assertEquals("FREQ=WEEKLY;COUNT=6",
                    recorder.about(id).get(0).event().getJsonObject("data").getString("recurrence"));
        }

        owner.call().header("If-Match", "*").body(Map.of("recurrence", "FREQ=WEEKLY"))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(400).body("errors.field", hasItem("recurrence"));
        owner.call().header("If-Match", "*").body(Map.of("recurrence", ""))
                .when().patch("/api/v1/sessions/" + id).then().statusCode(200)
                .body("recurrence", org.hamcrest.Matchers.nullValue());
        assertEquals(List.of(FIRST.toInstant()), starts(owner, groupId));
    }

    @Test
    void occurrence_changes_need_a_real_occurrence_an_organizer_and_a_valid_start() {
        Learner owner = Learner.named("Owner");
        Learner member = Learner.named("Member");
        UUID groupId = owner.creates("PUBLIC");
        member.joins(groupId);
        String id = weekly(owner, groupId);
        String base = "/api/v1/sessions/" + id + "/occurrences/";

        owner.call().when().post(base + FIRST.plusHours(1).toOffsetDateTime() + "/cancel").then().statusCode(404);
        owner.call().when().post(base + "next-tuesday/cancel").then().statusCode(400)
                .body("errors.field", hasItem("start"));
        member.call().when().post(base + FIRST.toOffsetDateTime() + "/cancel").then().statusCode(403);
        owner.call().body(Map.of("startsAt", OffsetDateTime.now().minusDays(1).toString()))
                .when().put(base + FIRST.toOffsetDateTime()).then().statusCode(400);
    }
}
