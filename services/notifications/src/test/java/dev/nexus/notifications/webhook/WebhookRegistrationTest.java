package dev.nexus.notifications.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.notifications.Learner;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SSRF guard at registration, with the default rules (https, allow-list, public addresses). */
@QuarkusTest
class WebhookRegistrationTest {

    @Test
    void urls_that_could_reach_inside_the_network_are_refused_with_the_reason() {
        Learner olga = Learner.named("Olga");
        UUID groupId = UUID.randomUUID();
        olga.joins(groupId, "OWNER");

        refused(olga, groupId, "http://discord.com/api/webhooks/1/abc", "https");
        refused(olga, groupId, "https://evil.example.org/hook", "allowed host");
        refused(olga, groupId, "https://localhost/hook", "loopback");
        refused(olga, groupId, "https://169.254.169.254/latest/meta-data", "link-local");
        refused(olga, groupId, "https://user:pw@discord.com/api/webhooks/1/abc", "credentials");
        refused(olga, groupId, "not a url", "URL");
        olga.call().body(Map.of("groupId", groupId, "url", "https://discord.com/x", "kinds", List.of("everything")))
                .when().post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("kinds"));
        assertEquals(0L, Db.value("select count(*) from webhooks where group_id = ?", groupId));
    }

    @Test
    void only_organizers_manage_webhooks_and_others_cannot_see_the_group() {
        Learner olga = Learner.named("Olga");
        Learner ada = Learner.named("Ada");
        Learner eve = Learner.named("Eve");
        UUID groupId = UUID.randomUUID();
        olga.joins(groupId, "OWNER");
        ada.joins(groupId);
        Map<String, Object> webhook = Map.of("groupId", groupId, "url", "https://discord.com/api/webhooks/1/abc",
                "kinds", List.of("note.posted"));

        ada.call().body(webhook).when().post("/api/v1/webhooks").then().statusCode(403);
        eve.call().body(webhook).when().post("/api/v1/webhooks").then().statusCode(404);
        ada.call().queryParam("groupId", groupId).when().get("/api/v1/webhooks").then().statusCode(403);
        eve.call().queryParam("groupId", groupId).when().get("/api/v1/webhooks").then().statusCode(404);
        olga.call().when().get("/api/v1/webhooks").then().statusCode(400);
    }

    private static void refused(Learner organizer, UUID groupId, String url, String reason) {
        organizer.call().body(Map.of("groupId", groupId, "url", url, "kinds", List.of("note.posted")))
                .when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString(reason));
    }
}
