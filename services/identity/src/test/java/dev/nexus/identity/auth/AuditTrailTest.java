package dev.nexus.identity.auth;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nexus.testing.AuditTrail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** identity's audit lines: who, what, when and from where, and never a password or token. */
@QuarkusTest
class AuditTrailTest {

    private static final String ADDRESS = "203.0.113.7";
    private AuditTrail trail;

    @BeforeEach
    void listen() {
        trail = AuditTrail.record();
    }

    @AfterEach
    void close() {
        trail.close();
    }

    @Test
    void logins_that_fail_and_succeed_are_recorded_with_who_when_and_from_where() {
        Accounts account = anAccount();
        String userId = account.register().getString("user.id");
        Instant before = Instant.now();

        login(account.email(), "a wrong password").statusCode(401);
        JsonPath tokens = login(account.email(), account.password()).statusCode(200).extract().jsonPath();

        JsonObject failed = only(trail.of("login.failed"), account.email());
        assertEquals("-", failed.getString("actor"));
        assertEquals(ADDRESS, failed.getString("ip"));
        assertFalse(Instant.parse(failed.getString("at")).isBefore(before.minusSeconds(1)));
        JsonObject succeeded = trail.of("login.succeeded").stream().filter(l -> userId.equals(l.getString("actor")))
                .findFirst().orElseThrow();
        assertEquals(ADDRESS, succeeded.getString("ip"));
        for (String line : trail.lines()) {
            assertFalse(line.contains("a wrong password") || line.contains(account.password()), line);
            assertFalse(line.contains(tokens.getString("accessToken")) || line.contains(tokens.getString("refreshToken")),
                    line);
        }
    }

    @Test
    void a_reused_refresh_token_and_a_logout_are_recorded_with_their_login() {
        JsonPath first = anAccount().register();
        String userId = first.getString("user.id");
        String refreshed = refresh(first.getString("refreshToken"), 200).extract().path("refreshToken");
        refresh(first.getString("refreshToken"), 401);
        JsonPath second = login(first.getString("user.email"), "correct horse battery").statusCode(200)
                .extract().jsonPath();
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", second.getString("refreshToken")))
                .when().post("/api/v1/auth/logout").then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> !trail.of("logout").isEmpty());
        JsonObject reused = trail.of("refresh-token.reused").stream().filter(l -> userId.equals(l.getString("actor")))
                .findFirst().orElseThrow();
        JsonObject logout = trail.of("logout").stream().filter(l -> userId.equals(l.getString("actor")))
                .findFirst().orElseThrow();
        assertFalse(reused.getString("session").equals(logout.getString("session")), "two logins");
        trail.lines().forEach(line -> assertFalse(line.contains(refreshed), line));
    }

    private static JsonObject only(List<JsonObject> lines, String email) {
        List<JsonObject> mine = lines.stream().filter(l -> email.equals(l.getString("email"))).toList();
        assertEquals(1, mine.size(), mine.toString());
        return mine.get(0);
    }

    private static io.restassured.response.ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ADDRESS)
                .body(Map.of("email", email, "password", password)).when().post("/api/v1/auth/login").then();
    }

    private static io.restassured.response.ValidatableResponse refresh(String token, int status) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token))
                .when().post("/api/v1/auth/refresh").then().statusCode(status);
    }
}
