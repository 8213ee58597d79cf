package dev.nexus.notifications.webhook;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.notifications.Learner;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
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
    void a_signed_endpoint_may_be_on_any_host_but_the_same_guard_keeps_it_out_of_the_network() {
        Learner olga = Learner.named("Olga");
        UUID groupId = UUID.randomUUID();
        olga.joins(groupId, "OWNER");

        refused(olga, groupId, "CLOUDEVENTS", "http://hooks.example.org/events", "https");
        refused(olga, groupId, "CLOUDEVENTS", "https://127.0.0.1/events", "loopback");
        refused(olga, groupId, "CLOUDEVENTS", "https://10.0.0.7/events", "private");
        refused(olga, groupId, "CLOUDEVENTS", "https://[::ffff:169.254.169.254]/latest", "link-local");
        refused(olga, groupId, "CLOUDEVENTS", "https://user:pw@hooks.example.org/events", "credentials");
        refused(olga, groupId, "CHAT", "https://127.0.0.1/events", "allowed host");
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

    @Test
    void an_organizer_lists_the_groups_webhooks_oldest_first_masked_a_page_at_a_time() {
        Learner olga = Learner.named("Olga");
        UUID groupId = UUID.randomUUID();
        olga.joins(groupId, "OWNER");
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        OffsetDateTime first = OffsetDateTime.parse("2027-01-01T10:00:00Z");
        for (int i = 0; i < ids.size(); i++) {
            Db.execute("insert into webhooks (id, group_id, url, kinds, created_by, created_at, disabled_at)"
                    + " values (?, ?, ?, '{note.posted,session.scheduled}', ?, ?, ?)", ids.get(i), groupId,
                    "https://discord.com/api/webhooks/" + i + "/secret-token-" + i, olga.id(), first.plusMinutes(i),
                    i == 2 ? first.plusDays(1) : null);
        }

        String next = olga.call().queryParam("groupId", groupId).queryParam("limit", 2)
                .when().get("/api/v1/webhooks")
                .then().statusCode(200)
                .body("items.id", contains(ids.get(0).toString(), ids.get(1).toString()))
                .body("items[0].url", equalTo("https://discord.com/…en-0"))
                .body("items[0].kinds", contains("note.posted", "session.scheduled"))
                .body("items[0].disabled", equalTo(false))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        olga.call().queryParam("groupId", groupId).queryParam("limit", 2).queryParam("cursor", next)
                .when().get("/api/v1/webhooks")
                .then().statusCode(200)
                .body("items.id", contains(ids.get(2).toString()))
                .body("items[0].disabled", equalTo(true))
                .body("nextCursor", nullValue());
        olga.call().queryParam("groupId", groupId).queryParam("cursor", "nonsense")
                .when().get("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        olga.call().queryParam("groupId", groupId).queryParam("limit", 0)
                .when().get("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    private static void refused(Learner organizer, UUID groupId, String url, String reason) {
        refused(organizer, groupId, "CHAT", url, reason);
    }

    private static void refused(Learner organizer, UUID groupId, String format, String url, String reason) {
        organizer.call().body(Map.of("groupId", groupId, "url", url, "kinds", List.of("note.posted"), "format", format))
                .when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString(reason));
    }
}
