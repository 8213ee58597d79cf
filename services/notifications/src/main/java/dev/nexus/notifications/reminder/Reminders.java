package dev.nexus.notifications.reminder;

import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.projection.Rsvps;
import dev.nexus.notifications.projection.Sessions;
import dev.nexus.notifications.projection.Sessions.SessionInfo;
import dev.nexus.notifications.recipient.People;
import dev.nexus.notifications.recipient.Preferences;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Session reminders: kept in step with sessions, single occurrences of a series and RSVPs (a row per
 * GOING member, occurrence and lead time of their preferences), fired by a scheduler on every
 * replica. Rescheduling moves them, cancelling (the session or one occurrence) or declining removes
 * them. A reminder fired more than {@link #LATE} after its time says so.
 *
 * <p>A series has reminders for the occurrences whose reminder is due within {@link #HORIZON};
 * {@link #roll} (hourly on every replica) plans the next ones as time goes on, so a series of 200
 * occurrences does not become thousands of rows at once.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);
    static final Duration LATE = Duration.ofMinutes(1);
    static final Duration HORIZON = Duration.ofDays(2);
    static final int BATCH = 200;

    private final Sessions sessions;
    private final Rsvps rsvps;
    private final Preferences preferences;
    private final People people;
    private final Delivery delivery;

    public Reminders(Sessions sessions, Rsvps rsvps, Preferences preferences, People people, Delivery delivery) {
        this.sessions = sessions;
        this.rsvps = rsvps;
        this.preferences = preferences;
        this.people = people;
        this.delivery = delivery;
    }

    /**
     * Re-plans the unfired reminders of a session (of one member when {@code userId} is set): call
     * inside the transaction that changed the session, an occurrence, an RSVP or the preferences.
     * Reminders no longer wanted go; wanted ones that are due but not yet fired stay and fire late.
     */
    public Uni<Void> plan(UUID sessionId, UUID userId) {
        Instant now = Instant.now();
        return rsvps.going(sessionId, userId).chain(members -> members.isEmpty() ? Uni.createFrom().item(List.<Wanted>of())
                : sessions.find(sessionId).chain(session -> session == null || session.cancelled()
                        ? Uni.createFrom().item(List.<Wanted>of())
                        : occurrences(session, now).chain(starts -> starts.isEmpty()
                                ? Uni.createFrom().item(List.<Wanted>of())
                                : preferences.of(members).map(prefs -> {
                                    List<Wanted> wanted = new ArrayList<>();
                                    Instant until = now.plus(HORIZON);
                                    for (UUID member : members) {
                                        for (int lead : prefs.get(member).reminderLeads()) {
                                            for (Instant start : starts) {
                                                Instant fireAt = start.minus(Duration.ofMinutes(lead));
                                                if (session.recurrence() == null || !fireAt.isAfter(until)) {
                                                    wanted.add(new Wanted(member, start, lead));
                                                }
                                            }
                                        }
                                    }
                                    return wanted;
                                }))))
                .chain(wanted -> replace(sessionId, userId, wanted));
    }

    private record Wanted(UUID user, Instant start, int lead) {
    }

    /** Starts of the session's occurrences that are still ahead, moved and cancelled ones applied. */
    private Uni<List<Instant>> occurrences(SessionInfo session, Instant now) {
        return sessions.starts(session).map(starts -> starts.stream().filter(start -> start.isAfter(now)).toList());
    }

    /** Drops the session's unfired reminders that are not wanted any more and adds the wanted ones still ahead. */
    private static Uni<Void> replace(UUID sessionId, UUID userId, List<Wanted> wanted) {
        UUID[] users = wanted.stream().map(Wanted::user).toArray(UUID[]::new);
        String[] starts = wanted.stream().map(w -> w.start().toString()).toArray(String[]::new);
        Integer[] leads = wanted.stream().map(Wanted::lead).toArray(Integer[]::new);
        String rows = "unnest(cast(?2 as uuid[]), cast(cast(?3 as text[]) as timestamptz[]), cast(?4 as int[]))"
                + " as t(user_id, starts_at, lead_minutes)";
        Object[] params = userId == null ? new Object[] { sessionId, users, starts, leads }
                : new Object[] { sessionId, users, starts, leads, userId };
        return Sql.execute("delete from reminders where session_id = ?1 and fired_at is null"
                        + (userId == null ? "" : " and user_id = ?5")
                        + " and (user_id, starts_at, lead_minutes) not in (select * from " + rows + ")", params)
                .chain(() -> wanted.isEmpty() ? Uni.createFrom().item(0) : Sql.execute("""
                        insert into reminders (id, session_id, user_id, starts_at, lead_minutes, fire_at)
                        select gen_random_uuid(), ?1, user_id, starts_at, lead_minutes,
                            starts_at - make_interval(mins => lead_minutes) from %s
                        where starts_at - make_interval(mins => lead_minutes) > now()
                        on conflict do nothing""".formatted(rows), sessionId, users, starts, leads))
                .replaceWithVoid();
    }

    /** Every unfired reminder of the user's sessions, after their lead times changed. */
    public Uni<Void> planFor(UUID userId) {
        return rsvps.upcomingOf(userId)
                .chain(upcoming -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID sessionId : upcoming) {
                        chain = chain.chain(() -> plan(sessionId, userId));
                    }
                    return chain;
                });
    }

    @Scheduled(every = "${nexus.reminders.roll-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rollTick() {
        return roll().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "planning the next reminders of series failed; the next run retries"))
                .onFailure().recoverWithNull();
    }

    /** Plans the reminders of every series someone is going to that now fall within the horizon; returns how many series. */
    public Uni<Integer> roll() {
        return Panache.withSession(rsvps::seriesWithAttendees)
                .chain(series -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID sessionId : series) {
                        chain = chain.chain(() -> Panache.withTransaction(() -> plan(sessionId, null)));
                    }
                    return chain.replaceWith(series.size());
                });
    }

    @Scheduled(every = "${nexus.reminders.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return fireDue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "firing reminders failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    /**
     * Fires up to {@value #BATCH} due reminders: each becomes a notification (its id is the event
     * id, so it is stored once) in the transaction that marks it fired; rows another replica holds
     * are skipped. Returns how many fired.
     */
    public Uni<Integer> fireDue() {
        return Panache.withTransaction(() -> Sql.list("""
                        select r.id, r.user_id, r.lead_minutes, r.fire_at, r.starts_at, s.id, s.group_id, s.title
                        from reminders r join sessions s on s.id = r.session_id
                        where r.fired_at is null and r.fire_at <= now()
                        order by r.fire_at limit %d for update of r skip locked""".formatted(BATCH), Object[].class)
                        .map(rows -> rows.stream().map(Due::of).toList())
                        .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<AfterCommit>of()) : fire(due)))
                .call(AfterCommit::runAll)
                .map(List::size);
    }

    /** A reminder that is due, with its session's title and group. */
    private record Due(UUID id, UUID user, int lead, Instant fireAt, Instant startsAt, UUID sessionId, UUID groupId,
            String title) {
        static Due of(Object[] r) {
            return new Due((UUID) r[0], (UUID) r[1], (Integer) r[2], Sql.instant(r[3]), Sql.instant(r[4]), (UUID) r[5],
                    (UUID) r[6], (String) r[7]);
        }
    }

    /** Each due reminder becomes a notification (its cause: the reminder) and is marked fired; their pushes. */
    private Uni<List<AfterCommit>> fire(List<Due> due) {
        Instant now = Instant.now();
        return people.of(due.stream().map(Due::user).toList()).chain(found -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            List<AfterCommit> pushes = new ArrayList<>();
            for (Due r : due) {
                boolean late = Duration.between(r.fireAt(), now).compareTo(LATE) > 0;
                String zone = found.get(r.user()).zone();
                String body = late
                        ? r.title() + " starts " + Texts.time(r.startsAt(), zone, now) + ". This reminder is late: it was"
                                + " due " + Texts.time(r.fireAt(), zone, now) + ", " + r.lead() + " minutes before the start."
                        : r.title() + " starts " + Texts.time(r.startsAt(), zone, now) + " (in " + r.lead() + " minutes).";
                Draft draft = new Draft(r.user(), Kind.SESSION_REMINDER, r.groupId(), "Starting soon: " + r.title(), body,
                        "/api/v1/sessions/" + r.sessionId());
                chain = chain.chain(() -> delivery.store(r.id(), draft)).invoke(pushes::add)
                        .chain(() -> Sql.execute("update reminders set fired_at = now(), late = ?2 where id = ?1", r.id(),
                                late))
                        .replaceWithVoid();
            }
            return chain.replaceWith(pushes);
        });
    }
}
