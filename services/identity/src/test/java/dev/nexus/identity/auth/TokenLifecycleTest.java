package dev.nexus.identity.auth;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenLifecycleTest {

    @Test
    void login_with_the_right_password_returns_a_working_token_pair() {
        Accounts account = anAccount();
        account.register();

        JsonPath tokens = login(account.email().toUpperCase(), account.password()).statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .extract().jsonPath();

        given().auth().oauth2(tokens.getString("accessToken")).when().get("/api/v1/users/me")
                .then().statusCode(200).body("email", equalTo(account.email()));
    }

    @Test
    void a_malformed_body_is_a_400_that_names_no_java_type() {
        for (String body : List.of("{\"email\":", "[1,2]", "\"x\"", "{\"email\": \"a@b.c\", \"password\": tru}")) {
            String detail = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/auth/login")
                    .then().statusCode(400).contentType("application/problem+json").extract().path("detail");
            assertFalse(detail.contains("dev.nexus") || detail.contains("java.") || detail.contains("`"), detail);
        }
        given().contentType(ContentType.JSON).body("[1,2]").when().post("/api/v1/auth/login")
                .then().body("detail", equalTo("The request body must be a JSON object"));
        given().contentType(ContentType.JSON).body("{\"email\":").when().post("/api/v1/auth/login")
                .then().body("detail", startsWith("The request body is not valid JSON (line 1"));
    }

    @Test
    void no_cache_may_keep_an_answer_that_carries_tokens() {
        Accounts account = anAccount();
        String refreshToken = given().contentType(ContentType.JSON).body(account.body())
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .extract().path("refreshToken");
        login(account.email(), account.password()).statusCode(200)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/v1/auth/refresh")
                .then().statusCode(200).header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_401() {
        Accounts account = anAccount();
        account.register();

        String wrongPassword = login(account.email(), "not the password").statusCode(401)
                .contentType("application/problem+json").extract().path("detail");
        String unknownEmail = login("nobody-" + account.email(), account.password()).statusCode(401)
                .contentType("application/problem+json").extract().path("detail");

        assertEquals(wrongPassword, unknownEmail);
    }

    @Test
    void login_without_a_password_is_a_400() {
        given().contentType(ContentType.JSON).body(Map.of("email", "a@example.org"))
                .when().post("/api/v1/auth/login")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("password"));
    }

    @Test
    void refresh_rotates_the_pair_and_the_old_refresh_token_stops_working() {
        String first = anAccount().register().getString("refreshToken");

        JsonPath second = refresh(first).statusCode(200).extract().jsonPath();
        assertNotEquals(first, second.getString("refreshToken"));
        given().auth().oauth2(second.getString("accessToken")).when().get("/api/v1/users/me").then().statusCode(200);

        refresh(first).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void reusing_a_rotated_refresh_token_revokes_its_whole_family() {
        String stolen = anAccount().register().getString("refreshToken");
        String legitimate = refresh(stolen).statusCode(200).extract().path("refreshToken");

        refresh(stolen).statusCode(401);

        // The family is revoked: the token the legitimate client holds is dead too.
        refresh(legitimate).statusCode(401);
    }

    @Test
    void reuse_revokes_only_that_family_not_other_logins() {
        Accounts account = anAccount();
        String phone = account.register().getString("refreshToken");
        String laptop = login(account.email(), account.password()).statusCode(200).extract().path("refreshToken");

        refresh(phone).statusCode(200);
        refresh(phone).statusCode(401);

        refresh(laptop).statusCode(200);
    }

    @Test
    void logout_revokes_the_refresh_token_family() {
        String first = anAccount().register().getString("refreshToken");
        String second = refresh(first).statusCode(200).extract().path("refreshToken");

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", second))
                .when().post("/api/v1/auth/logout")
                .then().statusCode(204);

        refresh(second).statusCode(401);
    }

    @Test
    void a_made_up_refresh_token_is_a_401() {
        refresh("made-up").statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void jwks_publishes_the_rs256_public_key_without_private_parts() {
        JsonPath jwks = given().when().get("/.well-known/jwks.json")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("RSA", jwks.getString("keys[0].kty"));
        assertEquals("RS256", jwks.getString("keys[0].alg"));
        assertEquals("sig", jwks.getString("keys[0].use"));
        assertTrue(jwks.getString("keys[0].kid").length() > 20);
        assertNull(jwks.get("keys[0].d"), "no private exponent");
    }

    private static ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login").then();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/v1/auth/refresh").then();
    }
}
