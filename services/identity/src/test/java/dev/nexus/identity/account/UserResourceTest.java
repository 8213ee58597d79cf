package dev.nexus.identity.account;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Test
    void patch_changes_display_name_and_time_zone_and_keeps_the_rest() {
        JsonPath created = anAccount().register();
        String token = created.getString("accessToken");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("timeZone", "Asia/Kolkata"))
                .when().patch("/api/v1/users/me")
                .then().statusCode(200)
                .body("timeZone", equalTo("Asia/Kolkata"))
                .body("displayName", equalTo(created.getString("user.displayName")));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("displayName", "  Ada  "))
                .when().patch("/api/v1/users/me")
                .then().statusCode(200).body("displayName", equalTo("Ada"));

        given().auth().oauth2(token).when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("displayName", equalTo("Ada"))
                .body("timeZone", equalTo("Asia/Kolkata"));
    }

    @Test
    void patch_with_an_unknown_time_zone_is_a_400_and_changes_nothing() {
        String token = anAccount().register().getString("accessToken");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Changed", "timeZone", "Europe/Atlantis"))
                .when().patch("/api/v1/users/me")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("timeZone"));

        given().auth().oauth2(token).when().get("/api/v1/users/me")
                .then().body("timeZone", equalTo("Europe/Berlin"));
    }

    @Test
    void patch_with_a_blank_display_name_is_a_400() {
        String token = anAccount().register().getString("accessToken");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("displayName", "   "))
                .when().patch("/api/v1/users/me")
                .then().statusCode(400).body("errors.field", hasItem("displayName"));
    }

    @Test
    void concurrent_profile_changes_answer_200_or_409_never_500() {
        String token = anAccount().register().getString("accessToken");

        List<Integer> statuses = IntStream.range(0, 8).parallel()
                .mapToObj(i -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("displayName", "Racer " + i))
                        .when().patch("/api/v1/users/me").statusCode())
                .toList();

        assertTrue(statuses.contains(200), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
    }

    @Test
    void without_a_token_me_is_a_401_problem() {
        given().when().get("/api/v1/users/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void a_garbage_token_is_a_401() {
        given().auth().oauth2("not.a.jwt").when().get("/api/v1/users/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void an_expired_token_is_a_401() {
        UUID id = UUID.fromString(anAccount().register().getString("user.id"));
        given().auth().oauth2(Tokens.expired(id)).when().get("/api/v1/users/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void an_unsigned_alg_none_token_is_a_401() {
        UUID id = UUID.fromString(anAccount().register().getString("user.id"));
        given().auth().oauth2(Tokens.unsigned(id)).when().get("/api/v1/users/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void a_token_from_another_issuer_is_a_401() {
        UUID id = UUID.fromString(anAccount().register().getString("user.id"));
        given().auth().oauth2(Tokens.withIssuer(id, "https://evil.example")).when().get("/api/v1/users/me")
                .then().statusCode(401);
    }
}
