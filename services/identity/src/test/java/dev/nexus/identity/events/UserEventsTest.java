package dev.nexus.identity.events;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.testing.Broker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** identity's events as a consumer sees them on nexus.events. */
@QuarkusTest
class UserEventsTest {

    private Broker broker;
    private Broker.Recorder recorder;

    @BeforeEach
    void listen() {
        broker = Broker.open();
        recorder = broker.record("user.#");
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void registering_publishes_one_user_registered_cloudevent() {
        JsonPath created = anAccount().with("timeZone", "Asia/Tokyo").register();
        String userId = created.getString("user.id");

        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.about(userId).isEmpty());
        List<Broker.Received> events = recorder.about(userId);
        assertEquals(1, events.size());

        Broker.Received received = events.get(0);
        assertEquals("user.registered.v1", received.routingKey());
        assertEquals("application/cloudevents+json", received.properties().getContentType());
        JsonObject event = received.event();
        assertEquals("1.0", event.getString("specversion"));
        assertEquals("nexus.user.registered.v1", event.getString("type"));
        assertEquals("/identity", event.getString("source"));
        assertEquals(event.getString("id"), received.properties().getMessageId());
        JsonObject data = event.getJsonObject("data");
        assertEquals(userId, data.getString("userId"));
        assertEquals(created.getString("user.displayName"), data.getString("displayName"));
        assertEquals("Asia/Tokyo", data.getString("timeZone"));
        assertEquals(created.getString("user.email"), data.getString("email"));
    }

    @Test
    void a_profile_change_publishes_user_updated_and_a_no_op_patch_publishes_nothing() {
        JsonPath created = anAccount().register();
        String userId = created.getString("user.id");
        String token = created.getString("accessToken");

        patch(token, Map.of("displayName", created.getString("user.displayName"))); // unchanged
        patch(token, Map.of("timeZone", "Africa/Lagos"));

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.about(userId).size() >= 2);
        List<Broker.Received> events = recorder.about(userId);
        // Published in commit order: the unchanged patch would sit between the two.
        assertEquals(List.of("user.registered.v1", "user.updated.v1"),
                events.stream().map(Broker.Received::routingKey).toList());
        assertEquals("Africa/Lagos", events.get(1).event().getJsonObject("data").getString("timeZone"));
    }

    @Test
    void logout_and_a_reused_refresh_token_each_announce_once_that_their_login_ended() throws Exception {
        JsonPath created = anAccount().register();
        String userId = created.getString("user.id");
        String firstLogin = sid(created.getString("accessToken"));
        post("/api/v1/auth/logout", created.getString("refreshToken"), 204);
        post("/api/v1/auth/logout", created.getString("refreshToken"), 204); // already ended: nothing more

        JsonPath second = given().contentType(ContentType.JSON).body(Map.of("email", created.getString("user.email"),
                "password", "correct horse battery")).when().post("/api/v1/auth/login").then().statusCode(200)
                .extract().jsonPath();
        String secondLogin = sid(second.getString("accessToken"));
        post("/api/v1/auth/refresh", second.getString("refreshToken"), 200);
        post("/api/v1/auth/refresh", second.getString("refreshToken"), 401); // reuse: the login is revoked

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.about(userId).size() >= 3);
        List<JsonObject> ended = recorder.about(userId).stream()
                .filter(r -> r.routingKey().equals("user.signed-out.v1")).map(r -> r.event().getJsonObject("data"))
                .toList();
        assertEquals(List.of(firstLogin, secondLogin), ended.stream().map(d -> d.getString("sessionId")).toList());
        assertEquals(List.of("logout", "refresh-token-reuse"), ended.stream().map(d -> d.getString("reason")).toList());
        assertEquals(List.of(userId, userId), ended.stream().map(d -> d.getString("userId")).toList());
    }

    private static String sid(String accessToken) throws Exception {
        return org.jose4j.jwt.JwtClaims.parse(new String(java.util.Base64.getUrlDecoder()
                .decode(accessToken.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).getStringClaimValue("sid");
    }

    private static void post(String path, String refreshToken, int status) {
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).when().post(path)
                .then().statusCode(status);
    }

    private static void patch(String token, Map<String, String> body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch("/api/v1/users/me").then().statusCode(200);
    }
}
