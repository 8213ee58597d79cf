package dev.nexus.notifications.projection;

import io.quarkus.hibernate.reactive.panache.Panache;
import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The local copies of other services' data that the rules need (migration V1): sessions, RSVPs,
 * authorship of notes, problems and solutions, group names. Writes are idempotent; call them in
 * the inbox transaction of the event.
 */
@ApplicationScoped
public class Projections {

    /** A session as the texts need it. */
    public record SessionInfo(UUID id, UUID groupId, String title, Instant startsAt, Instant endsAt, String timeZone,
            UUID organizerId, boolean cancelled, String recurrence) {
    }

    /** One occurrence of a series that was cancelled or moved, by the start its rule gives it. */
    public record OccurrenceChange(Instant originalStart, boolean cancelled, Instant movedTo) {
    }

    /** A note, problem or solution: who wrote it, and for a solution its problem. */
    public record ContentInfo(UUID id, String kind, UUID groupId, UUID authorId, UUID problemId, String title) {
    }

    public Uni<Void> sessionScheduled(UUID id, UUID groupId, String title, Instant startsAt, Instant endsAt,
            String timeZone, UUID organizerId, String recurrence) {
        return write("""
                insert into sessions (id, group_id, title, starts_at, ends_at, time_zone, organizer_id, recurrence)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (id) do nothing""",
                id, groupId, title, utc(startsAt), utc(endsAt), timeZone, organizerId, recurrence);
    }

    /**
     * A series moved (not a single occurrence, which leaves the series' first start as it is) by a change
     * made {@code at}; a change older than the one applied already is ignored. Whether it was applied.
     */
    public Uni<Boolean> sessionMoved(UUID id, Instant startsAt, Instant endsAt, String recurrence, Instant at) {
        return applied("""
                update sessions set starts_at = ?2, ends_at = ?3, recurrence = ?4, changed_at = ?5
                where id = ?1 and (changed_at is null or changed_at <= ?5)""",
                id, utc(startsAt), utc(endsAt), recurrence, utc(at));
    }

    public Uni<Void> sessionCancelled(UUID id) {
        return write("update sessions set cancelled = true where id = ?1", id);
    }

    /**
     * One occurrence moved ({@code movedTo}) or cancelled ({@code movedTo} null) by a change made
     * {@code at}; the newest change wins, whatever order they are handled in. Whether it was applied.
     */
    public Uni<Boolean> occurrenceChanged(UUID sessionId, Instant originalStart, Instant movedTo, Instant at) {
        return applied("""
                insert into occurrence_changes (session_id, original_start, cancelled, moved_to, changed_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (session_id, original_start) do update set cancelled = excluded.cancelled,
                    moved_to = excluded.moved_to, changed_at = excluded.changed_at
                where occurrence_changes.changed_at is null or occurrence_changes.changed_at <= excluded.changed_at""",
                sessionId, utc(originalStart), movedTo == null, utc(movedTo), utc(at));
    }

    public Uni<List<OccurrenceChange>> occurrenceChanges(UUID sessionId) {
        return Sql.list("select original_start, cancelled, moved_to from occurrence_changes where session_id = ?1",
                        Object[].class, sessionId)
                .map(rows -> rows.stream().map(r -> new OccurrenceChange(Sql.instant(r[0]), (Boolean) r[1],
                        r[2] == null ? null : Sql.instant(r[2]))).toList());
    }

    public Uni<SessionInfo> session(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select id, group_id, title, starts_at, ends_at, time_zone, organizer_id, cancelled, recurrence
                        from sessions where id = ?1""", Object[].class)
                .setParameter(1, id)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : sessionOf(rows.get(0)));
    }

    /** The newest answer per member wins, whatever order the events arrive in. */
    public Uni<Void> rsvp(UUID sessionId, UUID userId, String status, boolean waitlisted, Instant at) {
        return write("""
                insert into rsvps (session_id, user_id, status, waitlisted, updated_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (session_id, user_id) do update set status = excluded.status,
                    waitlisted = excluded.waitlisted, updated_at = excluded.updated_at
                where rsvps.updated_at <= excluded.updated_at""",
                sessionId, userId, status, waitlisted, utc(at));
    }

    public Uni<Void> content(UUID id, String kind, UUID groupId, UUID authorId, UUID problemId, String title) {
        return write("""
                insert into contents (id, kind, group_id, author_id, problem_id, title)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (id) do nothing""",
                id, kind, groupId, authorId, problemId, title == null ? "" : title);
    }

    public Uni<ContentInfo> content(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id, kind, group_id, author_id, problem_id, title from contents where id = ?1",
                        Object[].class)
                .setParameter(1, id)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : new ContentInfo((UUID) rows.get(0)[0], (String) rows.get(0)[1],
                        (UUID) rows.get(0)[2], (UUID) rows.get(0)[3], (UUID) rows.get(0)[4], (String) rows.get(0)[5]));
    }

    /** Authors of the problem's solutions so far. */
    public Uni<List<UUID>> solvers(UUID problemId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select distinct author_id from contents where kind = 'SOLUTION' and problem_id = ?1", UUID.class)
                .setParameter(1, problemId)
                .getResultList());
    }

    public Uni<Void> group(UUID id, String name) {
        return write("insert into groups (id, name) values (?1, ?2) on conflict (id) do update set name = excluded.name",
                id, name);
    }

    public Uni<String> groupName(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select name from groups where id = ?1", String.class)
                .setParameter(1, id)
                .getResultList())
                .map(names -> names.isEmpty() ? "your group" : names.get(0));
    }

    private static Uni<Void> write(String sql, Object... params) {
        return Sql.execute(sql, params).replaceWithVoid();
    }

    private static Uni<Boolean> applied(String sql, Object... params) {
        return Sql.execute(sql, params).map(rows -> rows > 0);
    }

    static SessionInfo sessionOf(Object[] r) {
        return new SessionInfo((UUID) r[0], (UUID) r[1], (String) r[2], Sql.instant(r[3]), Sql.instant(r[4]), (String) r[5],
                (UUID) r[6], (Boolean) r[7], (String) r[8]);
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
