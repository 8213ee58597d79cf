package dev.nexus.identity.events;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.Events.UserUpdated;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.events.OutboxRelay;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transactional outbox and its relay against real PostgreSQL and RabbitMQ. */
@QuarkusTest
class OutboxTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;

    private Broker broker;
    private Broker.Recorder recorder;

    @BeforeEach
    void listen() {
        broker = Broker.open();
        recorder = broker.record("user.updated.v1");
    }

    @AfterEach
    void close() {
        relay.resume();
        broker.close();
    }

    @Test
    void an_event_of_a_rolled_back_transaction_is_never_published() throws Throwable {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> inTransaction(() -> outbox.publish(updated(rolledBack))
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("boom")))));
        inTransaction(() -> outbox.publish(updated(committed)));

        await().atMost(BOUND).until(() -> !recorder.about(committed).isEmpty());
        assertTrue(recorder.about(rolledBack).isEmpty());
        assertEquals(0L, Db.value("select count(*) from outbox where envelope like ?", "%" + rolledBack + "%"));
    }

    @Test
    void an_event_committed_while_the_relay_was_stopped_is_published_when_it_runs_again() throws Throwable {
        relay.pause();
        UUID userId = UUID.randomUUID();
        inTransaction(() -> outbox.publish(updated(userId)));

        // Committed and waiting: the row is deleted only after the broker confirmed it.
        assertEquals(1L, pendingRows(userId));
        assertEquals(1L, relay.countPending().await().atMost(BOUND));
        given().baseUri(management.toString()).when().get("metrics").then().body(containsString("nexus_outbox_pending 1.0"));

        relay.resume();

        await().atMost(BOUND).until(() -> !recorder.about(userId).isEmpty());
        await().atMost(BOUND).until(() -> pendingRows(userId) == 0L);
        assertEquals(1, recorder.about(userId).size());
    }

    @Test
    void rows_locked_by_another_relay_are_skipped_not_waited_for() throws Throwable {
        relay.pause();
        UUID lockedElsewhere = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        inTransaction(() -> outbox.publish(updated(lockedElsewhere)));
        inTransaction(() -> outbox.publish(updated(free)));

        try (Connection otherReplica = jdbc()) {
            otherReplica.setAutoCommit(false);
            otherReplica.createStatement().execute(
                    "select id from outbox where envelope like '%" + lockedElsewhere + "%' for update");

            relay.resume();
            // Both rows are in one batch in commit order: had the relay not skipped the locked
            // row, it would have been published before the free one.
            await().atMost(BOUND).until(() -> !recorder.about(free).isEmpty());
            assertTrue(recorder.about(lockedElsewhere).isEmpty());
            otherReplica.rollback();
        }
        relay.wake();
        await().atMost(BOUND).until(() -> !recorder.about(lockedElsewhere).isEmpty());
    }

    @Test
    void a_registration_writes_its_event_in_the_same_transaction_as_the_account() {
        relay.pause();
        String userId = anAccount().register().getString("user.id");

        assertEquals(1L, Db.value("select count(*) from accounts where id = ?", UUID.fromString(userId)));
        assertEquals(1L, Db.value("select count(*) from outbox where type = 'nexus.user.registered.v1' and envelope like ?",
                "%" + userId + "%"));
    }

    private static UserUpdated updated(UUID userId) {
        return new UserUpdated(userId, "Outbox " + userId, "UTC", "outbox@example.org");
    }

    private static long pendingRows(UUID userId) {
        return (Long) Db.value("select count(*) from outbox where envelope like ?", "%" + userId + "%");
    }

    private static <T> void inTransaction(Supplier<Uni<T>> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    private static Connection jdbc() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
