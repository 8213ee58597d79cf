package dev.nexus.notifications.projection;

import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code rsvps} projection (migration V1): each member's newest answer per session. */
@ApplicationScoped
public class Rsvps {

    /** The newest answer per member wins, whatever order the events arrive in. */
    public Uni<Void> answered(UUID sessionId, UUID userId, String status, boolean waitlisted, Instant at) {
        return Sql.execute("""
                insert into rsvps (session_id, user_id, status, waitlisted, updated_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (session_id, user_id) do update set status = excluded.status,
                    waitlisted = excluded.waitlisted, updated_at = excluded.updated_at
                where rsvps.updated_at <= excluded.updated_at""",
                sessionId, userId, status, waitlisted, Projection.utc(at)).replaceWithVoid();
    }

    /** Who has a place at the session (GOING, not waitlisted); only {@code userId} when it is set. */
    public Uni<List<UUID>> going(UUID sessionId, UUID userId) {
        String sql = "select user_id from rsvps where session_id = ?1 and status = 'GOING' and not waitlisted";
        return userId == null ? Sql.list(sql, UUID.class, sessionId)
                : Sql.list(sql + " and user_id = ?2", UUID.class, sessionId, userId);
    }

    /** Who answered GOING or MAYBE (waitlisted or not). */
    public Uni<List<UUID>> goingOrMaybe(UUID sessionId) {
        return Sql.list("select user_id from rsvps where session_id = ?1 and status in ('GOING', 'MAYBE')", UUID.class,
                sessionId);
    }

    /** The sessions the user has a place at that are still to come (a series counts as to come). */
    public Uni<List<UUID>> upcomingOf(UUID userId) {
        return Sql.list("""
                select r.session_id from rsvps r join sessions s on s.id = r.session_id
                where r.user_id = ?1 and r.status = 'GOING' and not r.waitlisted and not s.cancelled
                    and (s.starts_at > now() or s.recurrence is not null)""", UUID.class, userId);
    }

    /** Every series that is not cancelled and where someone has a place. */
    public Uni<List<UUID>> seriesWithAttendees() {
        return Sql.list("""
                select distinct s.id from sessions s join rsvps r on r.session_id = s.id
                where s.recurrence is not null and not s.cancelled and r.status = 'GOING' and not r.waitlisted""",
                UUID.class);
    }
}
