package dev.nexus.notifications.reminder;

import dev.nexus.notifications.inbox.Delivery;
import dev.nexus.notifications.notify.Draft;
import dev.nexus.notifications.notify.People;
import dev.nexus.notifications.notify.Texts;
import dev.nexus.notifications.preference.Preferences;
import dev.nexus.notifications.projection.Projections;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Session reminders: kept in step with sessions and RSVPs (a row per GOING member and lead time of
 * their preferences), fired by a scheduler on every replica. Rescheduling moves them, cancelling or
 * declining removes them. A reminder fired more than {@link #LATE} after its time says so.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);
    static final Duration LATE = Duration.ofMinutes(1);
    static final int BATCH = 200;

    private final Projections projections;
    private final Preferences preferences;
    private final People people;
    private final Delivery delivery;

    public Reminders(Projections projections, Preferences preferences, People people, Delivery delivery) {
        this.projections = projections;
        this.preferences = preferences;
        this.people = people;
        this.delivery = delivery;
    }

    /**
     * Re-plans the unfired reminders of a session (of one member when {@code userId} is set): call
     * inside the transaction that changed the session, an RSVP or the preferences.
     */
    public Uni<Void> plan(UUID sessionId, UUID userId) {
        return projections.session(sessionId).chain(session -> {
            Uni<Integer> removed = Sql.execute("delete from reminders where session_id = ?1 and fired_at is null"
                    + (userId == null ? "" : " and user_id = ?2"), userId == null
                            ? new Object[] { sessionId } : new Object[] { sessionId, userId });
            if (session == null || session.cancelled() || !session.startsAt().isAfter(Instant.now())) {
                return removed.replaceWithVoid();
            }
            return removed.chain(() -> going(sessionId, userId)).chain(members -> preferences.of(members)
                    .chain(prefs -> {
                        Instant now = Instant.now();
                        List<Object[]> rows = new ArrayList<>();
                        for (UUID member : members) {
                            for (int lead : prefs.get(member).reminderLeads()) {
                                Instant fireAt = session.startsAt().minus(Duration.ofMinutes(lead));
                                if (fireAt.isAfter(now)) {
                                    rows.add(new Object[] { member, lead, fireAt });
                                }
                            }
                        }
                        return insert(sessionId, session.startsAt(), rows);
                    }));
        });
    }

    /** Every unfired reminder of the user's sessions, after their lead times changed. */
    public Uni<Void> planFor(UUID userId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select r.session_id from rsvps r join sessions s on s.id = r.session_id
                        where r.user_id = ?1 and r.status = 'GOING' and not r.waitlisted and s.starts_at > now()""",
                        UUID.class)
                .setParameter(1, userId)
                .getResultList())
                .chain(sessions -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID sessionId : sessions) {
                        chain = chain.chain(() -> plan(sessionId, userId));
                    }
                    return chain;
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
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select r.id, r.user_id, r.lead_minutes, r.fire_at, s.id, s.group_id, s.title, s.starts_at
                        from reminders r join sessions s on s.id = r.session_id
                        where r.fired_at is null and r.fire_at <= now()
                        order by r.fire_at limit %d for update of r skip locked""".formatted(BATCH), Object[].class)
                .getResultList())
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<UUID>of()) : fire(due)))
                .call(fired -> {
                    Uni<Void> pushes = Uni.createFrom().voidItem();
                    for (UUID id : fired) {
                        pushes = pushes.chain(() -> delivery.push(id));
                    }
                    return pushes;
                })
                .map(List::size);
    }

    private Uni<List<UUID>> fire(List<Object[]> due) {
        Instant now = Instant.now();
        List<UUID> users = due.stream().map(r -> (UUID) r[1]).toList();
        return people.of(users).chain(found -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            List<UUID> fired = new ArrayList<>();
            for (Object[] r : due) {
                UUID id = (UUID) r[0];
                UUID user = (UUID) r[1];
                int lead = (Integer) r[2];
                Instant fireAt = Sql.instant(r[3]);
                Instant startsAt = Sql.instant(r[7]);
                boolean late = Duration.between(fireAt, now).compareTo(LATE) > 0;
                String zone = found.get(user).zone();
                String body = late
                        ? r[6] + " starts " + Texts.time(startsAt, zone, now) + ". This reminder is late: it was due "
                                + Texts.time(fireAt, zone, now) + ", " + lead + " minutes before the start."
                        : r[6] + " starts " + Texts.time(startsAt, zone, now) + " (in " + lead + " minutes).";
                Draft draft = new Draft(user, "session.reminder", (UUID) r[5], "Starting soon: " + r[6], body,
                        "/api/v1/sessions/" + r[4]);
                fired.add(id);
                chain = chain.chain(() -> delivery.store(id, List.of(draft)))
                        .chain(() -> Sql.execute("update reminders set fired_at = now(), late = ?2 where id = ?1", id, late))
                        .replaceWithVoid();
            }
            return chain.replaceWith(fired);
        });
    }

    private Uni<List<UUID>> going(UUID sessionId, UUID userId) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("select user_id from rsvps where session_id = ?1 and status = 'GOING'"
                    + " and not waitlisted" + (userId == null ? "" : " and user_id = ?2"), UUID.class)
                    .setParameter(1, sessionId);
            if (userId != null) {
                query.setParameter(2, userId);
            }
            return query.getResultList();
        });
    }

    private Uni<Void> insert(UUID sessionId, Instant startsAt, List<Object[]> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Object[] row : rows) {
            chain = chain.chain(() -> Sql.execute("""
                    insert into reminders (id, session_id, user_id, starts_at, lead_minutes, fire_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""",
                    UUID.randomUUID(), sessionId, row[0], startsAt.atOffset(ZoneOffset.UTC), row[1],
                    ((Instant) row[2]).atOffset(ZoneOffset.UTC)).replaceWithVoid());
        }
        return chain;
    }
}
