package dev.nexus.e2e;

import static dev.nexus.testing.Events.event;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.Events.RsvpChanged;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.testing.Broker;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Session recaps with the shared platform's two notification replicas, both running the recap
 * scheduler. The sessions service refuses a session in the past, so the test announces one that ended
 * a minute ago on the real broker, as the sessions service would; everything else is the platform's
 * own: the group, the note posted for the session through the notes service, the recaps.
 */
@ExtendWith(SharedPlatform.class)
class RecapIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void startPlatform(Platform shared) {
        platform = shared;
        gateway = platform.url(Platform.GATEWAY);
    }

    @Test
    void each_attendee_gets_one_recap_of_an_ended_session_with_the_note_posted_for_it() {
        Person ada = Person.register("Ada");
        Person bob = Person.register("Bob");
        String groupId = ada.call().contentType(ContentType.JSON).body(Map.of("name", "Recap club", "visibility", "PUBLIC"))
                .when().post("/api/v1/groups").then().statusCode(201).extract().path("id");
        bob.call().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(201);

        try (Broker broker = Broker.open(platform.run())) {
            Ended first = endedSession(broker, groupId, ada, "Graph night");
            String noteId = await().atMost(BOUND).until(() -> postNote(ada, groupId, first.id(), "Dijkstra recap"),
                    id -> id != null);
            // the note reached notifications before anyone has a place, so before any recap can be sent
            await().atMost(BOUND).until(() -> view(ada, first).statusCode() == 200
                    && view(ada, first).jsonPath().getList("notes.id").contains(noteId));
            going(broker, first, groupId, ada, bob);

            for (Person who : List.of(ada, bob)) {
                await().atMost(BOUND).until(() -> recaps(who, first).size() == 1);
                Map<String, Object> recap = recaps(who, first).get(0);
                assertEquals("Recap: Graph night", recap.get("title"));
                assertTrue(((String) recap.get("body")).contains("Attended: Ada, Bob. Notes: Dijkstra recap."),
                        String.valueOf(recap.get("body")));
                assertEquals("/api/v1/recaps/" + first.id() + "/" + first.start(), recap.get("link"));
            }
            JsonPath view = view(bob, first).jsonPath();
            assertEquals(true, view.getBoolean("ended"));
            assertEquals(List.of("Ada", "Bob"), view.getList("attended.displayName"));
            assertEquals(List.of(noteId), view.getList("notes.id"));

            // A later session recapped means both schedulers went on running after the first recap.
            Ended second = endedSession(broker, groupId, ada, "Heap night");
            going(broker, second, groupId, ada, bob);
            await().atMost(BOUND).until(() -> recaps(ada, second).size() == 1 && recaps(bob, second).size() == 1);
            assertEquals(1, recaps(ada, first).size(), "still one recap of the first session for Ada");
            assertEquals(1, recaps(bob, first).size(), "still one recap of the first session for Bob");
        }
    }

    private record Ended(UUID id, Instant start) {
    }

    /** A one-hour session of the group that ended a minute ago, announced as the sessions service would. */
    private static Ended endedSession(Broker broker, String groupId, Person organizer, String title) {
        Ended session = new Ended(UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(61)));
        broker.publish(event(new SessionScheduled(session.id(), UUID.fromString(groupId), title, session.start(),
                session.start().plus(Duration.ofHours(1)), "Europe/Berlin", organizer.id(), null, null, null)));
        return session;
    }

    private static void going(Broker broker, Ended session, String groupId, Person... people) {
        for (Person who : people) {
            broker.publish(event(new RsvpChanged(session.id(), UUID.fromString(groupId), who.id(), "GOING", false)));
        }
    }

    private static ExtractableResponse<Response> view(Person who, Ended session) {
        return who.call().when().get("/api/v1/recaps/" + session.id() + "/" + session.start()).then().extract();
    }

    /** The note's id, or null while the notes service does not know the session yet. */
    private static String postNote(Person author, String groupId, UUID sessionId, String title) {
        var answer = author.call().contentType(ContentType.JSON)
                .body(Map.of("groupId", groupId, "sessionId", sessionId.toString(), "title", title, "body", "O(E log V)"))
                .when().post("/api/v1/notes").then().extract();
        return answer.statusCode() == 201 ? answer.path("id") : null;
    }

    private static List<Map<String, Object>> recaps(Person who, Ended session) {
        List<Map<String, Object>> all = who.call().when().get("/api/v1/notifications?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.type == 'session.recap' }");
        return all.stream().filter(n -> String.valueOf(n.get("link")).contains(session.id().toString())).toList();
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
    }
}
