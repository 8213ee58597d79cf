package dev.nexus.notifications.store;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.notifications.Learner;
import dev.nexus.testing.Db;
import dev.nexus.notifications.store.NotificationStore.Counted;
import dev.nexus.platform.db.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The inbox API over notifications already stored (the rules are tested from events elsewhere). */
@QuarkusTest
class InboxApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RedisDataSource redis;

    @Inject
    UnreadCounts counts;

    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;

    @Test
    void lists_newest_first_filters_unread_and_pages_with_a_cursor() {
        Learner ada = Learner.named("Ada");
        List<UUID> ids = stored(ada, 3);
        ada.call().when().post("/api/v1/notifications/" + ids.get(1) + "/read").then().statusCode(204);

        ada.call().when().get("/api/v1/notifications").then().statusCode(200)
                .body("items.id", contains(ids.get(2).toString(), ids.get(1).toString(), ids.get(0).toString()))
                .body("items[1].readAt", notNullValue())
                .body("items[0].readAt", nullValue());
        ada.call().queryParam("unread", "true").when().get("/api/v1/notifications").then()
                .body("items.id", contains(ids.get(2).toString(), ids.get(0).toString()));
        String cursor = ada.call().queryParam("limit", 2).when().get("/api/v1/notifications").then()
                .body("items", hasSize(2)).extract().path("nextCursor");
        ada.call().queryParam("limit", 2).queryParam("cursor", cursor).when().get("/api/v1/notifications").then()
                .body("items.id", contains(ids.get(0).toString())).body("nextCursor", nullValue());
        ada.call().queryParam("unread", "maybe").when().get("/api/v1/notifications").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void the_unread_count_is_cached_and_kept_exact_by_read_and_read_all() {
        Learner ada = Learner.named("Ada");
        List<UUID> ids = stored(ada, 4);
        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(4));
        assertEquals("4", redis.value(String.class).get(prefix + "unread:" + ada.id()), "loaded into Redis");

        ada.call().when().post("/api/v1/notifications/" + ids.get(0) + "/read").then().statusCode(204);
        ada.call().when().post("/api/v1/notifications/" + ids.get(0) + "/read").then().statusCode(204); // again
        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(3));
        ada.call().when().post("/api/v1/notifications/read-all").then().statusCode(204);
        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(0));
        assertEquals("0", redis.value(String.class).get(prefix + "unread:" + ada.id()));

        redis.key().del(prefix + "unread:" + ada.id());
        stored(ada, 1);
        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(1)); // rebuilt
    }

    @Test
    void a_count_read_before_a_notification_committed_is_not_stored_over_the_newer_one() {
        Learner ada = Learner.named("Ada");
        // a reader misses, takes the generation and counts 0 in PostgreSQL ...
        String readersGeneration = counts.token(ada.id()).await().atMost(WAIT);
        String readersSnapshot = snapshot();
        // ... a notification commits; its delta finds no count to move ...
        String transaction = storedOne(ada);
        UnreadCounts.Moved moved = counts.add(Map.of(ada.id(), 1L), transaction).await().atMost(WAIT);
        assertEquals(Map.of(), moved.counts());
        // ... the reader's store of 0 lands before the delta's own load stores 1
        counts.storeIfUnchanged(Map.of(ada.id(), readersGeneration), new Counted(Map.of(ada.id(), 0L), readersSnapshot))
                .await().atMost(WAIT);
        counts.storeIfUnchanged(moved.missing(), new Counted(Map.of(ada.id(), 1L), snapshot())).await().atMost(WAIT);

        assertEquals("1", redis.value(String.class).get(prefix + "unread:" + ada.id()), "the stale 0 was refused");
        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(1));
    }

    /**
     * A notification's delta runs after its commit; a reader may load the count in between, already
     * counting it. The delta then must not move the count again (it did, under load: 2 too many).
     */
    @Test
    void a_delta_that_comes_after_a_load_which_counted_its_notification_leaves_the_count_alone() {
        Learner ada = Learner.named("Ada");
        stored(ada, 2);
        String transaction = storedOne(ada);
        // a reader loads (3) before the third notification's delta ran ...
        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(3));
        // ... then that delta comes; the next notification's delta, after the load, does move it
        assertEquals(3L, counts.changed(ada.id(), 1, transaction).await().atMost(WAIT));
        assertEquals(4L, counts.changed(ada.id(), 1, storedOne(ada)).await().atMost(WAIT));

        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(4));
    }

    /**
     * A replica that dies between a commit and its delta leaves the cached count short. The
     * transaction was recorded as pending before it committed: once overdue, the count is counted
     * again, and a delta that still comes after that leaves it alone.
     */
    @Test
    void a_count_whose_delta_was_lost_after_the_commit_is_counted_again_once_overdue() {
        Learner ada = Learner.named("Ada");
        stored(ada, 2);
        ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(2));
        String transaction = storedOne(ada);
        counts.pending(List.of(ada.id()), transaction).await().atMost(WAIT); // recorded; its delta never comes

        await().atMost(WAIT).untilAsserted(() ->
                ada.call().when().get("/api/v1/notifications/unread-count").then().body("count", is(3)));
        assertEquals("3", redis.value(String.class).get(prefix + "unread:" + ada.id()), "stored again");
        assertEquals(0L, redis.sortedSet(String.class).zcard(prefix + "unread-pending:" + ada.id()),
                "the counted transaction is no longer pending");
        assertEquals(3L, counts.changed(ada.id(), 1, transaction).await().atMost(WAIT), "a late delta is not counted twice");
    }

    /**
     * An event's after-commit work (which loads missing counts) is not awaited and may run on the
     * Vert.x context where the next event's transaction is open: its count must not see that
     * transaction's uncommitted rows, whose own delta would then count them a second time.
     */
    @Test
    void a_count_loaded_beside_an_open_transaction_counts_only_committed_notifications() throws Throwable {
        Learner ada = Learner.named("Ada");
        stored(ada, 1);
        long loaded = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Sql.execute("""
                        insert into notifications (id, recipient_id, event_id, type, title, body, link, created_at)
                        values (gen_random_uuid(), ?1, gen_random_uuid(), 'note.posted', 'Uncommitted', 'body', '/x', now())""",
                        ada.id())
                .chain(() -> counts.load(Map.of(ada.id(), "")))
                .map(counted -> counted.get(ada.id()))
                .call(() -> Panache.currentTransaction().invoke(tx -> tx.markForRollback()))));

        assertEquals(1, loaded, "the uncommitted notification is not counted");
        assertEquals("1", redis.value(String.class).get(prefix + "unread:" + ada.id()));
    }

    @Test
    void another_users_notification_is_404_and_stays_unread() {
        Learner ada = Learner.named("Ada");
        Learner mallory = Learner.named("Mallory");
        UUID adas = stored(ada, 1).get(0);
        mallory.call().when().post("/api/v1/notifications/" + adas + "/read").then().statusCode(404)
                .contentType("application/problem+json");
        mallory.call().when().get("/api/v1/notifications").then().body("items", empty());
        mallory.call().when().post("/api/v1/notifications/read-all").then().statusCode(204);
        assertEquals(null, Db.value("select read_at from notifications where id = ?", adas));
    }

    /** One notification stored for the learner in a transaction of its own; that transaction's id. */
    private static String storedOne(Learner learner) {
        return (String) Db.value("insert into notifications (id, recipient_id, event_id, type, title, body, link, created_at)"
                + " values (gen_random_uuid(), ?, gen_random_uuid(), 'note.posted', 'One', 'body', '/x', now())"
                + " returning pg_current_xact_id()::text", learner.id());
    }

    private static String snapshot() {
        return (String) Db.value("select pg_current_snapshot()::text");
    }

    /** Notifications stored for the learner, oldest first. */
    static List<UUID> stored(Learner learner, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            Db.execute("insert into notifications (id, recipient_id, event_id, type, title, body, link, created_at)"
                    + " values (?, ?, ?, 'note.posted', ?, 'body', '/api/v1/notes/x', ?)",
                    id, learner.id(), UUID.randomUUID(), "Note " + i, OffsetDateTime.now());
            ids.add(id);
        }
        return ids;
    }
}
