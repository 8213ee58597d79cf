package dev.nexus.notifications.recap;

import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.delivery.Drafts;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.projection.Rsvps;
import dev.nexus.notifications.projection.Sessions.SessionInfo;
import dev.nexus.notifications.projection.Sessions;
import dev.nexus.notifications.recipient.People;
import dev.nexus.notifications.recipient.Person;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import dev.nexus.platform.memberships.Memberships;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Session recaps: when an occurrence of a session ends, everyone who had a place at it (GOING, not
 * waitlisted) gets one {@code session.recap}: who attended, the notes and problems posted for the
 * session and the solutions to those problems (titles only: no solution's text, so the spoiler guard
 * holds), and the series' next occurrence. A scheduler on every replica looks for occurrences that
 * ended within {@link #LOOKBACK}; the row it inserts into {@code recaps} (primary key: session and
 * occurrence) is in the transaction that stores the recaps, so each occurrence is recapped once with
 * several replicas. For a series, what was posted since the previous occurrence ended counts.
 */
@ApplicationScoped
public class Recaps {

    private static final Logger LOG = Logger.getLogger(Recaps.class);
    /** An occurrence that ended longer ago than this (no replica ran) gets no recap. */
    static final Duration LOOKBACK = Duration.ofDays(1);

    private final Sessions sessions;
    private final Rsvps rsvps;
    private final People people;
    private final Memberships memberships;
    private final Delivery delivery;

    public Recaps(Sessions sessions, Rsvps rsvps, People people, Memberships memberships, Delivery delivery) {
        this.sessions = sessions;
        this.rsvps = rsvps;
        this.people = people;
        this.memberships = memberships;
        this.delivery = delivery;
    }

    @Scheduled(every = "${nexus.recaps.interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return recapDue(Instant.now()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "session recaps failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    /** An occurrence: its start and end, the previous one's end (null: none), the next start (null: none). */
    record Ended(SessionInfo session, Instant start, Instant end, Instant previousEnd, Instant next) {
    }

    /** Recaps every occurrence that ended in {@code (now - LOOKBACK, now]} and was not recapped; returns how many. */
    public Uni<Integer> recapDue(Instant now) {
        return Panache.withTransaction(() -> ended(now).chain(ended -> AfterCommit.inTurn(ended, e -> Sql.execute("""
                                insert into recaps (session_id, occurrence_start) values (?1, ?2)
                                on conflict do nothing""", e.session().id(), e.start().atOffset(ZoneOffset.UTC))
                        .chain(inserted -> inserted == 0 ? Uni.createFrom().<AfterCommit>nullItem() : recap(e, now)))))
                .call(AfterCommit::runAll)
                .map(List::size);
    }

    /** Occurrences of sessions with attendees that ended in the window and have no recap yet. */
    private Uni<List<Ended>> ended(Instant now) {
        return Sql.list("""
                        select s.id, s.group_id, s.title, s.starts_at, s.ends_at, s.time_zone, s.organizer_id, s.recurrence,
                            array_to_string(array(select cast(extract(epoch from r.occurrence_start) as bigint)
                                                  from recaps r where r.session_id = s.id), ',')
                        from sessions s
                        where not s.cancelled and s.starts_at <= ?1
                            and (s.recurrence is not null or s.ends_at > ?2 and s.ends_at <= ?1)
                            and exists (select 1 from rsvps r where r.session_id = s.id and r.status = 'GOING'
                                        and not r.waitlisted)""", Object[].class,
                        now.atOffset(ZoneOffset.UTC), now.minus(LOOKBACK).atOffset(ZoneOffset.UTC))
                .chain(rows -> {
                    Uni<List<Ended>> all = Uni.createFrom().item(new ArrayList<>());
                    for (Object[] r : rows) {
                        SessionInfo s = new SessionInfo((UUID) r[0], (UUID) r[1], (String) r[2], Sql.instant(r[3]),
                                Sql.instant(r[4]), (String) r[5], (UUID) r[6], false, (String) r[7]);
                        List<String> recapped = r[8] == null || ((String) r[8]).isEmpty() ? List.of()
                                : List.of(((String) r[8]).split(","));
                        all = all.chain(list -> sessions.starts(s).map(starts -> {
                            Duration length = Duration.between(s.startsAt(), s.endsAt());
                            for (int i = 0; i < starts.size(); i++) {
                                Instant start = starts.get(i);
                                Instant end = start.plus(length);
                                if (end.isAfter(now.minus(LOOKBACK)) && !end.isAfter(now)
                                        && !recapped.contains(String.valueOf(start.getEpochSecond()))) {
                                    list.add(new Ended(s, start, end, i == 0 ? null : starts.get(i - 1).plus(length),
                                            i + 1 < starts.size() ? starts.get(i + 1) : null));
                                }
                            }
                            return list;
                        }));
                    }
                    return all;
                });
    }

    /** A posted note, problem or solution (a solution: its problem's id and title). */
    record Posted(String kind, UUID id, String title, UUID problemId, String problem) {
    }

    /** What an occurrence produced up to {@code until}: who had a place, and what was posted for it. */
    private record Produced(Map<UUID, Person> attended, List<Posted> posted) {
        String names() {
            return attended.values().stream().map(Person::name).sorted().collect(Collectors.joining(", "));
        }
    }

    /**
     * Who had a place and what was posted for the session after the previous occurrence ended and up
     * to {@code until}: its notes and problems, and solutions to its problems. {@code attended}: who had
     * a place when the recap went out; null: who has one now (GOING, not waitlisted).
     */
    private Uni<Produced> produced(Ended e, Instant until, List<UUID> attended) {
        return Sql.list("""
                        select c.kind, c.id, c.title, p.id, p.title from contents c left join contents p on p.id = c.problem_id
                        where (c.session_id = ?1 or p.session_id = ?1) and c.posted_at > ?2 and c.posted_at <= ?3
                        order by c.posted_at""", Object[].class, e.session().id(),
                        (e.previousEnd() == null ? Instant.EPOCH : e.previousEnd()).atOffset(ZoneOffset.UTC),
                        until.atOffset(ZoneOffset.UTC))
                .map(rows -> rows.stream().map(r -> new Posted((String) r[0], (UUID) r[1], (String) r[2], (UUID) r[3],
                        (String) r[4])).toList())
                .chain(posted -> (attended != null ? Uni.createFrom().item(attended) : rsvps.going(e.session().id(), null))
                        .chain(people::of).map(who -> new Produced(who, posted)));
    }

    /** The recap of one occurrence for each attendee, in their zone; the occurrence is the cause. */
    private Uni<AfterCommit> recap(Ended e, Instant now) {
        UUID cause = UUID.nameUUIDFromBytes(("recap:" + e.session().id() + ":" + e.start())
                .getBytes(StandardCharsets.UTF_8));
        return produced(e, now, null)
                .call(produced -> Sql.execute("update recaps set attended = cast(?3 as uuid[]) where session_id = ?1 and occurrence_start = ?2",
                        e.session().id(), e.start().atOffset(ZoneOffset.UTC),
                        produced.attended().keySet().toArray(UUID[]::new)))
                .map(produced -> new Drafts(produced.attended().values().stream()
                        .map(p -> new Draft(p.id(), Kind.SESSION_RECAP, e.session().groupId(), "Recap: " + e.session().title(),
                                body(e, produced.posted(), produced.names(), p.zone(), now), link(e)))
                        .toList(), produced.attended()))
                .chain(drafts -> delivery.store(cause, drafts));
    }

    /** Where a recap notification links: the occurrence's recap ({@link RecapResource}). */
    static String link(Ended e) {
        return "/api/v1/recaps/" + e.session().id() + "/" + e.start();
    }

    /**
     * The recap of the occurrence of {@code sessionId} starting at {@code start}, for a member of its
     * group: as its recap notification was (who had a place then, what was posted until then), or,
     * before one was sent, what it would say now.
     */
    public Uni<RecapView> view(UUID caller, UUID sessionId, Instant start) {
        Instant now = Instant.now();
        return Panache.withSession(() -> sessions.find(sessionId)
                .chain(s -> s == null ? Uni.createFrom().nullItem()
                        : memberships.roleOf(s.groupId(), caller).chain(role -> role == null ? Uni.createFrom().nullItem()
                                : occurrence(s, start)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "No such session or occurrence, or you are not in its group."))
                .chain(e -> Sql.list("""
                                select sent_at, array_to_string(attended, ',') from recaps
                                where session_id = ?1 and occurrence_start = ?2""",
                                Object[].class, sessionId, start.atOffset(ZoneOffset.UTC))
                        .chain(sent -> sent.isEmpty() ? produced(e, now, null)
                                : produced(e, Sql.instant(sent.get(0)[0]), ids((String) sent.get(0)[1])))
                        .map(produced -> RecapView.of(e, produced.attended().values(), produced.posted(), now))));
    }

    /** The ids of {@code array_to_string(uuid[], ',')}; null for null. */
    private static List<UUID> ids(String joined) {
        return joined == null ? null : joined.isEmpty() ? List.of()
                : Arrays.stream(joined.split(",")).map(UUID::fromString).toList();
    }

    /** The occurrence of {@code s} that starts at {@code start} (moves applied); null when there is none. */
    private Uni<Ended> occurrence(SessionInfo s, Instant start) {
        return sessions.starts(s).map(starts -> {
            int i = starts.indexOf(start);
            Duration length = Duration.between(s.startsAt(), s.endsAt());
            return i < 0 || s.cancelled() ? null : new Ended(s, start, start.plus(length),
                    i == 0 ? null : starts.get(i - 1).plus(length), i + 1 < starts.size() ? starts.get(i + 1) : null);
        });
    }

    /** "Tue 2 Mar 18:00 CET. Attended: Ada, Bob. Notes: Heaps. Problems: Two sum. Solutions: 2 to Two sum. Next: …" */
    static String body(Ended e, List<Posted> posted, String attended, String zone, Instant now) {
        StringBuilder text = new StringBuilder(Texts.time(e.start(), zone, now)).append(". Attended: ").append(attended)
                .append('.');
        List<String> notes = posted.stream().filter(p -> p.kind().equals("NOTE")).map(Posted::title).toList();
        List<String> problems = posted.stream().filter(p -> p.kind().equals("PROBLEM")).map(Posted::title).toList();
        Map<String, Long> solutions = posted.stream().filter(p -> p.kind().equals("SOLUTION"))
                .collect(Collectors.groupingBy(Posted::problem, LinkedHashMap::new, Collectors.counting()));
        if (posted.isEmpty()) {
            text.append(" Nothing was posted for it.");
        }
        if (!notes.isEmpty()) {
            text.append(" Notes: ").append(String.join(", ", notes)).append('.');
        }
        if (!problems.isEmpty()) {
            text.append(" Problems: ").append(String.join(", ", problems)).append('.');
        }
        if (!solutions.isEmpty()) {
            text.append(" Solutions: ").append(solutions.entrySet().stream().map(s -> s.getValue() + " to " + s.getKey())
                    .collect(Collectors.joining(", "))).append('.');
        }
        if (e.next() != null) {
            text.append(" Next: ").append(Texts.time(e.next(), zone, now)).append('.');
        }
        return text.toString();
    }
}
