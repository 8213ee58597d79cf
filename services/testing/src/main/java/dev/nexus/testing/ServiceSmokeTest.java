package dev.nexus.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every Nexus service offers whatever its domain: extend it with an empty
 * {@code @QuarkusTest} class in each service module.
 */
public abstract class ServiceSmokeTest {

    /** The management interface's /q/: health and metrics, not reachable on the API port. */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    @Test
    void readiness_reports_postgresql_redis_and_rabbitmq_up() {
        given().baseUri(management.toString()).when().get("health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Reactive PostgreSQL connections health check",
                        "Redis cache",
                        "SmallRye Reactive Messaging - readiness check"))
                .body("checks.find { it.name == 'Redis cache' }.data.redis", equalTo("UP"));
    }

    @Test
    void openapi_document_and_swagger_ui_are_served() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheus_metrics_include_the_outbox_backlog() {
        given().baseUri(management.toString()).when().get("metrics").then().statusCode(200)
                .body(containsString("nexus_outbox_pending"));
    }

    @Test
    void health_and_metrics_are_not_served_on_the_api_port() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/health/live" }) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void every_answer_forbids_content_type_sniffing() {
        given().when().get("/q/openapi?format=json").then().header("X-Content-Type-Options", "nosniff");
        given().auth().oauth2(Tokens.forUser(UUID.randomUUID(), "Smoke")).when().get("/api/v1/no-such-thing")
                .then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void an_unknown_api_path_is_a_404_problem() {
        given().auth().oauth2(Tokens.forUser(UUID.randomUUID(), "Smoke"))
                .when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
