package dev.nexus.sessions;

import static io.restassured.RestAssured.given;

import dev.nexus.testing.Db;
import dev.nexus.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A user known to the sessions service (in its users projection), calling the API with a token. */
public record Learner(UUID id, String name, String token) {

    /** A learner in Europe/Berlin. */
    public static Learner named(String name) {
        return named(name, "Europe/Berlin");
    }

    public static Learner named(String name, String timeZone) {
        UUID id = UUID.randomUUID();
        Db.execute("insert into users (id, display_name, time_zone, updated_at) values (?, ?, ?, ?)",
                id, name, timeZone, OffsetDateTime.now());
        return new Learner(id, name, Tokens.forUser(id, name, timeZone));
    }

    public RequestSpecification call() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates a group and returns its id. */
    public UUID creates(String visibility) {
        return UUID.fromString(call().body(Map.of("name", name + "'s " + visibility.toLowerCase() + " group",
                        "visibility", visibility, "timeZone", "Europe/Berlin"))
                .when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id"));
    }

    public void joins(UUID groupId) {
        call().when().post("/api/v1/groups/" + groupId + "/members").then().statusCode(201);
    }

    public void joinsWith(UUID groupId, String inviteCode) {
        call().body(Map.of("inviteCode", inviteCode)).when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(201);
    }

    public String invites(UUID groupId) {
        return call().when().post("/api/v1/groups/" + groupId + "/invites").then().statusCode(201).extract().path("code");
    }

    public void makes(Learner other, String role, UUID groupId) {
        call().body(Map.of("role", role)).when().put("/api/v1/groups/" + groupId + "/members/" + other.id() + "/role")
                .then().statusCode(200);
    }
}
