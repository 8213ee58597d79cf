package dev.nexus.sessions.pairing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Broker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Mob sessions: the format, and a fair driver rotation published to the broker. */
@QuarkusTest
class MobRotationTest {

    /** In two days at 18:00 UTC. */
    private static final OffsetDateTime FIRST = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withHour(18)
            .withMinute(0).withSecond(0).withNano(0);

    private static UUID series(Learner owner, UUID groupId, String recurrence) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Mob night", "startsAt", FIRST.toString(),
                "durationMinutes", 60, "timeZone", "Europe/Berlin"));
        if (recurrence != null) {
            body.put("recurrence", recurrence);
        }
        return UUID.fromString(owner.call().body(body).when().post("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(201).extract().path("id"));
    }

    private static String rotation(UUID sessionId, OffsetDateTime start) {
        return "/api/v1/sessions/" + sessionId + "/occurrences/"
                + start.atZoneSameInstant(ZoneId.of("Europe/Berlin")).toOffsetDateTime() + "/rotation";
    }

    /** How the API writes a time of the session's zone. */
    private static String berlin(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZoneSameInstant(ZoneId.of("Europe/Berlin")));
    }

    private static void going(Learner who, UUID sessionId) {
        who.call().body(Map.of("status", "GOING")).when().put("/api/v1/sessions/" + sessionId + "/rsvp").then()
                .statusCode(200);
    }

    @Test
    void a_published_rotation_gives_a_turn_every_fifteen_minutes_and_the_next_one_starts_with_who_drove_least() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Learner ada = Learner.named("Ada");
        Learner bob = Learner.named("Bob");
        Learner carl = Learner.named("Carl");
        UUID sessionId = series(owner, groupId, "FREQ=WEEKLY;COUNT=3");
        for (Learner member : new Learner[] { ada, bob, carl }) {
            member.joins(groupId);
            going(member, sessionId);
        }
        owner.call().body(Map.of("format", "MOB", "rotationMinutes", 15)).when()
                .put("/api/v1/sessions/" + sessionId + "/format").then().statusCode(200)
                .body("format", equalTo("MOB")).body("rotationMinutes", equalTo(15));
        ada.call().when().get("/api/v1/sessions/" + sessionId + "/format").then().body("format", equalTo("MOB"));

        ada.call().when().get(rotation(sessionId, FIRST)).then().statusCode(200).body("published", equalTo(false))
                .body("turns.displayName", contains("Ada", "Bob", "Carl", "Ada"));

        try (Broker broker = Broker.open()) {
            Broker.Recorder published = broker.record("session.rotation-published.v1");
            owner.call().when().post(rotation(sessionId, FIRST)).then().statusCode(200)
                    .body("published", equalTo(true))
                    .body("turns.driverId", contains(ada.id().toString(), bob.id().toString(), carl.id().toString(),
                            ada.id().toString()))
                    .body("turns[1].at", equalTo(berlin(FIRST.plusMinutes(15))))
                    .body("turns[3].until", equalTo(berlin(FIRST.plusMinutes(60))));
            await().atMost(Duration.ofSeconds(20)).until(() -> !published.about(sessionId).isEmpty());
            JsonArray turns = published.about(sessionId).get(0).event().getJsonObject("data").getJsonArray("turns");
            assertEquals(4, turns.size());
            assertEquals(bob.id().toString(), turns.getJsonObject(1).getString("driverId"));
            assertEquals(FIRST.plusMinutes(30).toInstant().toString(), turns.getJsonObject(1).getString("until"));
        }
        // Ada drove twice: next week Bob and Carl go first
        owner.call().when().post(rotation(sessionId, FIRST.plusWeeks(1))).then().statusCode(200)
                .body("turns.displayName", contains("Bob", "Carl", "Ada", "Bob"));
        ada.call().when().get(rotation(sessionId, FIRST)).then().body("published", equalTo(true))
                .body("turns.displayName", contains("Ada", "Bob", "Carl", "Ada"));
    }

    @Test
    void wrong_format_input_a_missing_occurrence_no_mob_or_nobody_going_are_clear_problems() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        Learner ada = Learner.named("Ada");
        ada.joins(groupId);
        UUID sessionId = series(owner, groupId, null);

        owner.call().when().post(rotation(sessionId, FIRST)).then().statusCode(409)
                .body("detail", equalTo("This is not a mob session: set its format to MOB first."));
        ada.call().body(Map.of("format", "MOB")).when().put("/api/v1/sessions/" + sessionId + "/format").then()
                .statusCode(403);
        owner.call().body(Map.of("format", "MOB", "rotationMinutes", 3)).when()
                .put("/api/v1/sessions/" + sessionId + "/format").then().statusCode(400)
                .body("errors.field", hasItem("rotationMinutes"));
        owner.call().body(Map.of("format", "TRIO")).when().put("/api/v1/sessions/" + sessionId + "/format").then()
                .statusCode(400).contentType("application/problem+json");
        owner.call().body(Map.of("format", "MOB")).when().put("/api/v1/sessions/" + sessionId + "/format").then()
                .statusCode(200).body("rotationMinutes", equalTo(10));

        owner.call().when().post(rotation(sessionId, FIRST)).then().statusCode(409)
                .body("detail", equalTo("Nobody is going yet: there is nobody to drive."));
        owner.call().when().post(rotation(sessionId, FIRST.plusHours(1))).then().statusCode(404);
        owner.call().when().post("/api/v1/sessions/" + sessionId + "/occurrences/tomorrow/rotation").then()
                .statusCode(400).body("errors.field", hasItem("start"));
        going(ada, sessionId);
        ada.call().when().post(rotation(sessionId, FIRST)).then().statusCode(403);
        owner.call().when().post(rotation(sessionId, FIRST)).then().statusCode(200)
                .body("turns.displayName", contains("Ada", "Ada", "Ada", "Ada", "Ada", "Ada"));

        owner.call().when().post("/api/v1/sessions/" + sessionId + "/cancel").then().statusCode(200);
        owner.call().body(Map.of("format", "PAIR")).when().put("/api/v1/sessions/" + sessionId + "/format").then()
                .statusCode(409).body("detail", equalTo("The whole session was cancelled."));
        owner.call().when().get("/api/v1/sessions/" + sessionId + "/format").then().body("format", equalTo("MOB"));
    }
}
