package dev.nexus.notifications.delivery;

import static dev.nexus.testing.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.Events.CommentAdded;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.ProblemPosted;
import dev.nexus.contracts.Events.RsvpChanged;
import dev.nexus.contracts.Events.SessionRescheduled;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.contracts.Events.SolutionPosted;
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

/**
 * Session-aware quiet hours, from events on the broker: Ada is in this week's occurrence of a weekly
 * series (it began 30 minutes ago and ends in 30), Bob has no place at it.
 */
@QuarkusTest
class SessionHoldsTest {


    @Inject
    HoldReleases releases;

    private Broker broker;
    private UUID groupId;
    private UUID sessionId;
    private Instant ends;
    private Learner olga;
    private Learner ada;
    private Learner bob;

    @BeforeEach
    void group() {
        broker = Broker.open();
        groupId = UUID.randomUUID();
        sessionId = UUID.randomUUID();
        olga = Learner.named("Olga").joins(groupId, "OWNER");
        ada = Learner.named("Ada").joins(groupId);
        bob = Learner.named("Bob", "America/New_York").joins(groupId);
        broker.publishAndWait(event(new GroupCreated(groupId, "Kata Club", "PUBLIC", olga.id())));
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
        ends = started.plus(Duration.ofHours(1));
        broker.publishAndWait(event(new SessionScheduled(sessionId, groupId, "Pairing hour", started.minus(Duration.ofDays(7)),
                ends.minus(Duration.ofDays(7)), "Europe/Berlin", olga.id(), null, "FREQ=WEEKLY;COUNT=4", null)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "GOING", false)));
    }

    /** E-mails queued here are not sent: EmailTest counts what its send sends. */
    @AfterEach
    void close() {
        broker.close();
        Db.execute("delete from emails where recipient_id = ?", ada.id());
    }

    @Test
    void in_a_session_email_and_push_wait_and_come_after_it_as_one_catch_up() throws Throwable {
        ada.call().body(Map.of("channels", Map.of("solution.posted", "EMAIL", "comment.added", "EMAIL")))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        UUID problemId = UUID.randomUUID();
        broker.publishAndWait(event(new ProblemPosted(problemId, groupId, null, ada.id(), "Two sum")));
        broker.publishAndWait(event(new SolutionPosted(UUID.randomUUID(), problemId, groupId, bob.id())));
        broker.publishAndWait(event(new SolutionPosted(UUID.randomUUID(), problemId, groupId, olga.id())));
        broker.publishAndWait(event(new CommentAdded(UUID.randomUUID(), "PROBLEM", problemId, ada.id(), groupId, bob.id(),
                List.of())));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Heaps")));

        assertEquals(2, ada.notifications("solution.posted").size(), "the inbox records what is held");
        assertEquals(4L, Db.value("select count(*) from held where recipient_id = ?", ada.id()));
        assertEquals(0L, mails(ada), "no e-mail during the session");
        assertEquals(ends.getEpochSecond(), Db.value("select extract(epoch from release_at)::bigint from holds"
                + " where recipient_id = ?", ada.id()), "held until the occurrence ends");
        assertEquals(0L, Db.value("select count(*) from held where recipient_id = ?", bob.id()), "Bob is in no session");

        // news of the session itself is not held: this occurrence moves 15 minutes later
        Instant start = ends.minus(Duration.ofHours(1));
        broker.publishAndWait(event(new SessionRescheduled(sessionId, groupId, start, ends, start.plus(Duration.ofMinutes(15)),
                ends.plus(Duration.ofMinutes(15)), start, "FREQ=WEEKLY;COUNT=4")));
        assertEquals(1, ada.notifications("session.rescheduled").size());
        assertEquals(4L, Db.value("select count(*) from held where recipient_id = ?", ada.id()));

        releaseDue(Instant.now());
        assertEquals(List.of(), ada.notifications("session.catch-up"), "not over yet");
        releaseDue(ends.plusSeconds(60));
        assertEquals(List.of(), ada.notifications("session.catch-up"), "the occurrence moved 15 minutes later");
        assertEquals(ends.plus(Duration.ofMinutes(15)).getEpochSecond(), Db.value("select extract(epoch from release_at)"
                + "::bigint from holds where recipient_id = ?", ada.id()), "held until the moved occurrence ends");
        releaseDue(ends.plus(Duration.ofMinutes(16)));
        releaseDue(ends.plus(Duration.ofMinutes(17)));

        List<Map<String, Object>> catchUps = ada.notifications("session.catch-up");
        assertEquals(1, catchUps.size(), "released once: " + catchUps);
        assertEquals("While you were in Pairing hour", catchUps.get(0).get("title"));
        assertEquals("2 new solutions, 1 comment, 1 new note.", catchUps.get(0).get("body"));
        assertEquals("/api/v1/notifications?unread=true", catchUps.get(0).get("link"));
        assertEquals(1L, mails(ada), "one e-mail for the three that wanted one");
        String body = (String) Db.value("select body from emails where recipient_id = ?", ada.id());
        assertTrue(body.startsWith("While you were in Pairing hour:"), body);
        assertEquals(1 + 3, body.split("\n\n").length, "a heading and the three, not the note: " + body);
        assertEquals(0L, Db.value("select count(*) from held where recipient_id = ?", ada.id()));
        assertEquals(0L, Db.value("select count(*) from holds where recipient_id = ?", ada.id()));
    }

    @Test
    void someone_who_turned_holding_off_gets_email_during_sessions() {
        ada.call().body(Map.of("channels", Map.of("note.posted", "EMAIL"), "holdDuringSessions", false))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        ada.call().when().get("/api/v1/notification-preferences").then()
                .body("holdDuringSessions", org.hamcrest.Matchers.is(false));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Tries")));

        assertEquals(1L, mails(ada));
        assertEquals(0L, Db.value("select count(*) from held where recipient_id = ?", ada.id()));
    }

    private static long mails(Learner learner) {
        return (Long) Db.value("select count(*) from emails where recipient_id = ?", learner.id());
    }

    private void releaseDue(Instant at) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> releases.releaseDue(at));
    }
}
