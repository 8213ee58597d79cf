package dev.nexus.identity.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds registration requests with valid defaults and registers through the API. */
public final class Accounts {

    private final Map<String, Object> body = new HashMap<>();

    private Accounts() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        body.put("email", "learner-" + unique + "@example.org");
        body.put("password", "correct horse battery");
        body.put("displayName", "Learner " + unique);
        body.put("timeZone", "Europe/Berlin");
    }

    public static Accounts anAccount() {
        return new Accounts();
    }

    public Accounts with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    public Accounts without(String field) {
        body.remove(field);
        return this;
    }

    public Map<String, Object> body() {
        return Map.copyOf(body);
    }

    public String email() {
        return (String) body.get("email");
    }

    public String password() {
        return (String) body.get("password");
    }

    /** Registers and returns the 201 response body. */
    public JsonPath register() {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/auth/register")
                .then().statusCode(201)
                .extract().jsonPath();
    }
}
