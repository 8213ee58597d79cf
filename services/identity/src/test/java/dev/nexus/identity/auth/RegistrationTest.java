package dev.nexus.identity.auth;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationTest {

    @Test
    void registering_creates_the_account_and_logs_in() {
        Accounts account = anAccount();
        JsonPath created = account.register();

        created.getString("user.id");
        org.junit.jupiter.api.Assertions.assertEquals(account.email(), created.getString("user.email"));
        org.junit.jupiter.api.Assertions.assertEquals("Europe/Berlin", created.getString("user.timeZone"));
        org.junit.jupiter.api.Assertions.assertEquals(900, created.getInt("expiresIn"));

        given().auth().oauth2(created.getString("accessToken"))
                .when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("email", equalTo(account.email()))
                .body("id", equalTo(created.getString("user.id")));
    }

    @Test
    void the_access_token_names_the_user_and_their_time_zone() {
        JsonPath created = anAccount().with("timeZone", "America/Denver").register();
        String payload = created.getString("accessToken").split("\\.")[1];
        io.vertx.core.json.JsonObject claims = new io.vertx.core.json.JsonObject(
                new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8));

        org.junit.jupiter.api.Assertions.assertEquals(created.getString("user.id"), claims.getString("sub"));
        org.junit.jupiter.api.Assertions.assertEquals("America/Denver", claims.getString("zoneinfo"));
        org.junit.jupiter.api.Assertions.assertEquals("nexus", claims.getValue("aud") instanceof String a ? a
                : claims.getJsonArray("aud").getString(0));
    }

    @Test
    void time_zone_defaults_to_utc() {
        anAccount().without("timeZone").register();
        JsonPath created = anAccount().without("timeZone").register();
        org.junit.jupiter.api.Assertions.assertEquals("UTC", created.getString("user.timeZone"));
    }

    @Test
    void a_malformed_email_is_a_400_naming_the_field() {
        given().contentType(ContentType.JSON).body(anAccount().with("email", "not-an-email").body())
                .when().post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void a_password_under_ten_characters_is_a_400() {
        given().contentType(ContentType.JSON).body(anAccount().with("password", "short").body())
                .when().post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("password"))
                .body("detail", containsString("10"));
    }

    @Test
    void a_password_over_72_bytes_is_a_400_even_when_it_has_72_characters() {
        // 36 × "é" (2 bytes each) + 36 × "a" = 72 characters, 108 bytes: bcrypt would ignore the a's
        String password = "é".repeat(36) + "a".repeat(36);
        given().contentType(ContentType.JSON).body(anAccount().with("password", password).body())
                .when().post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("password"))
                .body("detail", containsString("72 bytes"));
        given().contentType(ContentType.JSON).body(anAccount().with("password", "é".repeat(36)).body())
                .when().post("/api/v1/auth/register")
                .then().statusCode(201);
    }

    @Test
    void an_unknown_time_zone_is_a_400() {
        given().contentType(ContentType.JSON).body(anAccount().with("timeZone", "Mars/Olympus_Mons").body())
                .when().post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("timeZone"))
                .body("detail", containsString("IANA"));
    }

    @Test
    void a_duplicate_email_is_a_409_whatever_its_case() {
        Accounts first = anAccount();
        first.register();

        given().contentType(ContentType.JSON).body(anAccount().with("email", first.email().toUpperCase()).body())
                .when().post("/api/v1/auth/register")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("detail", notNullValue());
    }

    @Test
    void a_body_that_is_not_json_is_a_400_problem() {
        given().contentType(ContentType.JSON).body("{\"email\": ")
                .when().post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("JSON"));
    }

    @Test
    void a_missing_body_is_a_400_problem() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
