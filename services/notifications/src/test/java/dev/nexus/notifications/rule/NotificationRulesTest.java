package dev.nexus.notifications.rule;

import static dev.nexus.testing.Events.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.Events.CommentAdded;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.PollAnswered;
import dev.nexus.contracts.Events.PollClosed;
import dev.nexus.contracts.Events.PollOpened;
import dev.nexus.contracts.Events.ProblemPosted;
import dev.nexus.contracts.Events.RsvpChanged;
import dev.nexus.contracts.Events.SessionCancelled;
import dev.nexus.contracts.Events.SessionRescheduled;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.contracts.Events.SolutionAccepted;
import dev.nexus.contracts.Events.SolutionPosted;
import dev.nexus.contracts.Events.WaitlistPromoted;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of DESIGN §7, from real events on the broker to the recipients' inboxes. */
@QuarkusTest
class NotificationRulesTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    /** A Tuesday: 18:00 in Berlin (CET), 12:00 in New York (EST). */
    private static final Instant TUESDAY = Instant.parse("2027-03-02T17:00:00Z");

    @Inject
    MeterRegistry metrics;

    @Inject
    PollReminders pollReminders;

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
        bob = Learner.named("Bob", "America/New_York").joins(groupId);
        broker.publishAndWait(event(new GroupCreated(groupId, "Kata Club", "PUBLIC", olga.id())));
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void a_scheduled_session_notifies_every_member_but_the_organizer_in_their_own_zone() {
        UUID sessionId = schedule("Graph night");

        Map<String, Object> adas = single(ada, "session.scheduled");
        assertEquals("New session in Kata Club: Graph night", adas.get("title"));
        assertEquals("Graph night is scheduled for Tue 2 Mar 18:00 CET.", adas.get("body"));
        assertEquals("/api/v1/sessions/" + sessionId, adas.get("link"));
        assertEquals("Graph night is scheduled for Tue 2 Mar 12:00 EST.", single(bob, "session.scheduled").get("body"));
        assertTrue(olga.notifications().isEmpty(), "the organizer is not told of their own action");
    }

    @Test
    void one_event_delivered_twice_gives_each_recipient_one_notification() {
        CloudEvent<SessionScheduled> scheduled = event(scheduled(UUID.randomUUID(), "Twice"));
        broker.publish(scheduled);
        broker.publishAndWait(scheduled);
        await().atMost(BOUND).until(() -> ada.notifications("session.scheduled").size() == 1);
        assertEquals(1L, Db.value("select count(*) from notifications where event_id = ? and recipient_id = ?",
                scheduled.id(), ada.id()));
        assertEquals(1L, Db.value("select count(*) from inbox where event_id = ?", scheduled.id()));
    }

    @Test
    void rescheduling_and_cancelling_tell_those_going_or_maybe_and_everyone_when_nobody_answered() {
        UUID quiet = schedule("Nobody answered");
        broker.publishAndWait(event(new SessionRescheduled(quiet, groupId, TUESDAY, TUESDAY.plusSeconds(3600),
                TUESDAY.plusSeconds(86400), TUESDAY.plusSeconds(90000), null, null)));
        assertEquals("Nobody answered moved from Tue 2 Mar 18:00 CET to Wed 3 Mar 18:00 CET.",
                single(ada, "session.rescheduled").get("body"));
        assertEquals(1, bob.notifications("session.rescheduled").size());

        UUID answered = schedule("Some answered");
        Learner carl = Learner.named("Carl").joins(groupId);
        broker.publish(event(new RsvpChanged(answered, groupId, ada.id(), "GOING", false)));
        broker.publish(event(new RsvpChanged(answered, groupId, carl.id(), "MAYBE", false)));
        broker.publishAndWait(event(new RsvpChanged(answered, groupId, bob.id(), "DECLINED", false)));
        broker.publishAndWait(event(new SessionCancelled(answered, groupId, "Room flooded", null)));

        assertEquals("Some answered on Tue 2 Mar 18:00 CET is cancelled. Reason: Room flooded",
                single(ada, "session.cancelled").get("body"));
        assertEquals(1, carl.notifications("session.cancelled").size());
        assertTrue(bob.notifications("session.cancelled").isEmpty(), "declined: not told");
        assertTrue(olga.notifications("session.cancelled").isEmpty(), "the organizer acted");
    }

    @Test
    void a_promoted_member_alone_hears_of_the_place() {
        UUID sessionId = schedule("Full house");
        broker.publishAndWait(event(new WaitlistPromoted(sessionId, groupId, bob.id())));
        assertEquals("A place opened up: you are going to Full house on Tue 2 Mar 12:00 EST.",
                single(bob, "session.waitlist-promoted").get("body"));
        assertTrue(ada.notifications("session.waitlist-promoted").isEmpty());
    }

    @Test
    void a_solution_tells_the_problems_author_and_earlier_solvers_without_its_text() {
        UUID problemId = UUID.randomUUID();
        Learner carl = Learner.named("Carl").joins(groupId);
        broker.publish(event(new ProblemPosted(problemId, groupId, null, olga.id(), "Two sum")));
        broker.publishAndWait(event(new SolutionPosted(UUID.randomUUID(), problemId, groupId, ada.id())));
        broker.publishAndWait(event(new SolutionPosted(UUID.randomUUID(), problemId, groupId, bob.id())));

        assertEquals(2, olga.notifications("solution.posted").size());
        Map<String, Object> toAda = single(ada, "solution.posted");
        assertEquals("Bob posted a solution to \"Two sum\".", toAda.get("body"));
        assertEquals("/api/v1/problems/" + problemId + "/solutions", toAda.get("link"));
        assertTrue(bob.notifications("solution.posted").isEmpty(), "nobody is told of their own solution");
        assertTrue(carl.notifications("solution.posted").isEmpty(), "not involved");
    }

    @Test
    void an_accepted_solution_tells_its_author() {
        UUID problemId = UUID.randomUUID();
        UUID solutionId = UUID.randomUUID();
        broker.publish(event(new ProblemPosted(problemId, groupId, null, olga.id(), "FizzBuzz")));
        broker.publishAndWait(event(new SolutionAccepted(solutionId, problemId, groupId, ada.id(), olga.id())));
        assertEquals("Your solution to \"FizzBuzz\" was accepted.", single(ada, "solution.accepted").get("body"));
        assertTrue(bob.notifications("solution.accepted").isEmpty());

        // an organizer accepting the poser's own solution: the poser hears of it; accepting one's own: nobody
        UUID posersOwn = UUID.randomUUID();
        Learner oscar = Learner.named("Oscar").joins(groupId, "ORGANIZER");
        broker.publishAndWait(event(new SolutionAccepted(posersOwn, problemId, groupId, olga.id(), oscar.id())));
        assertEquals(1, olga.notifications("solution.accepted").size());
        broker.publishAndWait(event(new SolutionAccepted(UUID.randomUUID(), problemId, groupId, oscar.id(), oscar.id())));
        assertTrue(oscar.notifications("solution.accepted").isEmpty());
    }

    @Test
    void a_comment_tells_the_targets_author_and_the_mentioned_once_each_but_not_its_author() {
        UUID noteId = UUID.randomUUID();
        broker.publishAndWait(event(new CommentAdded(UUID.randomUUID(), "NOTE", noteId, ada.id(), groupId, bob.id(),
                List.of(ada.id(), olga.id(), bob.id()))));
        assertEquals("Bob commented on your note", single(ada, "comment.added").get("title"));
        assertEquals("Bob mentioned you", single(olga, "comment.added").get("title"));
        assertEquals("/api/v1/notes/" + noteId, single(olga, "comment.added").get("link"));
        assertTrue(bob.notifications().isEmpty());
    }

    @Test
    void a_note_tells_every_member_but_its_author() {
        UUID noteId = UUID.randomUUID();
        broker.publishAndWait(event(new NotePosted(noteId, groupId, null, ada.id(), "Dijkstra recap")));
        assertEquals("Ada posted the note \"Dijkstra recap\".", single(bob, "note.posted").get("body"));
        assertEquals(1, olga.notifications("note.posted").size());
        assertTrue(ada.notifications("note.posted").isEmpty());
    }

    @Test
    void a_join_tells_the_owner_and_organizers() {
        Learner oscar = Learner.named("Oscar").joins(groupId, "ORGANIZER");
        Learner newbie = Learner.named("Newbie");
        broker.publishAndWait(event(new MemberJoined(groupId, newbie.id(), "MEMBER")));
        assertEquals("Newbie joined Kata Club", single(olga, "group.member-joined").get("title"));
        assertEquals(1, oscar.notifications("group.member-joined").size());
        assertTrue(ada.notifications("group.member-joined").isEmpty(), "plain members are not told");
        assertTrue(newbie.notifications().isEmpty());
    }

    @Test
    void a_join_handled_after_the_scheduling_of_a_later_session_tells_the_new_member_of_it_once() {
        Learner newbie = Learner.named("Newbie");
        CloudEvent<MemberJoined> joined = event(new MemberJoined(groupId, newbie.id(), "MEMBER"));
        CloudEvent<SessionScheduled> scheduled = madeLater(event(scheduled(UUID.randomUUID(), "Late news")));

        // as when two replicas take them at once and the scheduling commits first: it does not see the join
        broker.publishAndWait(scheduled);
        assertTrue(newbie.notifications().isEmpty());
        broker.publishAndWait(joined);

        Map<String, Object> told = single(newbie, "session.scheduled");
        assertEquals("New session in Kata Club: Late news", told.get("title"));
        assertEquals("Late news is scheduled for Tue 2 Mar 18:00 CET.", told.get("body"));
        assertEquals(1L, Db.value("select count(*) from notifications where event_id = ? and recipient_id = ?",
                scheduled.id(), newbie.id()), "under the scheduling's id");
        assertEquals("Newbie joined Kata Club", single(olga, "group.member-joined").get("title"));
        assertEquals(1, ada.notifications("session.scheduled").size(), "the others were told once, by the scheduling");
    }

    @Test
    void a_join_handled_after_a_later_note_tells_the_new_member_of_it_once() {
        Learner newbie = Learner.named("Newbie");
        CloudEvent<MemberJoined> joined = event(new MemberJoined(groupId, newbie.id(), "MEMBER"));
        CloudEvent<NotePosted> posted = madeLater(event(new NotePosted(UUID.randomUUID(), groupId, null, ada.id(),
                "Late note")));

        broker.publishAndWait(posted);
        assertTrue(newbie.notifications().isEmpty());
        broker.publishAndWait(joined);

        Map<String, Object> told = single(newbie, "note.posted");
        assertEquals("Ada posted the note \"Late note\".", told.get("body"));
        assertEquals(1L, Db.value("select count(*) from notifications where event_id = ? and recipient_id = ?",
                posted.id(), newbie.id()), "under the posting's id");
    }

    @Test
    void a_join_made_after_a_sessions_scheduling_does_not_tell_of_that_session() {
        schedule("Before your time");
        Learner newbie = Learner.named("Newbie");
        broker.publishAndWait(madeLater(event(new MemberJoined(groupId, newbie.id(), "MEMBER"))));
        assertTrue(newbie.notifications().isEmpty());
    }

    @Test
    void a_type_turned_off_or_a_muted_group_gives_no_notification() {
        ada.call().body(Map.of("channels", Map.of("session.scheduled", "OFF"))).when()
                .put("/api/v1/notification-preferences").then().statusCode(200);
        bob.call().body(Map.of("mutedGroups", List.of(groupId))).when()
                .put("/api/v1/notification-preferences").then().statusCode(200);
        Learner carl = Learner.named("Carl").joins(groupId);
        schedule("Muted");
        await().atMost(BOUND).until(() -> carl.notifications("session.scheduled").size() == 1);
        assertTrue(ada.notifications().isEmpty(), "type off");
        assertTrue(bob.notifications().isEmpty(), "group muted");
        assertFalse(carl.notifications().isEmpty());
    }

    @Test
    void a_reschedule_that_overtakes_its_scheduling_waits_for_it_then_tells_everyone() {
        UUID sessionId = UUID.randomUUID();
        CloudEvent<SessionRescheduled> moved = event(new SessionRescheduled(sessionId, groupId, TUESDAY,
                TUESDAY.plusSeconds(5400), TUESDAY.plusSeconds(86400), TUESDAY.plusSeconds(91800), null, null));
        double triedEarly = inboxEvents("not-yet");
        // as when another replica is still handling the scheduling: the reschedule is tried first
        broker.publish(moved);
        await().atMost(BOUND).until(() -> inboxEvents("not-yet") > triedEarly);
        assertTrue(ada.notifications("session.rescheduled").isEmpty());

        broker.publishAndWait(event(scheduled(sessionId, "Overtaken")));
        await().atMost(BOUND).until(() -> handled(moved));
        assertEquals("Overtaken moved from Tue 2 Mar 18:00 CET to Wed 3 Mar 18:00 CET.",
                single(ada, "session.rescheduled").get("body"));
        assertEquals(1, bob.notifications("session.rescheduled").size());
        assertEquals(1L, Db.value("select count(*) from sessions where id = ? and starts_at = ?", sessionId,
                java.sql.Timestamp.from(TUESDAY.plusSeconds(86400))), "the projection has the new start");
    }

    @Test
    void an_event_about_a_session_never_scheduled_here_is_given_up_after_the_retries_without_effect() {
        UUID sessionId = UUID.randomUUID();
        long deadLetters = broker.messageCount("notifications.events.dlq");
        double givenUp = inboxEvents("gave-up");
        CloudEvent<SessionCancelled> cancelled = event(new SessionCancelled(sessionId, groupId, null, null));

        broker.publish(cancelled);
        await().atMost(BOUND).until(() -> handled(cancelled));
        assertEquals(givenUp + 1, inboxEvents("gave-up"));
        assertEquals(deadLetters, broker.messageCount("notifications.events.dlq"), "not dead-lettered");
        assertEquals(0L, Db.value("select count(*) from notifications where event_id = ?", cancelled.id()));
        assertEquals(0L, Db.value("select count(*) from sessions where id = ?", sessionId));
    }

    @Test
    void of_two_reschedules_handled_in_reverse_order_the_newer_one_stays_and_only_it_is_told() {
        UUID sessionId = schedule("Moved twice");
        Instant wednesday = TUESDAY.plusSeconds(86400);
        Instant thursday = TUESDAY.plusSeconds(2 * 86400);
        CloudEvent<SessionRescheduled> toWednesday = event(new SessionRescheduled(sessionId, groupId, TUESDAY,
                TUESDAY.plusSeconds(5400), wednesday, wednesday.plusSeconds(5400), null, null));
        CloudEvent<SessionRescheduled> toThursday = madeLater(event(new SessionRescheduled(sessionId, groupId, wednesday,
                wednesday.plusSeconds(5400), thursday, thursday.plusSeconds(5400), null, null)));

        broker.publishAndWait(toThursday);
        broker.publishAndWait(toWednesday);
        assertEquals(1L, Db.value("select count(*) from sessions where id = ? and starts_at = ?", sessionId,
                java.sql.Timestamp.from(thursday)), "the newer reschedule's start stays");
        assertEquals("Moved twice moved from Wed 3 Mar 18:00 CET to Thu 4 Mar 18:00 CET.",
                single(ada, "session.rescheduled").get("body"), "the overtaken one tells nobody");
    }

    /** The same event as if its producer had made it a second later. */
    private static <T extends dev.nexus.contracts.EventPayload> CloudEvent<T> madeLater(CloudEvent<T> e) {
        return new CloudEvent<>(e.specversion(), e.id(), e.source(), e.type(), e.time().plusSeconds(1), e.subject(),
                e.datacontenttype(), e.data(), null);
    }

    private double inboxEvents(String outcome) {
        Counter counter = metrics.find("nexus.inbox.events").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void an_opened_poll_asks_every_member_but_the_organizer_to_answer_by_the_deadline_in_their_own_zone() {
        UUID pollId = UUID.randomUUID();
        broker.publishAndWait(event(new PollOpened(pollId, groupId, "Graph night", olga.id(), TUESDAY, 3)));

        Map<String, Object> adas = single(ada, "poll.opened");
        assertEquals("When can you meet? Graph night", adas.get("title"));
        assertEquals("Kata Club is choosing a time for Graph night: say which of the 3 times suit you by"
                + " Tue 2 Mar 18:00 CET.", adas.get("body"));
        assertEquals("/api/v1/polls/" + pollId, adas.get("link"));
        assertTrue(((String) single(bob, "poll.opened").get("body")).endsWith("by Tue 2 Mar 12:00 EST."));
        assertTrue(olga.notifications().isEmpty(), "the organizer is not asked");
    }

    @Test
    void members_who_have_not_answered_a_poll_are_reminded_once_before_its_deadline() {
        UUID pollId = UUID.randomUUID();
        Instant deadline = Instant.now().plus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        broker.publishAndWait(event(new PollOpened(pollId, groupId, "Graph night", olga.id(), deadline, 2)));
        broker.publishAndWait(event(new PollAnswered(pollId, groupId, bob.id())));
        assertEquals(Instant.now().plus(Duration.ofHours(3)).getEpochSecond(),
                ((Number) Db.value("select extract(epoch from remind_at)::bigint from polls where id = ?", pollId))
                        .doubleValue(), 60.0,
                "halfway to a deadline less than two days away");

        assertEquals(0, remindDue(), "not due yet");
        Db.execute("update polls set remind_at = now() where id = ?", pollId);
        assertEquals(1, remindDue());
        assertEquals(0, remindDue(), "a reminded poll is not due again");

        Map<String, Object> adas = single(ada, "poll.reminder");
        assertEquals("Your answer is missing: Graph night", adas.get("title"));
        assertEquals("/api/v1/polls/" + pollId, adas.get("link"));
        assertTrue(bob.notifications("poll.reminder").isEmpty(), "Bob answered");
        assertTrue(olga.notifications("poll.reminder").isEmpty(), "the organizer is not reminded");
    }

    @Test
    void a_closed_poll_reminds_nobody_and_its_session_tells_every_member_that_the_time_is_set() {
        UUID pollId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        broker.publishAndWait(event(new PollOpened(pollId, groupId, "Graph night", olga.id(), TUESDAY, 2)));
        broker.publishAndWait(event(new PollAnswered(pollId, groupId, ada.id())));
        broker.publishAndWait(event(new PollClosed(pollId, groupId, "Graph night", olga.id(), sessionId, TUESDAY,
                TUESDAY.plusSeconds(5400), "Europe/Berlin", "FREQ=WEEKLY;COUNT=4", List.of(ada.id()))));
        broker.publishAndWait(event(new SessionScheduled(sessionId, groupId, "Graph night", TUESDAY, TUESDAY.plusSeconds(5400),
                "Europe/Berlin", olga.id(), null, "FREQ=WEEKLY;COUNT=4", pollId)));

        Map<String, Object> adas = single(ada, "poll.closed");
        assertEquals("The time is set: Graph night", adas.get("title"));
        assertEquals("Graph night is scheduled for Tue 2 Mar 18:00 CET and repeats, chosen by the poll in Kata Club.",
                adas.get("body"));
        assertEquals("/api/v1/sessions/" + sessionId, adas.get("link"));
        assertEquals(1, bob.notifications("poll.closed").size(), "members who did not answer learn the time too");
        assertTrue(ada.notifications("session.scheduled").isEmpty(), "one notification, not two");
        assertTrue(olga.notifications().isEmpty());

        Db.execute("update polls set remind_at = now() - interval '1 minute' where id = ?", pollId);
        assertEquals(0, remindDue());
        assertTrue(bob.notifications("poll.reminder").isEmpty());
    }

    private int remindDue() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> pollReminders.remindDue());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean handled(CloudEvent<?> event) {
        return Db.value("select count(*) from inbox where event_id = ?", event.id()).equals(1L);
    }

    private UUID schedule(String title) {
        UUID sessionId = UUID.randomUUID();
        broker.publishAndWait(event(scheduled(sessionId, title)));
        return sessionId;
    }

    private SessionScheduled scheduled(UUID sessionId, String title) {
        return new SessionScheduled(sessionId, groupId, title, TUESDAY, TUESDAY.plusSeconds(5400), "Europe/Berlin",
                olga.id(), null, null);
    }

    private static Map<String, Object> single(Learner learner, String type) {
        List<Map<String, Object>> found = learner.notifications(type);
        assertEquals(1, found.size(), learner.name() + " has " + found);
        return found.get(0);
    }

    /** Publishes and waits until the service has handled the event. */
}
