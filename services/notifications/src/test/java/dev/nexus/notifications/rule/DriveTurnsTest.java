package dev.nexus.notifications.rule;

import static dev.nexus.testing.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.Events.DriveTurn;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.RotationPublished;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mob driver turns, from session.rotation-published.v1 on the broker to each driver's inbox at their turn. */
@QuarkusTest
class DriveTurnsTest {


    @Inject
    DriveTurns turns;

    private Broker broker;
    private UUID groupId;
    private Learner ada;
    private Learner bob;
    private Learner carl;

    @BeforeEach
    void group() {
        broker = Broker.open();
        groupId = UUID.randomUUID();
        Learner olga = Learner.named("Olga").joins(groupId, "OWNER");
        ada = Learner.named("Ada").joins(groupId);
        bob = Learner.named("Bob", "America/New_York").joins(groupId);
        carl = Learner.named("Carl").joins(groupId);
        broker.publishAndWait(event(new GroupCreated(groupId, "Kata Club", "PUBLIC", olga.id())));
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void each_driver_is_told_once_at_their_turn_and_a_newer_rotation_replaces_the_turns_to_come() throws Throwable {
        UUID sessionId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        Instant second = start.plus(Duration.ofMinutes(10));
        Instant end = start.plus(Duration.ofMinutes(20));
        broker.publishAndWait(event(new RotationPublished(sessionId, groupId, "Mob night", start,
                List.of(new DriveTurn(ada.id(), start, second), new DriveTurn(bob.id(), second, end)))));

        fireDue(start.plusSeconds(5));
        fireDue(start.plusSeconds(6));
        List<Map<String, Object>> adas = ada.notifications("session.your-turn");
        assertEquals(1, adas.size(), "told once: " + adas);
        assertEquals("Your turn to drive: Mob night", adas.get(0).get("title"));
        assertEquals("/api/v1/sessions/" + sessionId, adas.get(0).get("link"));
        assertEquals(List.of(), bob.notifications("session.your-turn"), "not Bob's turn yet");

        // Bob left: the organizer publishes again, Carl takes the second turn
        broker.publishAndWait(event(new RotationPublished(sessionId, groupId, "Mob night", start,
                List.of(new DriveTurn(ada.id(), start, second), new DriveTurn(carl.id(), second, end)))));
        fireDue(second.plusSeconds(5));
        assertEquals(1, carl.notifications("session.your-turn").size());
        assertEquals(List.of(), bob.notifications("session.your-turn"));
        assertEquals(1, ada.notifications("session.your-turn").size(), "Ada's fired turn is not told again");
        assertEquals(0L, Db.value("select count(*) from drive_turns where session_id = ? and fired_at is null", sessionId));
    }

    @Test
    void an_older_rotation_handled_after_a_newer_one_changes_nothing_and_a_turn_over_already_is_dropped()
            throws Throwable {
        UUID sessionId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(30));
        Instant end = start.plus(Duration.ofMinutes(10));
        CloudEvent<RotationPublished> older = event(new RotationPublished(sessionId, groupId, "Mob night", start,
                List.of(new DriveTurn(bob.id(), start, end))));
        CloudEvent<RotationPublished> newer = event(new RotationPublished(sessionId, groupId, "Mob night", start,
                List.of(new DriveTurn(ada.id(), start, end))));
        broker.publishAndWait(newer);
        broker.publishAndWait(new CloudEvent<>(older.specversion(), older.id(), older.source(), older.type(),
                newer.time().minusSeconds(10), older.subject(), older.datacontenttype(), older.data(), null));

        fireDue(end.plusSeconds(1));
        assertEquals(List.of(), ada.notifications("session.your-turn"), "her turn was over when it came due");
        assertEquals(List.of(), bob.notifications("session.your-turn"), "the older rotation replaced nothing");
        assertEquals(1L, Db.value("select count(*) from drive_turns where session_id = ?", sessionId));
    }

    private void fireDue(Instant at) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> turns.fireDue(at));
    }
}
