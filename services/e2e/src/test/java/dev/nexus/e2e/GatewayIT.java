package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.testing.StreamClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real services behind two gateways: every prefix answers as it does direct, writes and links
 * work, the notification stream (with its replay) is tunnelled, and both gateways count into the
 * same rate-limit buckets in Redis.
 */
@ExtendWith(SharedPlatform.class)
class GatewayIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void startPlatform(Platform shared) {
        platform = shared;
        gateway = platform.url(Platform.GATEWAY);
    }

    @Test
    void every_prefix_answers_through_the_gateway_as_it_does_direct() {
        String token = register(gateway, "Ada", "ada-" + UUID.randomUUID() + "@example.org");
        String groupId = given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Gateway study", "visibility", "PUBLIC")).when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        Map<String, String> owners = Map.of(
                "/api/v1/users/me", "identity",
                "/.well-known/jwks.json", "identity",
                "/api/v1/groups/" + groupId, "sessions",
                "/api/v1/groups?q=Gateway%20study", "sessions",
                "/api/v1/me/sessions?from=2027-01-01T00:00:00Z&to=2027-01-08T00:00:00Z", "sessions",
                "/api/v1/notes/" + UUID.randomUUID(), "notes",
                "/api/v1/solutions/" + UUID.randomUUID(), "notes",
                "/api/v1/notification-preferences", "notifications",
                "/api/v1/notifications/unread-count", "notifications");
        owners.forEach((path, service) -> {
            Response direct = given().baseUri(platform.url(service)).auth().oauth2(token).urlEncodingEnabled(false)
                    .when().get(path);
            Response through = given().baseUri(gateway).auth().oauth2(token).urlEncodingEnabled(false).when().get(path);
            assertEquals(direct.statusCode(), through.statusCode(), path);
            assertEquals(direct.contentType(), through.contentType(), path);
            assertEquals(direct.asString(), through.asString(), path);
        });
        // conditional reads pass through: the service's ETag, then 304
        String sessionId = schedule(token, groupId, "Cached");
        String etag = given().baseUri(gateway).auth().oauth2(token).when().get("/api/v1/sessions/" + sessionId)
                .then().statusCode(200).extract().header("ETag");
        given().baseUri(gateway).auth().oauth2(token).header("If-None-Match", etag)
                .when().get("/api/v1/sessions/" + sessionId).then().statusCode(304);
        // a service's problem passes through unchanged
        Response forged = given().baseUri(gateway).auth().oauth2("forged." + token.substring(token.indexOf('.') + 1))
                .when().get("/api/v1/groups/" + groupId);
        assertEquals(401, forged.statusCode());
        assertEquals("application/problem+json", forged.contentType());
    }

    @Test
    void a_note_posted_through_the_gateway_is_linked_at_the_gateway() {
        String token = register(gateway, "Grace", "grace-" + UUID.randomUUID() + "@example.org");
        String groupId = given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Compilers", "visibility", "PUBLIC")).when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> note = Map.of("groupId", groupId, "title", "Parsing", "body", "Recursive *descent*.");
        // the owner may post once group.created reached notes
        await().atMost(BOUND).until(() -> given().baseUri(platform.url("notes")).auth().oauth2(token)
                .queryParam("groupId", groupId).when().get("/api/v1/notes").statusCode() == 200);
        given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON).body(note)
                .when().post("/api/v1/notes")
                .then().statusCode(201).header("Location", startsWith(gateway + "/api/v1/notes/"));
    }

    @Test
    void the_notification_stream_and_its_replay_work_through_the_gateway() throws Exception {
        String owner = register(gateway, "Grace", "owner-" + UUID.randomUUID() + "@example.org");
        String ada = register(gateway, "Ada", "ada-" + UUID.randomUUID() + "@example.org");
        String groupId = given().baseUri(gateway).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Stream", "visibility", "PUBLIC")).when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        given().baseUri(gateway).auth().oauth2(ada).contentType(ContentType.JSON)
                .when().post("/api/v1/groups/" + groupId + "/members").then().statusCode(201);
        // the owner hears of the join once notifications has the membership
        await().atMost(BOUND).until(() -> given().baseUri(gateway).auth().oauth2(owner)
                .when().get("/api/v1/notifications").then().extract().jsonPath().getList("items").size() == 1);

        String firstId;
        try (StreamClient stream = StreamClient.open(gateway, "ticket=" + ticket(ada))) {
            assertEquals(0, stream.next("unread-count").getInteger("count"));
            schedule(owner, groupId, "First night");
            JsonObject first = stream.next("notification").getJsonObject("notification");
            assertEquals("First night is scheduled for Tue 2 Mar 17:00 UTC.", first.getString("body"));
            firstId = first.getString("id");
        }
        schedule(owner, groupId, "Second night");
        await().atMost(BOUND).until(() -> given().baseUri(gateway).auth().oauth2(ada)
                .when().get("/api/v1/notifications/unread-count").then().extract().<Integer>path("count") == 2);
        // reconnecting with the last id seen replays what was missed meanwhile
        try (StreamClient stream = StreamClient.open(gateway, "ticket=" + ticket(ada) + "&after=" + firstId)) {
            List<String> replayed = List.of(stream.next("notification").getJsonObject("notification").getString("body"));
            assertEquals(List.of("Second night is scheduled for Tue 2 Mar 17:00 UTC."), replayed);
        }
    }

    @Test
    void both_gateways_count_logins_for_one_email_in_the_same_bucket() {
        String email = "shared-" + UUID.randomUUID() + "@example.org";
        register(gateway, "Linus", email);
        String[] gateways = { gateway, platform.url(Platform.GATEWAY_B) };
        for (int i = 1; i <= Platform.LOGIN_EMAIL_LIMIT; i++) {
            Response response = login(gateways[i % 2], email, "wrong password!");
            assertEquals(401, response.statusCode(), "identity answered the wrong password");
            assertEquals(String.valueOf(Platform.LOGIN_EMAIL_LIMIT), response.header("RateLimit-Limit"));
            assertEquals(String.valueOf(Platform.LOGIN_EMAIL_LIMIT - i), response.header("RateLimit-Remaining"));
        }
        for (String any : gateways) {
            Response refused = login(any, email, "correct horse battery");
            assertEquals(429, refused.statusCode(), "refused on " + any + ", even with the right password");
            int retryAfter = Integer.parseInt(refused.header("Retry-After"));
            assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        }
    }

    private static Response login(String base, String email, String password) {
        return given().baseUri(base).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login");
    }

    private static String schedule(String owner, String groupId, String title) {
        return given().baseUri(gateway).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("title", title, "startsAt", "2027-03-02T17:00:00Z", "durationMinutes", 60,
                        "timeZone", "UTC"))
                .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201).extract().path("id");
    }

    @Test
    void the_gateway_reports_every_replica_ready_through_their_management_ports() {
        given().baseUri(platform.managementUrl(Platform.GATEWAY)).when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'upstreams' }.data.notifications", equalTo("2 of 2 replicas ready"))
                .body("checks.find { it.name == 'upstreams' }.data.sessions", equalTo("1 of 1 replicas ready"));
        given().baseUri(platform.url("sessions")).when().get("/q/metrics").then().statusCode(404);
        given().baseUri(platform.managementUrl("sessions")).when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void an_idempotency_key_replays_the_first_answer_on_another_replica() {
        String token = register(gateway, "Edsger", "edsger-" + UUID.randomUUID() + "@example.org");
        String key = UUID.randomUUID().toString();
        Response first = given().baseUri(platform.url("notifications")).auth().oauth2(token)
                .header("Idempotency-Key", key).when().post("/api/v1/notifications/stream-ticket");
        Response again = given().baseUri(platform.url(Platform.NOTIFICATIONS_B)).auth().oauth2(token)
                .header("Idempotency-Key", key).when().post("/api/v1/notifications/stream-ticket");
        assertEquals(200, first.statusCode(), first.asString());
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(first.<String>path("ticket"), again.<String>path("ticket"), "one ticket, not two");
        assertEquals("true", again.header("Idempotent-Replayed"));
        // the gateway lets a browser send the key and read the replay marker
        given().baseUri(gateway).header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "idempotency-key").when().options("/api/v1/groups")
                .then().header("Access-Control-Allow-Headers", containsString("idempotency-key"));
    }

    private static String ticket(String token) {
        return given().baseUri(gateway).auth().oauth2(token).when()
                .post("/api/v1/notifications/stream-ticket").then().statusCode(200).extract().path("ticket");
    }

    private static String register(String base, String name, String email) {
        return given().baseUri(base).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery", "displayName", name))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract().path("accessToken");
    }
}
