package dev.nexus.sessions.calendar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
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
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CalendarFeedTest {

    private static final ZonedDateTime START = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(3)
            .truncatedTo(ChronoUnit.DAYS).withHour(18);

    private static String schedule(Learner owner, UUID groupId, String title, String rrule) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("title", title,
                "startsAt", START.toOffsetDateTime().toString(), "durationMinutes", 90, "timeZone", "Europe/Berlin"));
        if (rrule != null) {
            body.put("recurrence", rrule);
        }
        return owner.call().body(body).when().post("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(201).extract().path("id");
    }

    private static String feedPath(Learner who) {
        return who.call().when().post("/api/v1/me/sessions/calendar-token").then().statusCode(201).extract().path("url");
    }

    /** The feed, parsed and strictly valid RFC 5545 (any validation error fails the test). */
    private static Calendar fetch(String path) throws Exception {
        String ics = given().when().get(path).then().statusCode(200)
                .contentType("text/calendar").extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        ValidationResult result = calendar.validate();
        assertFalse(result.hasErrors(), "not valid RFC 5545: " + result.getEntries());
        return calendar;
    }

    private static VEvent event(Calendar calendar, String sessionId) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getProperty(Property.UID).orElseThrow().getValue().equals(sessionId + "@nexus"))
                .findFirst().orElseThrow();
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    @Test
    void the_feed_is_a_valid_calendar_of_my_sessions_with_rrule_timezone_sequence_and_status() throws Exception {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String weekly = schedule(owner, groupId, "Weekly", "FREQ=WEEKLY;COUNT=5");
        String moved = schedule(owner, groupId, "Moved", null);
        String cancelled = schedule(owner, groupId, "Cancelled", null);
        owner.call().header("If-Match", "\"v0\"").body(Map.of("startsAt", START.plusHours(1).toOffsetDateTime().toString()))
                .when().patch("/api/v1/sessions/" + moved).then().statusCode(200);
        owner.call().when().post("/api/v1/sessions/" + cancelled + "/cancel").then().statusCode(200);

        Calendar calendar = fetch(feedPath(owner));

        assertEquals("2.0", calendar.getProperty(Property.VERSION).orElseThrow().getValue());
        List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
        assertEquals("Europe/Berlin", zones.get(0).getProperty(Property.TZID).orElseThrow().getValue());

        VEvent series = event(calendar, weekly);
        assertEquals("FREQ=WEEKLY;COUNT=5", value(series, Property.RRULE));
        assertEquals("Europe/Berlin", series.getProperty(Property.DTSTART).orElseThrow()
                .getParameter("TZID").orElseThrow().getValue());
        assertTrue(value(series, Property.DTSTART).endsWith("T180000"), value(series, Property.DTSTART));
        assertEquals("CONFIRMED", value(series, Property.STATUS));
        assertEquals("0", value(series, Property.SEQUENCE));

        VEvent rescheduled = event(calendar, moved);
        assertEquals("1", value(rescheduled, Property.SEQUENCE));
        assertTrue(value(rescheduled, Property.DTSTART).endsWith("T190000"));

        assertEquals("CANCELLED", value(event(calendar, cancelled), Property.STATUS));
    }

    @Test
    void the_meeting_link_and_description_reach_calendar_apps_and_every_event_is_stamped_once() throws Exception {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        String id = owner.call().body(Map.of("title", "Parsers", "startsAt", START.toOffsetDateTime().toString(),
                        "durationMinutes", 90, "timeZone", "Europe/Berlin", "description", "Bring a laptop.",
                        "meetingUrl", "https://meet.example.org/parsers?room=1"))
                .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201).extract().path("id");

        VEvent event = event(fetch(feedPath(owner)), id);
        assertEquals("https://meet.example.org/parsers?room=1", value(event, Property.URL));
        assertEquals("https://meet.example.org/parsers?room=1", value(event, Property.LOCATION));
        assertEquals("Bring a laptop.", value(event, Property.DESCRIPTION));
        assertEquals(1, event.getProperties(Property.DTSTAMP).size());
    }

    @Test
    void a_meeting_link_that_is_no_uri_is_refused_and_one_stored_before_never_breaks_a_feed() throws Exception {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        owner.call().body(Map.of("title", "Broken", "startsAt", START.toOffsetDateTime().toString(),
                        "durationMinutes", 90, "timeZone", "Europe/Berlin", "meetingUrl", "https://meet.example/{room}"))
                .when().post("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(400).body("errors.field", hasItem("meetingUrl"));
        String good = schedule(owner, groupId, "Good", null);
        String old = schedule(owner, groupId, "Stored before the check", null);
        Db.execute("update coding_sessions set meeting_url = ? where id = ?", "https://meet.example/{room}",
                UUID.fromString(old));

        Calendar calendar = fetch(feedPath(owner));
        assertTrue(event(calendar, old).getProperty(Property.URL).isEmpty(), "the unreadable link is left out");
        assertNotNull(event(calendar, good));
    }

    @Test
    void the_token_is_the_only_credential_and_rotating_it_retires_the_old_url() throws Exception {
        Learner owner = Learner.named("Owner");
        Learner stranger = Learner.named("Stranger");
        String mine = schedule(owner, owner.creates("PRIVATE"), "Private", null);
        String first = feedPath(owner);
        assertNotNull(event(fetch(first), mine));

        String second = feedPath(owner);

        given().when().get(first).then().statusCode(404).contentType("application/problem+json");
        assertNotNull(event(fetch(second), mine));
        assertTrue(fetch(feedPath(stranger)).getComponents("VEVENT").isEmpty(), "a stranger's feed has no session of mine");
        given().when().get("/api/v1/calendar/made-up.ics").then().statusCode(404);
    }
}
