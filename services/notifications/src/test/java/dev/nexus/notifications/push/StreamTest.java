package dev.nexus.notifications.push;

import static dev.nexus.testing.Events.event;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.UserSignedOut;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.StreamClient;
import dev.nexus.testing.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MissedPushes missed;

    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;

    private Broker broker;
    private UUID groupId;
    private Learner ada;
    private Learner bob;
    private final List<StreamClient> open = new ArrayList<>();

    @BeforeEach
    void group() {
        broker = Broker.open();
        groupId = UUID.randomUUID();
        ada = Learner.named("Ada").joins(groupId);
        bob = Learner.named("Bob").joins(groupId);
    }

    @AfterEach
    void close() {
        open.forEach(StreamClient::close);
        broker.close();
    }

    @Test
    void the_upgrade_needs_a_ticket_and_a_ticket_works_once() throws Exception {
        String ticket = ticket(ada);
        try (StreamClient first = StreamClient.open(base.toString(), "ticket=" + ticket)) {
            assertEquals("unread-count", first.next().getString("type"));
        }
        assertEquals(401, refused("ticket=" + ticket));
        assertEquals(401, refused(""));
        assertEquals(401, refused("ticket=made-up"));
    }

    @Test
    void a_new_notification_and_the_new_unread_count_are_pushed_live() throws Exception {
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            assertEquals(new JsonObject().put("type", "unread-count").put("count", 0), socket.next());
            UUID noteId = UUID.randomUUID();
            broker.publish(event(new NotePosted(noteId, groupId, null, bob.id(), "Live")));

            JsonObject pushed = socket.next();
            assertEquals("notification", pushed.getString("type"));
            assertEquals("New note: Live", pushed.getJsonObject("notification").getString("title"));
            assertEquals("/api/v1/notes/" + noteId, pushed.getJsonObject("notification").getString("link"));
            assertEquals(new JsonObject().put("type", "unread-count").put("count", 1), socket.next());
        }
    }

    @Test
    void on_reconnect_what_came_after_the_last_seen_one_is_replayed_first_in_order() throws Exception {
        String lastSeen;
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            socket.next(); // count
            broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Seen")));
            lastSeen = socket.next().getJsonObject("notification").getString("id");
        }
        // while disconnected
        for (String title : List.of("Missed 1", "Missed 2")) {
            broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), title)));
        }
        org.awaitility.Awaitility.await().until(() -> ada.notifications().size() == 3);

        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada) + "&after=" + lastSeen)) {
            assertEquals("New note: Missed 1", socket.next().getJsonObject("notification").getString("title"));
            assertEquals("New note: Missed 2", socket.next().getJsonObject("notification").getString("title"));
            assertEquals(new JsonObject().put("type", "unread-count").put("count", 3), socket.next());
            broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Live again")));
            assertEquals("New note: Live again", socket.next().getJsonObject("notification").getString("title"));
        }
    }

    @Test
    void a_reconnect_also_replays_one_made_shortly_before_the_last_seen_one() throws Exception {
        // as when two replicas commit out of order: the client saw the newer note, not the older one
        broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Committed late")));
        org.awaitility.Awaitility.await().until(() -> ada.notifications().size() == 1);
        broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Seen")));
        org.awaitility.Awaitility.await().until(() -> ada.notifications().size() == 2);
        String seen = (String) ada.notifications().get(0).get("id");

        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada) + "&after=" + seen)) {
            assertEquals("New note: Committed late", socket.next().getJsonObject("notification").getString("title"));
            assertEquals(new JsonObject().put("type", "unread-count").put("count", 2), socket.next());
        }
    }

    @Test
    void a_push_published_by_another_replica_reaches_the_socket_held_here() throws Exception {
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            socket.next();
            // what PushHub on replica B publishes for a user whose socket replica A holds
            redis.pubsub(String.class).publish(prefix + "push",
                    ada.id() + " - " + new JsonObject().put("type", "unread-count").put("count", 42).encode());
            assertEquals(42, socket.next().getInteger("count"));
            redis.pubsub(String.class).publish(prefix + "push",
                    bob.id() + " - " + new JsonObject().put("type", "unread-count").put("count", 7).encode());
            redis.pubsub(String.class).publish(prefix + "push",
                    ada.id() + " - " + new JsonObject().put("type", "unread-count").put("count", 43).encode());
            assertEquals(43, socket.next().getInteger("count"), "Bob's push is not Ada's");
            assertTrue(socket.pending() == 0);
        }
    }

    @Test
    void a_notification_that_reaches_a_replica_twice_is_sent_to_the_socket_once() throws Exception {
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            socket.next();
            // a publish that timed out reached Redis all the same, after the replica's own fallback
            String push = ada.id() + " 2000000002 " + new JsonObject().put("type", "notification")
                    .put("notification", new JsonObject().put("title", "Once")).encode();
            redis.pubsub(String.class).publish(prefix + "push", push);
            redis.pubsub(String.class).publish(prefix + "push", push);
            redis.pubsub(String.class).publish(prefix + "push",
                    ada.id() + " - " + new JsonObject().put("type", "unread-count").put("count", 1).encode());
            assertEquals("Once", socket.next().getJsonObject("notification").getString("title"));
            assertEquals("unread-count", socket.next().getString("type"), "not the notification again");
        }
    }

    @Test
    void pushes_committed_out_of_sequence_order_by_two_replicas_all_arrive() throws Exception {
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            socket.next();
            // replica B's transaction took a later sequence but committed first
            for (long seq : new long[] { 2_000_000_001L, 2_000_000_000L }) {
                redis.pubsub(String.class).publish(prefix + "push", ada.id() + " " + seq + " " + new JsonObject()
                        .put("type", "notification").put("notification", new JsonObject().put("title", "#" + seq))
                        .encode());
            }
            assertEquals("#2000000001", socket.next().getJsonObject("notification").getString("title"));
            assertEquals("#2000000000", socket.next().getJsonObject("notification").getString("title"));
        }
    }

    @Test
    void a_sixth_stream_of_one_user_closes_the_oldest_and_the_other_five_stay_live() throws Exception {
        List<StreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            streams.add(stream(ada.token()));
        }
        assertEquals(PushHub.TOO_MANY_STREAMS, streams.get(0).closeCode());

        broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Still live")));
        for (StreamClient stream : streams.subList(1, 6)) {
            assertEquals("New note: Still live",
                    stream.next("notification").getJsonObject("notification").getString("title"));
            assertFalse(stream.isClosed());
        }
    }

    @Test
    void a_login_that_ends_closes_its_own_streams_and_no_others() throws Exception {
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        StreamClient onLaptop = stream(Tokens.forSession(ada.id(), "Ada", laptop));
        StreamClient onPhone = stream(Tokens.forSession(ada.id(), "Ada", phone));

        broker.publish(event(new UserSignedOut(ada.id(), laptop, "logout")));

        assertEquals(PushHub.SIGNED_OUT, onLaptop.closeCode());
        broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Phone still hears")));
        assertEquals("New note: Phone still hears",
                onPhone.next("notification").getJsonObject("notification").getString("title"));
        assertFalse(onPhone.isClosed());
    }

    @Test
    void leaving_a_group_closes_every_stream_of_that_user_only() throws Exception {
        StreamClient first = stream(ada.token());
        StreamClient second = stream(ada.token());
        StreamClient bobs = stream(bob.token());

        broker.publish(event(new MemberLeft(groupId, ada.id(), "member")));

        assertEquals(PushHub.ACCESS_CHANGED, first.closeCode());
        assertEquals(PushHub.ACCESS_CHANGED, second.closeCode());
        broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, ada.id(), "Bob still hears")));
        assertEquals("New note: Bob still hears", bobs.next("notification").getJsonObject("notification").getString("title"));
    }

    @Test
    void a_notification_committed_but_never_pushed_reaches_the_live_stream_once() throws Exception {
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            socket.next(); // count
            // as when the replica that committed it was killed before its push
            long seq = storeWithoutPush(ada, "Never pushed", true);

            await().atMost(Duration.ofSeconds(30)).until(() -> socket.pending() > 0);
            assertEquals("Never pushed", socket.next().getJsonObject("notification").getString("title"));
            assertEquals("unread-count", socket.next().getString("type"));
            long swept = missed.last().number();
            await().atMost(Duration.ofSeconds(30)).until(() -> missed.last().number() > swept && missed.last().looked(seq));
            broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Live")));
            assertEquals("New note: Live", socket.next("notification").getJsonObject("notification").getString("title"),
                    "not the caught-up one again");
        }
    }

    @Test
    void a_notification_from_before_the_stream_opened_is_not_sent_as_missed() throws Exception {
        long seq = storeWithoutPush(ada, "Before the stream", true);
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            socket.next(); // count
            long opened = missed.last().number();
            await().atMost(Duration.ofSeconds(30)).until(() -> missed.last().number() > opened && missed.last().looked(seq));
            broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Live")));
            assertEquals("New note: Live", socket.next("notification").getJsonObject("notification").getString("title"));
        }
    }

    @Test
    void a_notification_held_back_from_the_push_is_not_sent_as_missed() throws Exception {
        try (StreamClient socket = StreamClient.open(base.toString(), "ticket=" + ticket(ada))) {
            socket.next(); // count
            // as stored in Ada's quiet hours, or while she was in a session
            long seq = storeWithoutPush(ada, "Held back", false);
            long stored = missed.last().number();
            await().atMost(Duration.ofSeconds(30)).until(() -> missed.last().number() > stored && missed.last().looked(seq));
            broker.publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Live")));
            assertEquals("New note: Live", socket.next("notification").getJsonObject("notification").getString("title"));
        }
    }

    /** Commits a notification for {@code to} ({@code push}: meant to be pushed) and pushes nothing; returns its sequence. */
    private long storeWithoutPush(Learner to, String title, boolean push) {
        return pool.preparedQuery("""
                        insert into notifications (id, recipient_id, event_id, type, group_id, title, body, link, push, created_at)
                        values ($1, $2, $3, 'note.posted', $4, $5, '', '/api/v1/notes/x', $6, now()) returning seq""")
                .execute(Tuple.of(UUID.randomUUID(), to.id(), UUID.randomUUID(), groupId, title, push))
                .await().indefinitely().iterator().next().getLong(0);
    }

    /** A stream that is open and live (its first message, the unread count, has arrived); closed after the test. */
    private StreamClient stream(String token) throws Exception {
        String ticket = given().auth().oauth2(token).when().post("/api/v1/notifications/stream-ticket")
                .then().statusCode(200).extract().path("ticket");
        StreamClient stream = StreamClient.open(base.toString(), "ticket=" + ticket);
        open.add(stream);
        assertEquals("unread-count", stream.next().getString("type"));
        return stream;
    }

    private static String ticket(Learner learner) {
        return learner.call().when().post("/api/v1/notifications/stream-ticket").then().statusCode(200)
                .extract().path("ticket");
    }

    private int refused(String query) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> StreamClient.open(base.toString(), query));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.getCause().toString());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
}
