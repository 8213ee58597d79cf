package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import dev.nexus.testing.StreamClient;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * All four services as separate processes: an account registered in identity reaches the users
 * projection of sessions, notes and notifications through the real broker, and so does a change;
 * a group and its members in sessions decide who may post and read in notes.
 */
@ExtendWith(SharedPlatform.class)
class EventPropagationIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String[] CONSUMERS = { "sessions", "notes", "notifications" };

    private static Platform platform;

    @BeforeAll
    static void startPlatform(Platform shared) {
        platform = shared;
    }

    @Test
    void a_registered_user_appears_in_every_consuming_service() throws SQLException {
        String email = "e2e-" + UUID.randomUUID() + "@example.org";
        JsonPath created = given().baseUri(platform.url("identity")).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery", "displayName", "Edsger",
                        "timeZone", "Europe/Amsterdam"))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract().jsonPath();
        UUID userId = UUID.fromString(created.getString("user.id"));

        for (String service : CONSUMERS) {
            await().atMost(BOUND).until(() -> user(service, userId) != null);
            Map<String, String> user = user(service, userId);
            assertEquals("Edsger", user.get("display_name"), service);
            assertEquals("Europe/Amsterdam", user.get("time_zone"), service);
            assertEquals(service.equals("notifications") ? email : "", user.get("email"),
                    "only notifications keeps e-mail addresses (" + service + ")");
        }
    }

    @Test
    void a_profile_change_reaches_every_consuming_service() throws SQLException {
        JsonPath created = given().baseUri(platform.url("identity")).contentType(ContentType.JSON)
                .body(Map.of("email", "e2e-" + UUID.randomUUID() + "@example.org", "password", "correct horse battery",
                        "displayName", "Barbara"))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract().jsonPath();
        UUID userId = UUID.fromString(created.getString("user.id"));

        // identity verifies its own tokens through its JWKS endpoint, as every service does.
        given().baseUri(platform.url("identity")).auth().oauth2(created.getString("accessToken"))
                .contentType(ContentType.JSON).body(Map.of("displayName", "Barbara L.", "timeZone", "America/Chicago"))
                .when().patch("/api/v1/users/me")
                .then().statusCode(200).body("displayName", equalTo("Barbara L."));

        for (String service : CONSUMERS) {
            await().atMost(BOUND).until(() -> {
                Map<String, String> user = user(service, userId);
                return user != null && user.get("display_name").equals("Barbara L.");
            });
            assertEquals("America/Chicago", user(service, userId).get("time_zone"), service);
        }
    }

    @Test
    void sessions_accepts_identity_tokens_and_shows_projected_names() {
        JsonPath created = given().baseUri(platform.url("identity")).contentType(ContentType.JSON)
                .body(Map.of("email", "e2e-" + UUID.randomUUID() + "@example.org", "password", "correct horse battery",
                        "displayName", "Margaret"))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract().jsonPath();
        String token = created.getString("accessToken");

        // sessions verifies the RS256 token against identity's JWKS, fetched over HTTP.
        String groupId = given().baseUri(platform.url("sessions")).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Apollo guidance", "visibility", "PUBLIC"))
                .when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");

        await().atMost(BOUND).untilAsserted(() -> given().baseUri(platform.url("sessions")).auth().oauth2(token)
                .when().get("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(200).body("items[0].displayName", equalTo("Margaret")));
        given().baseUri(platform.url("sessions")).auth().oauth2("forged." + token.substring(token.indexOf('.') + 1))
                .when().get("/api/v1/groups/" + groupId).then().statusCode(401);
    }

    @Test
    void a_group_made_in_sessions_lets_its_members_and_only_them_share_notes() {
        String owner = register("Grace");
        String joiner = register("Linus");
        String outsider = register("Mallory");
        String groupId = given().baseUri(platform.url("sessions")).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Compilers", "visibility", "PUBLIC"))
                .when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> note = Map.of("groupId", groupId, "title", "Parsing", "body", "Recursive *descent*.");

        // the owner may post once group.created reached notes
        await().atMost(BOUND).until(() -> given().baseUri(platform.url("notes")).auth().oauth2(owner)
                .contentType(ContentType.JSON).body(note).when().post("/api/v1/notes").statusCode() == 201);
        String noteId = given().baseUri(platform.url("notes")).auth().oauth2(owner)
                .queryParam("groupId", groupId).when().get("/api/v1/notes")
                .then().statusCode(200).extract().path("items[0].id");

        given().baseUri(platform.url("sessions")).auth().oauth2(joiner).contentType(ContentType.JSON)
                .when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(201);
        await().atMost(BOUND).untilAsserted(() -> given().baseUri(platform.url("notes")).auth().oauth2(joiner)
                .when().get("/api/v1/notes/" + noteId)
                .then().statusCode(200).body("html", equalTo("<p>Recursive <em>descent</em>.</p>\n"))
                .body("author.displayName", equalTo("Grace")));
        given().baseUri(platform.url("notes")).auth().oauth2(outsider).when().get("/api/v1/notes/" + noteId)
                .then().statusCode(404);
    }

    @Test
    void a_session_scheduled_in_sessions_reaches_members_websockets_on_both_notification_replicas()
            throws Exception {
        String owner = register("Grace");
        String ada = register("Ada", "Europe/Berlin");
        String bob = register("Bob", "America/New_York");
        String sessions = platform.url("sessions");
        String groupId = given().baseUri(sessions).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Compilers", "visibility", "PUBLIC")).when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        for (String member : List.of(ada, bob)) {
            given().baseUri(sessions).auth().oauth2(member).contentType(ContentType.JSON)
                    .when().post("/api/v1/groups/" + groupId + "/members").then().statusCode(201);
        }
        // the owner hears of both joins once notifications has the memberships
        await().atMost(BOUND).until(() -> given().baseUri(platform.url("notifications")).auth().oauth2(owner)
                .when().get("/api/v1/notifications").then().extract().jsonPath().getList("items").size() == 2);

        // a ticket from one replica opens a socket on the other: Ada on B, Bob on A
        try (StreamClient adaOnB = StreamClient.open(platform.url(Platform.NOTIFICATIONS_B),
                        "ticket=" + ticket(platform.url("notifications"), ada));
                StreamClient bobOnA = StreamClient.open(platform.url("notifications"),
                        "ticket=" + ticket(platform.url(Platform.NOTIFICATIONS_B), bob))) {
            adaOnB.next("unread-count");
            bobOnA.next("unread-count");
            String sessionId = given().baseUri(sessions).auth().oauth2(owner).contentType(ContentType.JSON)
                    .body(Map.of("title", "Parser night", "startsAt", "2027-03-02T18:00:00+01:00",
                            "durationMinutes", 90, "timeZone", "Europe/Berlin"))
                    .when().post("/api/v1/groups/" + groupId + "/sessions")
                    .then().statusCode(201).extract().path("id");

            // one replica handled the event; the other's socket got it through Redis
            JsonObject toAda = adaOnB.next("notification").getJsonObject("notification");
            JsonObject toBob = bobOnA.next("notification").getJsonObject("notification");
            assertEquals("/api/v1/sessions/" + sessionId, toAda.getString("link"));
            assertEquals("Parser night is scheduled for Tue 2 Mar 18:00 CET.", toAda.getString("body"));
            assertEquals("Parser night is scheduled for Tue 2 Mar 12:00 EST.", toBob.getString("body"));
            assertEquals(1, adaOnB.next("unread-count").getInteger("count"));
        }
    }

    private static String ticket(String notifications, String token) {
        return given().baseUri(notifications).auth().oauth2(token).when()
                .post("/api/v1/notifications/stream-ticket").then().statusCode(200).extract().path("ticket");
    }

    private static String register(String name) {
        return register(name, "UTC");
    }

    private static String register(String name, String zone) {
        return given().baseUri(platform.url("identity")).contentType(ContentType.JSON)
                .body(Map.of("email", "e2e-" + UUID.randomUUID() + "@example.org", "password", "correct horse battery",
                        "displayName", name, "timeZone", zone))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract().path("accessToken");
    }

    private static Map<String, String> user(String service, UUID userId) throws SQLException {
        var servers = platform.run().servers();
        try (var connection = DriverManager.getConnection(platform.jdbcUrl(service), servers.dbUser(), servers.dbPassword());
                PreparedStatement st = connection.prepareStatement(
                        "select display_name, time_zone, email from users where id = ?")) {
            st.setObject(1, userId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Map.of("display_name", rs.getString(1), "time_zone", rs.getString(2), "email", rs.getString(3))
                        : null;
            }
        }
    }
}
