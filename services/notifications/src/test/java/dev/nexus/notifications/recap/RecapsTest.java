package dev.nexus.notifications.recap;

import static dev.nexus.testing.Events.event;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.ProblemPosted;
import dev.nexus.contracts.Events.RsvpChanged;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session recaps, from events on the broker to the attendees' inboxes. */
@QuarkusTest
class RecapsTest {


    @Inject
    Recaps recaps;

    private Broker broker;
    private UUID groupId;
    private Learner olga;
    private Learner ada;
    private Learner bob;
    private Learner carl;

    @BeforeEach
    void group() {
        broker = Broker.open();
        groupId = UUID.randomUUID();
        olga = Learner.named("Olga").joins(groupId, "OWNER");
        ada = Learner.named("Ada").joins(groupId);
        bob = Learner.named("Bob", "America/New_York").joins(groupId);
        carl = Learner.named("Carl").joins(groupId);
        broker.publishAndWait(event(new GroupCreated(groupId, "Kata Club", "PUBLIC", olga.id())));
    }

    @AfterEach
    void close() {
        broker.close();
    }

    /**
     * This week's occurrence of a weekly series ended a minute ago. Two callers recap at once, as two
     * replicas would: each attendee gets one recap of what was posted for the session since the
     * previous occurrence, in their zone, with the next occurrence.
     */
    @Test
    void an_ended_occurrence_gives_each_attendee_one_recap_with_what_was_posted_and_the_next_one() throws Exception {
        Instant ended = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        Instant started = ended.minus(Duration.ofHours(1));
        UUID sessionId = UUID.randomUUID();
        broker.publishAndWait(event(new SessionScheduled(sessionId, groupId, "Graph night", started.minus(Duration.ofDays(7)),
                ended.minus(Duration.ofDays(7)), "Europe/Berlin", olga.id(), null, "FREQ=WEEKLY;COUNT=3", null)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "GOING", false)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, bob.id(), "GOING", false)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, carl.id(), "MAYBE", false)));
        UUID problemId = UUID.randomUUID();
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, sessionId, ada.id(), "Dijkstra recap")));
        broker.publishAndWait(event(new ProblemPosted(problemId, groupId, sessionId, olga.id(), "Two sum")));
        broker.publishAndWait(event(new SolutionPosted(UUID.randomUUID(), problemId, groupId, ada.id())));
        broker.publishAndWait(event(new SolutionPosted(UUID.randomUUID(), problemId, groupId, bob.id())));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Not for the session")));

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this::recapNow);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(this::recapNow);
        assertTrue(one.get() + other.get() >= 1, "the occurrence was recapped");
        recapNow();

        Map<String, Object> adas = single(ada);
        assertEquals("Recap: Graph night", adas.get("title"));
        String posted = ". Attended: Ada, Bob. Notes: Dijkstra recap. Problems: Two sum. Solutions: 2 to Two sum. Next: ";
        Instant next = started.plus(Duration.ofDays(7));
        assertEquals(at(started, "Europe/Berlin") + posted + at(next, "Europe/Berlin") + ".", adas.get("body"));
        assertEquals("/api/v1/recaps/" + sessionId + "/" + started, adas.get("link"));
        assertEquals(at(started, "America/New_York") + posted + at(next, "America/New_York") + ".", single(bob).get("body"),
                "in Bob's zone");
        assertEquals(List.of(), carl.notifications("session.recap"), "MAYBE is not an attendee");
        assertEquals(List.of(), olga.notifications("session.recap"), "the organizer had no place");
        assertEquals(1L, Db.value("select count(*) from recaps where session_id = ?", sessionId));

        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, sessionId, bob.id(), "Posted after the recap")));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, bob.id(), "DECLINED", false)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, carl.id(), "GOING", false)));
        carl.call().when().get((String) adas.get("link")).then().statusCode(200)
                .body("title", is("Graph night"))
                .body("occurrenceStart", is(started.toString()))
                .body("occurrenceEnd", is(ended.toString()))
                .body("ended", is(true))
                .body("attended.displayName", contains("Ada", "Bob"))
                .body("notes.title", contains("Dijkstra recap"))
                .body("problems.id", contains(problemId.toString()))
                .body("problems.title", contains("Two sum"))
                .body("solutions.problemTitle", contains("Two sum"))
                .body("solutions.count", contains(2))
                .body("nextStart", is(next.toString()));
    }

    /** Before its end an occurrence's recap is what was posted so far; only members of its group see one. */
    @Test
    void an_occurrence_in_progress_shows_its_recap_so_far_to_members_only() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        UUID sessionId = UUID.randomUUID();
        broker.publishAndWait(event(new SessionScheduled(sessionId, groupId, "Kata hour", started, started.plus(Duration.ofHours(1)),
                "Europe/Berlin", olga.id(), null, null, null)));
        broker.publishAndWait(event(new RsvpChanged(sessionId, groupId, ada.id(), "GOING", false)));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, sessionId, ada.id(), "Warm-up")));
        String recap = "/api/v1/recaps/" + sessionId + "/" + started;

        ada.call().when().get(recap).then().statusCode(200)
                .body("ended", is(false))
                .body("attended.displayName", contains("Ada"))
                .body("notes.title", contains("Warm-up"))
                .body("problems", empty())
                .body("nextStart", nullValue());
        Learner.named("Stranger").call().when().get(recap).then().statusCode(404);
        ada.call().when().get("/api/v1/recaps/" + sessionId + "/" + started.plus(Duration.ofDays(7))).then().statusCode(404);
        ada.call().when().get("/api/v1/recaps/" + UUID.randomUUID() + "/" + started).then().statusCode(404);
        ada.call().when().get("/api/v1/recaps/" + sessionId + "/yesterday").then().statusCode(400)
                .body("errors[0].field", is("start"));
    }

    /** As texts write a time more than six days away: "Tue 2 Mar 18:00 CET". */
    private static String at(Instant time, String zone) {
        return DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", Locale.ENGLISH).format(time.atZone(ZoneId.of(zone)));
    }

    private static Map<String, Object> single(Learner learner) {
        List<Map<String, Object>> found = learner.notifications("session.recap");
        assertEquals(1, found.size(), learner.name() + " has " + found);
        return found.get(0);
    }

    private int recapNow() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> recaps.recapDue(Instant.now()));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
