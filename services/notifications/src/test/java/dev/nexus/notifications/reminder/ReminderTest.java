package dev.nexus.notifications.reminder;

import static dev.nexus.testing.Events.event;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.Events.RsvpChanged;
import dev.nexus.contracts.Events.SessionCancelled;
import dev.nexus.contracts.Events.SessionRescheduled;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReminderTest {

    private static final String DAILY = "FREQ=DAILY;COUNT=10";

    @Inject
    Reminders reminders;

    private Broker broker;
    private UUID groupId;
    private Learner olga;
    private Learner ada;
    private Learner bob;

    @BeforeEach
    void group() {
        broker = Broker.open();
        groupId = UUID.randomUUID();
        olga = Learner.named("Olga").joins(groupId, "OWNER");
        ada = Learner.named("Ada").joins(groupId);
        bob = Learner.named("Bob").joins(groupId);
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void going_members_get_a_reminder_per_lead_time_moved_by_reschedule_removed_by_decline_and_cancel() {
        Instant start = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        UUID sessionId = schedule(start);
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "GOING", false)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, bob.id(), "MAYBE", false)));
        assertEquals(List.of(start.minus(60, ChronoUnit.MINUTES), start.minus(10, ChronoUnit.MINUTES)), fireTimes(sessionId, ada));
        assertEquals(List.of(), fireTimes(sessionId, bob));

        Instant later = start.plus(1, ChronoUnit.DAYS);
        broker.publishAndWait(event(new SessionRescheduled(sessionId, groupId, start, start.plusSeconds(3600), later,
                later.plusSeconds(3600), null, null)));
        assertEquals(List.of(later.minus(60, ChronoUnit.MINUTES), later.minus(10, ChronoUnit.MINUTES)),
                fireTimes(sessionId, ada));

        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, bob.id(), "GOING", false)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "DECLINED", false)));
        assertEquals(List.of(), fireTimes(sessionId, ada));
        assertEquals(2, fireTimes(sessionId, bob).size());

        broker.publishAndWait(event(new SessionCancelled(sessionId, groupId, null, null)));
        assertEquals(List.of(), fireTimes(sessionId, bob));
    }

    @Test
    void a_series_has_reminders_for_each_occurrence_within_two_days_following_a_moved_or_cancelled_one() {
        Instant start = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant second = start.plus(1, ChronoUnit.DAYS);
        UUID sessionId = scheduleDaily(start);
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "GOING", false)));
        // the third occurrence's first reminder is due in 2 days and 2 hours: beyond the horizon
        assertEquals(List.of(minutes(start, 60), minutes(start, 10), minutes(second, 60), minutes(second, 10)),
                fireTimes(sessionId, ada));

        Instant moved = second.plus(2, ChronoUnit.HOURS);
        broker.publishAndWait(event(new SessionRescheduled(sessionId, groupId, second, second.plusSeconds(3600), moved,
                moved.plusSeconds(3600), second, DAILY)));
        broker.publishAndWait(event(new SessionCancelled(sessionId, groupId, "Holiday", start)));
        assertEquals(List.of(minutes(moved, 60), minutes(moved, 10)), fireTimes(sessionId, ada));

        Db.execute("update reminders set fire_at = now() where session_id = ? and lead_minutes = 10", sessionId);
        assertEquals(1, fire());
        String body = (String) ada.notifications("session.reminder").get(0).get("body");
        String movedTime = DateTimeFormatter.ofPattern("HH:mm").format(moved.atZone(ZoneId.of(ada.zone())));
        assertTrue(body.contains(" " + movedTime + " "), "names the moved occurrence's start " + movedTime + ": " + body);
    }

    @Test
    void rolling_plans_missing_reminders_of_series_once_and_keeps_a_due_one_that_has_not_fired() {
        Instant start = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        UUID sessionId = scheduleDaily(start);
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "GOING", false)));
        List<Instant> planned = fireTimes(sessionId, ada);
        assertEquals(4, planned.size());
        Db.execute("delete from reminders where session_id = ? and fire_at > ?", sessionId,
                planned.get(0).atOffset(ZoneOffset.UTC)); // as if the horizon had not reached them yet
        Db.execute("update reminders set fire_at = now() - interval '5 minutes' where session_id = ?", sessionId);

        assertTrue(roll() >= 1);
        assertTrue(roll() >= 1);
        assertEquals(4, fireTimes(sessionId, ada).size(), "planned again, once, with the due one kept");
        assertEquals(1, fire());
        assertTrue(((String) ada.notifications("session.reminder").get(0).get("body")).contains("late"));
        assertTrue(roll() >= 1);
        assertEquals(3, fireTimes(sessionId, ada).size(), "a fired reminder is not planned again");
    }

    @Test
    void lead_times_follow_the_members_preference_and_bad_ones_are_refused() {
        Instant start = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        UUID sessionId = schedule(start);
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "GOING", false)));

        ada.call().body(Map.of("reminderLeadMinutes", List.of(30, 120))).when().put("/api/v1/notification-preferences")
                .then().statusCode(200).body("reminderLeadMinutes", contains(120, 30));
        assertEquals(List.of(start.minus(120, ChronoUnit.MINUTES), start.minus(30, ChronoUnit.MINUTES)),
                fireTimes(sessionId, ada));
        for (int bad : List.of(0, 10081)) {
            ada.call().body(Map.of("reminderLeadMinutes", List.of(bad))).when().put("/api/v1/notification-preferences")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        assertEquals(2, fireTimes(sessionId, ada).size());
    }

    @Test
    void a_due_reminder_fires_exactly_once_with_two_schedulers_running_at_once() throws Exception {
        Instant start = Instant.now().plus(8, ChronoUnit.MINUTES);
        UUID sessionId = schedule(start);
        List<Learner> going = List.of(ada, bob, Learner.named("Carl").joins(groupId));
        for (Learner learner : going) {
            due(sessionId, learner, start, 10, Instant.now().minusSeconds(2));
        }

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(this::fire);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(this::fire);
        assertEquals(3, first.get() + second.get(), "each reminder fired by one of the two");
        assertEquals(0, fire(), "nothing left to fire");

        for (Learner learner : going) {
            assertEquals(1, learner.notifications("session.reminder").size());
            assertTrue(!((String) learner.notifications("session.reminder").get(0).get("body")).contains("late"));
        }
        assertEquals(3L, Db.value("select count(*) from reminders where session_id = ? and fired_at is not null",
                sessionId));
    }

    @Test
    void a_reminder_missed_while_no_scheduler_ran_fires_at_the_next_run_marked_late() {
        Instant start = Instant.now().plus(50, ChronoUnit.MINUTES);
        UUID sessionId = schedule(start);
        due(sessionId, ada, start, 60, start.minus(60, ChronoUnit.MINUTES)); // due 10 minutes ago

        assertEquals(1, fire());
        Map<String, Object> reminder = ada.notifications("session.reminder").get(0);
        assertEquals("Starting soon: Kata", reminder.get("title"));
        assertTrue(((String) reminder.get("body")).contains(". This reminder is late: it was due"), reminder.toString());
        assertEquals(true, Db.value("select late from reminders where session_id = ?", sessionId));
    }

    private int fire() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> reminders.fireDue());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private int roll() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> reminders.roll());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant minutes(Instant start, int before) {
        return start.minus(before, ChronoUnit.MINUTES);
    }

    private UUID scheduleDaily(Instant start) {
        UUID sessionId = UUID.randomUUID();
        broker.publishAndWait(event(new SessionScheduled(sessionId, groupId, "Daily kata", start, start.plusSeconds(3600), "UTC",
                olga.id(), null, DAILY)));
        return sessionId;
    }

    private UUID schedule(Instant start) {
        UUID sessionId = UUID.randomUUID();
        broker.publishAndWait(event(new SessionScheduled(sessionId, groupId, "Kata", start, start.plusSeconds(3600), "UTC",
                olga.id(), null, null)));
        return sessionId;
    }

    private static void due(UUID sessionId, Learner learner, Instant start, int lead, Instant fireAt) {
        Db.execute("insert into reminders (id, session_id, user_id, starts_at, lead_minutes, fire_at) values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), sessionId, learner.id(), start.atOffset(ZoneOffset.UTC), lead,
                fireAt.atOffset(ZoneOffset.UTC));
    }

    private static List<Instant> fireTimes(UUID sessionId, Learner learner) {
        return Db.query("select fire_at from reminders where session_id = ? and user_id = ? and fired_at is null"
                        + " order by fire_at", sessionId, learner.id()).stream()
                .map(row -> ((java.sql.Timestamp) row.get("fire_at")).toInstant())
                .toList();
    }
}
