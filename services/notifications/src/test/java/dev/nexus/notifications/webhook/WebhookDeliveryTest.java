package dev.nexus.notifications.webhook;

import static dev.nexus.testing.Events.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import dev.nexus.testing.AuditTrail;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.vertx.core.json.JsonObject;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a local stub (the profile lets the guard reach loopback over http). */
@QuarkusTest
@TestProfile(WebhookDeliveryTest.LocalStub.class)
class WebhookDeliveryTest {

    public static class LocalStub implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nexus.webhooks.allowed-hosts", "localhost," + PinnedDns.HOST,
                    "nexus.webhooks.require-https", "false", "nexus.webhooks.allow-private-addresses", "true",
                    "nexus.webhooks.disable-after", "3");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(PinnedDns.class);
        }
    }

    @Inject
    WebhookSender sender;

    private HttpServer stub;
    private final AtomicInteger status = new AtomicInteger(204);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean endless;
    private Broker broker;
    private UUID groupId;
    private Learner olga;

    @BeforeEach
    void start() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            ids.add(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")));
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (status.get() / 100 == 3) {
                exchange.getResponseHeaders().add("Location", "http://localhost:" + stub.getAddress().getPort() + "/moved");
            }
            if (endless) {
                // an answer that never ends: the sender must stop reading it
                exchange.sendResponseHeaders(status.get(), 0);
                try (var out = exchange.getResponseBody()) {
                    byte[] chunk = new byte[16 * 1024];
                    for (int i = 0; i < 100_000; i++) {
                        out.write(chunk);
                    }
                } catch (IOException closedByTheSender) {
                    // expected
                }
                return;
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        stub.start();
        broker = Broker.open();
        groupId = UUID.randomUUID();
        olga = Learner.named("Olga").joins(groupId, "OWNER");
    }

    @AfterEach
    void stop() {
        stub.stop(0);
        broker.close();
    }

    @Test
    void group_news_of_a_chosen_kind_is_posted_in_discord_and_slack_form() throws Throwable {
        register("note.posted");
        UUID noteId = UUID.randomUUID();
        broker.publishAndWait(event(new NotePosted(noteId, groupId, null, olga.id(), "Dijkstra recap")));

        assertEquals(1, send());
        JsonObject body = new JsonObject(received.get(0));
        assertTrue(body.getString("content").startsWith("Olga posted the note \"Dijkstra recap\""), body.encode());
        assertEquals(body.getString("content"), body.getString("text"));
        assertEquals(0, send(), "delivered once");
    }

    @Test
    void a_title_that_mentions_everyone_pings_nobody_in_discord_or_slack() throws Throwable {
        register("note.posted");
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(),
                "@everyone <!channel> <@U123> & friends")));

        assertEquals(1, send());
        JsonObject body = new JsonObject(received.get(0));
        assertEquals(0, body.getJsonObject("allowed_mentions").getJsonArray("parse").size(), body.encode());
        String slack = body.getString("text");
        assertTrue(slack.contains("&lt;!channel&gt; &lt;@U123&gt; &amp; friends"), slack);
        assertFalse(slack.contains("<") || slack.contains(">"), slack);
    }

    @Test
    void an_endless_answer_is_read_no_further_than_64_kib() throws Throwable {
        register("note.posted");
        status.set(200);
        endless = true;
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Long answer")));

        assertEquals(1, send(), "delivered, without reading the 1.6 GB answer");
    }

    @Test
    void a_failing_webhook_is_retried_with_backoff_then_disabled_and_its_organizer_told() throws Throwable {
        UUID webhookId = register("note.posted");
        status.set(500);
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "One")));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(0, send());
            assertEquals(attempt, received.size(), "attempt " + attempt + " reached the stub");
            assertTrue((Boolean) Db.value("select next_attempt_at > now() from webhook_deliveries where webhook_id = ?",
                    webhookId) || attempt == 3, "backs off");
            Db.execute("update webhook_deliveries set next_attempt_at = now() where webhook_id = ?", webhookId);
        }
        assertTrue(Db.value("select disabled_at from webhooks where id = ?", webhookId) != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> !olga.notifications("webhook.disabled").isEmpty());
        assertTrue(((String) olga.notifications("webhook.disabled").get(0).get("body")).contains("HTTP 500"));

        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Two")));
        assertEquals(0, send());
        assertEquals(3, received.size(), "a disabled webhook gets nothing");
        assertEquals(Collections.nCopies(3, Db.value("select id from webhook_deliveries where webhook_id = ?"
                + " order by created_at limit 1", webhookId).toString()), ids, "every attempt under the delivery's id");
    }

    @Test
    void a_post_in_flight_holds_no_row_lock_and_its_lease_keeps_other_runs_off_it() throws Throwable {
        UUID webhookId = register("note.posted");
        gate = new CountDownLatch(1);
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Slow")));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return send();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);

        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            for (String sql : List.of("select 1 from webhook_deliveries where webhook_id = ? for update nowait",
                    "select 1 from webhooks where id = ? for update nowait")) {
                try (var lock = other.prepareStatement(sql)) {
                    lock.setObject(1, webhookId);
                    lock.executeQuery().close(); // throws "could not obtain lock" if the sender held it
                }
            }
            other.rollback();
        }
        assertEquals(0, send(), "another run leaves the claimed delivery alone");
        assertEquals(1, received.size());
        gate.countDown();
        assertEquals(1, first.get(20, TimeUnit.SECONDS));
        assertTrue(Db.value("select delivered_at from webhook_deliveries where webhook_id = ?", webhookId) != null);
        assertEquals(1, Db.value("select attempts from webhook_deliveries where webhook_id = ?", webhookId));
    }

    @Test
    void a_delivery_connects_to_the_address_the_guard_checked_not_to_a_second_lookup() throws Throwable {
        String url = "http://" + PinnedDns.HOST + ":" + stub.getAddress().getPort() + "/hook";
        olga.call().body(Map.of("groupId", groupId, "url", url, "kinds", List.of("note.posted")))
                .when().post("/api/v1/webhooks").then().statusCode(201);
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Pinned")));

        assertEquals(1, send(), "delivered although only the guard's resolver knows the name");
        assertEquals(List.of(PinnedDns.HOST + ":" + stub.getAddress().getPort()), hosts, "Host names the URL's host");
    }

    @Test
    void a_redirect_is_not_followed() throws Throwable {
        UUID webhookId = register("note.posted");
        status.set(302);
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Moved")));
        assertEquals(0, send());
        assertEquals(List.of("/hook"), paths, "only the registered URL was called");
        assertTrue(((String) Db.value("select last_error from webhook_deliveries where webhook_id = ?", webhookId))
                .contains("redirect"));
    }

    @Test
    void creating_and_deleting_a_webhook_is_in_the_audit_trail_without_its_url() {
        try (AuditTrail trail = AuditTrail.record()) {
            UUID webhookId = register("note.posted");
            olga.call().when().delete("/api/v1/webhooks/" + webhookId).then().statusCode(204);

            JsonObject created = trail.of("webhook.created").get(0);
            assertEquals(olga.id().toString(), created.getString("actor"));
            assertEquals(webhookId.toString(), created.getString("webhook"));
            assertEquals(groupId.toString(), created.getString("group"));
            assertEquals("localhost", created.getString("host"));
            assertEquals(webhookId.toString(), trail.of("webhook.deleted").get(0).getString("webhook"));
            trail.lines().forEach(line -> assertFalse(line.contains("/hook"), "no URL path in " + line));
        }
    }

    private UUID register(String... kinds) {
        return UUID.fromString(olga.call().body(Map.of("groupId", groupId, "url",
                        "http://localhost:" + stub.getAddress().getPort() + "/hook", "kinds", List.of(kinds)))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().path("id"));
    }

    private int send() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sender.sendDue());
    }
}
