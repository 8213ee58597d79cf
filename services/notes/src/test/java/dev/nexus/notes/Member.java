package dev.nexus.notes;

import static io.restassured.RestAssured.given;

import dev.nexus.testing.Db;
import dev.nexus.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user known to the notes service (in its users projection) calling the API with a token. Group
 * memberships are written straight into the projection, as sessions' events would; the tests that
 * cross the broker send the real events instead.
 */
public record Member(UUID id, String name, String token) {

    public static Member named(String name) {
        UUID id = UUID.randomUUID();
        Db.execute("insert into users (id, display_name, time_zone, updated_at) values (?, ?, ?, ?)",
                id, name, "Europe/Berlin", OffsetDateTime.now());
        return new Member(id, name, Tokens.forUser(id, name, "Europe/Berlin"));
    }

    /** A new group with this member as its owner. */
    public UUID owns() {
        UUID groupId = UUID.randomUUID();
        joins(groupId, "OWNER");
        return groupId;
    }

    public Member joins(UUID groupId) {
        return joins(groupId, "MEMBER");
    }

    public Member joins(UUID groupId, String role) {
        Db.execute("insert into group_members (group_id, user_id, role, updated_at) values (?, ?, ?, ?)",
                groupId, id, role, OffsetDateTime.now());
        return this;
    }

    public RequestSpecification call() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Posts a note and returns its id. */
    public UUID posts(UUID groupId, String title, String body, String... tags) {
        Map<String, Object> note = new HashMap<>(Map.of("groupId", groupId, "title", title, "body", body));
        note.put("tags", List.of(tags));
        return UUID.fromString(call().body(note).when().post("/api/v1/notes")
                .then().statusCode(201).extract().path("id"));
    }

    /** Posts a problem and returns its id. */
    public UUID poses(UUID groupId, String title, String statement) {
        return UUID.fromString(call().body(Map.of("groupId", groupId, "title", title, "statement", statement))
                .when().post("/api/v1/problems")
                .then().statusCode(201).extract().path("id"));
    }

    /** Posts a solution and returns its id. */
    public UUID solves(UUID problemId, String body) {
        return UUID.fromString(call().body(Map.of("body", body, "language", "java"))
                .when().post("/api/v1/problems/" + problemId + "/solutions")
                .then().statusCode(201).extract().path("id"));
    }
}
