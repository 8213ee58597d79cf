package dev.nexus.notifications;

import static io.restassured.RestAssured.given;

import dev.nexus.testing.Db;
import dev.nexus.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user known to the notifications service (users projection, with a zone and an address) and
 * calling its API. Group memberships are written into the projection as sessions' events would.
 */
public record Learner(UUID id, String name, String zone, String email, String token) {

    public static Learner named(String name, String zone) {
        UUID id = UUID.randomUUID();
        String email = name.toLowerCase().replace(' ', '.') + "-" + id.toString().substring(0, 8) + "@example.org";
        Db.execute("insert into users (id, display_name, time_zone, email, updated_at) values (?, ?, ?, ?, ?)",
                id, name, zone, email, OffsetDateTime.now());
        return new Learner(id, name, zone, email, Tokens.forUser(id, name, zone));
    }

    public static Learner named(String name) {
        return named(name, "Europe/Berlin");
    }

    public Learner joins(UUID groupId, String role) {
        Db.execute("insert into group_members (group_id, user_id, role, updated_at) values (?, ?, ?, ?)",
                groupId, id, role, OffsetDateTime.now());
        return this;
    }

    public Learner joins(UUID groupId) {
        return joins(groupId, "MEMBER");
    }

    public RequestSpecification call() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** My notifications, newest first, as JSON maps. */
    public List<Map<String, Object>> notifications() {
        return call().queryParam("limit", 100).when().get("/api/v1/notifications").then().statusCode(200)
                .extract().path("items");
    }

    /** My notifications of one type. */
    public List<Map<String, Object>> notifications(String type) {
        return notifications().stream().filter(n -> n.get("type").equals(type)).toList();
    }
}
