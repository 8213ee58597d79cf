package dev.nexus.notifications.projection;

import dev.nexus.notifications.model.Texts;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.time.Recurrence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code sessions} and {@code occurrence_changes} projections (migration V1): sessions as the
 * texts and reminders need them, and the single occurrences of a series that were moved or
 * cancelled. Writes are idempotent; call them in the inbox transaction of the event.
 */
@ApplicationScoped
public class Sessions {

    /** A session as the texts need it. */
    public record SessionInfo(UUID id, UUID groupId, String title, Instant startsAt, Instant endsAt, String timeZone,
            UUID organizerId, boolean cancelled, String recurrence) {
    }

    /** A session scheduled by the event {@code eventId}, made {@code at}. */
    public Uni<Void> scheduled(SessionInfo s, UUID eventId, Instant at) {
        return Sql.execute("""
                insert into sessions (id, group_id, title, starts_at, ends_at, time_zone, organizer_id, recurrence,
                    scheduled_by, scheduled_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) on conflict (id) do nothing""",
                s.id(), s.groupId(), s.title(), Projection.utc(s.startsAt()), Projection.utc(s.endsAt()), s.timeZone(),
                s.organizerId(), s.recurrence(), eventId, Projection.utc(at)).replaceWithVoid();
    }

    /** A session not cancelled and the event that scheduled it. */
    public record Scheduling(UUID eventId, SessionInfo session) {
    }

    /** The group's sessions, not cancelled, whose scheduling was made after {@code since}. */
    public Uni<List<Scheduling>> scheduledAfter(UUID groupId, Instant since) {
        return Sql.list("""
                        select id, group_id, title, starts_at, ends_at, time_zone, organizer_id, cancelled, recurrence,
                            scheduled_by
                        from sessions where group_id = ?1 and scheduled_at > ?2 and not cancelled""",
                        Object[].class, groupId, Projection.utc(since))
                .map(rows -> rows.stream().map(r -> new Scheduling((UUID) r[9], session(r))).toList());
    }

    /**
     * A series moved (not a single occurrence, which leaves the series' first start as it is) by a change
     * made {@code at}; a change older than the one applied already is ignored. Whether it was applied.
     */
    public Uni<Boolean> moved(UUID id, Instant startsAt, Instant endsAt, String recurrence, Instant at) {
        return Projection.applied("""
                update sessions set starts_at = ?2, ends_at = ?3, recurrence = ?4, changed_at = ?5
                where id = ?1 and (changed_at is null or changed_at <= ?5)""",
                id, Projection.utc(startsAt), Projection.utc(endsAt), recurrence, Projection.utc(at));
    }

    public Uni<Void> cancelled(UUID id) {
        return Sql.execute("update sessions set cancelled = true where id = ?1", id).replaceWithVoid();
    }

    /**
     * One occurrence moved ({@code movedTo}) or cancelled ({@code movedTo} null) by a change made
     * {@code at}; the newest change wins, whatever order they are handled in. Whether it was applied.
     */
    public Uni<Boolean> occurrenceChanged(UUID sessionId, Instant originalStart, Instant movedTo, Instant at) {
        return Projection.applied("""
                insert into occurrence_changes (session_id, original_start, cancelled, moved_to, changed_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (session_id, original_start) do update set cancelled = excluded.cancelled,
                    moved_to = excluded.moved_to, changed_at = excluded.changed_at
                where occurrence_changes.changed_at is null or occurrence_changes.changed_at <= excluded.changed_at""",
                sessionId, Projection.utc(originalStart), movedTo == null, Projection.utc(movedTo), Projection.utc(at));
    }

    /**
     * The occurrences of these series that were moved ({@code movedTo}) or cancelled ({@code movedTo}
     * null), by series.
     */
    public Uni<Map<UUID, List<Recurrence.Change>>> changes(Collection<UUID> series) {
        if (series.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.list("select session_id, original_start, cancelled, moved_to from occurrence_changes"
                        + " where session_id = any(cast(?1 as uuid[]))", Object[].class,
                        (Object) series.stream().distinct().toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, List<Recurrence.Change>> changes = new HashMap<>();
                    for (Object[] r : rows) {
                        changes.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add(new Recurrence.Change(
                                Sql.instant(r[1]), (Boolean) r[2] || r[3] == null ? null : Sql.instant(r[3])));
                    }
                    return changes;
                });
    }

    /** Every start of the session in time order, moves and cancellations applied; a single session's one start. */
    public Uni<List<Instant>> starts(SessionInfo s) {
        if (s.recurrence() == null) {
            return Uni.createFrom().item(List.of(s.startsAt()));
        }
        return changes(List.of(s.id())).map(changes -> {
            ZonedDateTime first = s.startsAt().atZone(Texts.zone(s.timeZone()));
            return Recurrence.occurrences(s.recurrence(), first, first.toInstant(), first.toInstant().plus(Recurrence.MAX_SPAN),
                            changes.getOrDefault(s.id(), List.of()))
                    .stream().map(ZonedDateTime::toInstant).sorted().distinct().toList();
        });
    }

    /** The session; null when its scheduling has not been handled here. */
    public Uni<SessionInfo> find(UUID id) {
        return Sql.list("""
                        select id, group_id, title, starts_at, ends_at, time_zone, organizer_id, cancelled, recurrence
                        from sessions where id = ?1""", Object[].class, id)
                .map(rows -> rows.isEmpty() ? null : session(rows.get(0)));
    }

    private static SessionInfo session(Object[] r) {
        return new SessionInfo((UUID) r[0], (UUID) r[1], (String) r[2], Sql.instant(r[3]), Sql.instant(r[4]),
                (String) r[5], (UUID) r[6], (Boolean) r[7], (String) r[8]);
    }
}
