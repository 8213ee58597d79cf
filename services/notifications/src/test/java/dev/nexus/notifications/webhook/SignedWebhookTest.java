package dev.nexus.notifications.webhook;

import static dev.nexus.testing.Events.event;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CLOUDEVENTS webhooks, checked by a receiver written here the way the notifications README tells
 * one to verify a post (Standard Webhooks), not with the code that signs.
 */
@QuarkusTest
@TestProfile(WebhookDeliveryTest.LocalStub.class)
class SignedWebhookTest {

    /** One post as the receiver got it. */
    private record Post(Headers headers, String body) {
    }

    @Inject
    WebhookSender sender;

    private HttpServer receiver;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private Broker broker;
    private UUID groupId;
    private Learner olga;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            posts.add(new Post(exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        broker = Broker.open();
        groupId = UUID.randomUUID();
        olga = Learner.named("Olga").joins(groupId, "OWNER");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        broker.close();
    }

    @Test
    void an_endpoint_gets_the_event_as_a_cloudevent_whose_signature_the_receiver_verifies() throws Throwable {
        Map<String, Object> made = register();
        String secret = (String) made.get("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        olga.call().queryParam("groupId", groupId).when().get("/api/v1/webhooks").then().statusCode(200)
                .body("items[0].format", equalTo("CLOUDEVENTS"))
                .body("items[0].url", equalTo(made.get("url")))
                .body("items[0].secret", nullValue());

        CloudEvent<NotePosted> posted = event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Tries"));
        broker.publishAndWait(posted);
        assertEquals(1, send());

        Post post = posts.get(0);
        assertEquals("application/cloudevents+json", post.headers().getFirst("Content-Type"));
        assertEquals(List.of(true), verified(secret, post), "the receiver accepts the signature");
        assertEquals(List.of(false), verified(secret, new Post(post.headers(), post.body().replace("Tries", "Lies"))),
                "a changed body fails it");
        JsonObject body = new JsonObject(post.body());
        assertEquals("1.0", body.getString("specversion"));
        assertEquals(posted.id().toString(), body.getString("id"));
        assertEquals("nexus.note.posted.v1", body.getString("type"));
        assertEquals(posted.data().noteId().toString(), body.getJsonObject("data").getString("noteId"));
        assertFalse(body.containsKey("traceparent"), "no internal trace context");
        assertEquals(Db.value("select id from webhook_deliveries where webhook_id = ?::uuid", made.get("id"))
                .toString(), post.headers().getFirst("webhook-id"));
    }

    @Test
    void a_rotated_secret_signs_beside_the_old_one_for_a_day_then_alone() throws Throwable {
        Map<String, Object> made = register();
        String old = (String) made.get("secret");
        String rotated = olga.call().when().post("/api/v1/webhooks/" + made.get("id") + "/rotate-secret").then()
                .statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
        assertFalse(rotated.equals(old));

        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "During")));
        assertEquals(1, send());
        assertEquals(List.of(true, false), verified(rotated, posts.get(0)), "first the new secret's signature");
        assertEquals(List.of(false, true), verified(old, posts.get(0)), "then the old one's");

        Db.execute("update webhooks set previous_secret_until = now() - interval '1 second' where id = ?::uuid",
                made.get("id"));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "After")));
        assertEquals(1, send());
        assertEquals(List.of(true), verified(rotated, posts.get(1)), "the new secret alone");
    }

    @Test
    void only_organizers_rotate_and_a_chat_webhook_has_no_secret_to_rotate() {
        Learner ada = Learner.named("Ada").joins(groupId);
        Object signed = register().get("id");
        ada.call().when().post("/api/v1/webhooks/" + signed + "/rotate-secret").then().statusCode(403);
        Learner.named("Eve").call().when().post("/api/v1/webhooks/" + signed + "/rotate-secret").then().statusCode(404);
        olga.call().when().post("/api/v1/webhooks/" + UUID.randomUUID() + "/rotate-secret").then().statusCode(404);

        String chat = olga.call().body(Map.of("groupId", groupId, "url", "http://localhost:1/hook", "kinds",
                List.of("note.posted"))).when().post("/api/v1/webhooks").then().statusCode(201)
                .body("format", equalTo("CHAT")).body("secret", nullValue()).extract().path("id");
        olga.call().when().post("/api/v1/webhooks/" + chat + "/rotate-secret").then().statusCode(409)
                .contentType("application/problem+json");
        olga.call().body(Map.of("groupId", groupId, "url", "http://localhost:1/hook", "kinds", List.of("note.posted"),
                "format", "SMOKE_SIGNALS")).when().post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json");
    }

    /**
     * What a receiver does with a post, per signature in {@code webhook-signature}: recompute
     * HMAC-SHA256 over {@code id.timestamp.body} with the secret's key (the base64 after
     * {@code whsec_}) and compare; a timestamp more than 5 minutes away is refused.
     */
    private static List<Boolean> verified(String secret, Post post) throws Exception {
        String id = post.headers().getFirst("webhook-id");
        long timestamp = Long.parseLong(post.headers().getFirst("webhook-timestamp"));
        boolean fresh = Math.abs(Instant.now().getEpochSecond() - timestamp) <= 300;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + post.body()).getBytes(StandardCharsets.UTF_8)));
        return Arrays.stream(post.headers().getFirst("webhook-signature").split(" "))
                .map(signature -> fresh && signature.equals("v1," + expected)).toList();
    }

    private Map<String, Object> register() {
        return olga.call().body(Map.of("groupId", groupId, "url", "http://localhost:" + receiver.getAddress().getPort()
                        + "/events", "kinds", List.of("note.posted"), "format", "CLOUDEVENTS"))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().as(Map.class);
    }

    private int send() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sender.sendDue());
    }
}
