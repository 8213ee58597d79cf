package dev.nexus.identity.account;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.nexus.testing.Servers;
import dev.nexus.testing.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away and comes back (a proxy in front of the real server drops every connection
 * and refuses new ones, as a restart does): requests meanwhile are a 503 problem with Retry-After,
 * never a 500, and the service serves again by itself once the database answers.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ThroughProxy.class)
class DatabaseOutageTest {

    public static class ThroughProxy implements QuarkusTestProfile {
        static final TcpProxy DATABASE = TcpProxy.to("postgresql://" + Servers.get().dbHost() + ":" + Servers.get().dbPort());

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nexus.db.host", "localhost", "nexus.db.port", String.valueOf(DATABASE.port()));
        }
    }

    @Test
    void while_the_database_is_away_requests_are_a_503_to_retry_and_then_served_again() {
        String token = anAccount().register().getString("accessToken");
        given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200);

        ThroughProxy.DATABASE.cut();
        try {
            given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
            given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(503);
        } finally {
            ThroughProxy.DATABASE.restore();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().auth().oauth2(token).when().get("/api/v1/users/me").statusCode() == 200);
    }
}
