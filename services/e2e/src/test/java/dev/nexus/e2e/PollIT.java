package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Availability poll → series → reminder across the services and the real broker, with the shared
 * platform's two notification replicas: sessions opens and closes the poll, notifications asks the
 * members, tells who answered that the time is set, and fires the reminder of the series' first
 * date, each once.
 */
@ExtendWith(SharedPlatform.class)
class PollIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void startPlatform(Platform shared) {
        platform = shared;
        gateway = platform.url(Platform.GATEWAY);
    }

    @Test
    void a_closed_poll_schedules_a_weekly_series_tells_who_answered_and_its_first_reminder_fires_once() throws SQLException {
        Person olga = Person.register("Olga");
        Person bob = Person.register("Bob");
        bob.call().contentType(ContentType.JSON).body(Map.of("reminderLeadMinutes", List.of(1)))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        String groupId = olga.call().contentType(ContentType.JSON).body(Map.of("name", "Poll club", "visibility", "PUBLIC"))
                .when().post("/api/v1/groups").then().statusCode(201).extract().path("id");
        bob.call().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(201);

        // the first date starts in 105 s: Bob's reminder, a minute before, is due in about 45 s
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(105);
        String pollId = olga.call().contentType(ContentType.JSON).body(Map.of("title", "Graph night",
                        "timeZone", "Europe/Berlin", "deadline", start.minusSeconds(30).toString(),
                        "slots", List.of(slot(start), slot(start.plus(Duration.ofDays(1))))))
                .when().post("/api/v1/groups/" + groupId + "/polls").then().statusCode(201).extract().path("id");
        await().atMost(BOUND).until(() -> bob.notifications("poll.opened", "/api/v1/polls/" + pollId).size() == 1);

        List<String> slots = bob.call().when().get("/api/v1/polls/" + pollId).then().statusCode(200).extract().path("slots.id");
        bob.call().contentType(ContentType.JSON)
                .body(Map.of("answers", List.of(Map.of("slotId", slots.get(0), "answer", "YES"),
                        Map.of("slotId", slots.get(1), "answer", "NO"))))
                .when().put("/api/v1/polls/" + pollId + "/answer").then().statusCode(200);
        String sessionId = olga.call().contentType(ContentType.JSON)
                .body(Map.of("slotId", slots.get(0), "recurrence", "FREQ=WEEKLY;COUNT=3"))
                .when().post("/api/v1/polls/" + pollId + "/close").then().statusCode(200).extract().path("sessionId");
        JsonPath session = bob.call().when().get("/api/v1/sessions/" + sessionId).then().statusCode(200).extract().jsonPath();
        assertEquals("FREQ=WEEKLY;COUNT=3", session.getString("recurrence"));
        assertEquals(start, OffsetDateTime.parse(session.getString("startsAt")).toInstant());

        String link = "/api/v1/sessions/" + sessionId;
        await().atMost(BOUND).until(() -> bob.notifications("poll.closed", link).size() == 1);
        bob.call().contentType(ContentType.JSON).body(Map.of("status", "GOING"))
                .when().put(link + "/rsvp").then().statusCode(200);

        await().atMost(Duration.ofSeconds(90)).until(() -> bob.notifications("session.reminder", link).size() == 1);
        Map<String, Object> reminder = bob.notifications("session.reminder", link).get(0);
        assertFalse(Instant.parse((String) reminder.get("createdAt")).isBefore(start.minus(Duration.ofMinutes(1))),
                "fired at its time, a minute before the start: " + reminder);
        // both replicas run the reminder scheduler: the one reminder was claimed once
        assertEquals(1L, count("select count(*) from reminders where session_id = ? and fired_at is not null", sessionId));
        assertEquals(1L, count("select count(*) from notifications where recipient_id = ? and type = 'session.reminder'",
                bob.id().toString()));
        assertEquals(1, bob.notifications("poll.closed", link).size(), "the time is set, once");
        assertEquals(List.of(), olga.notifications("poll.opened", "/api/v1/polls/" + pollId), "the organizer is not asked");
    }

    private static Map<String, Object> slot(Instant startsAt) {
        return Map.of("startsAt", startsAt.atOffset(ZoneOffset.UTC).toString(), "durationMinutes", 60);
    }

    private static long count(String sql, String id) throws SQLException {
        var servers = platform.run().servers();
        try (var connection = DriverManager.getConnection(platform.jdbcUrl("notifications"), servers.dbUser(),
                servers.dbPassword()); PreparedStatement st = connection.prepareStatement(sql)) {
            st.setObject(1, UUID.fromString(id));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private record Person(UUID id, String token) {

        static Person register(String name) {
            JsonPath answer = given().baseUri(gateway).contentType(ContentType.JSON)
                    .body(Map.of("email", name.toLowerCase() + "-" + UUID.randomUUID() + "@example.org",
                            "password", "correct horse battery", "displayName", name))
                    .when().post("/api/v1/auth/register").then().statusCode(201).extract().jsonPath();
            return new Person(UUID.fromString(answer.getString("user.id")), answer.getString("accessToken"));
        }

        RequestSpecification call() {
            return given().baseUri(gateway).auth().oauth2(token);
        }

        /** The person's notifications of a type that link to {@code link}. */
        List<Map<String, Object>> notifications(String type, String link) {
            List<Map<String, Object>> all = call().when().get("/api/v1/notifications?limit=100").then().statusCode(200)
                    .extract().jsonPath().getList("items");
            return all.stream().filter(n -> type.equals(n.get("type")) && link.equals(n.get("link"))).toList();
        }
    }
}
