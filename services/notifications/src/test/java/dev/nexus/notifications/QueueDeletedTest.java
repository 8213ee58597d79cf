package dev.nexus.notifications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.nexus.testing.Broker;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The service's queue is deleted under it. The consumer cannot get it back by itself (the broker
 * cancelled it), so liveness turns DOWN, naming it: the orchestrator's liveness probe restarts the
 * service, which declares its queue again at start (deploy: liveness probe on /q/health/live).
 */
@QuarkusTest
@TestProfile(QueueDeletedTest.OwnInstance.class)
class QueueDeletedTest {

    /** A service instance of its own: its consumer is gone after this test, the next one starts afresh. */
    public static class OwnInstance implements QuarkusTestProfile {
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void a_deleted_queue_turns_liveness_down_so_that_the_service_is_restarted() {
        given().baseUri(management.toString()).when().get("health/live").then().statusCode(200);
        try (Broker broker = Broker.open()) {
            broker.deleteQueue("notifications.events");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(management.toString())
                .when().get("health/live").then().statusCode(503).body(containsString("EventsConsumer#consume")));
    }
}
