package dev.nexus.notifications.projection;

import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code polls} and {@code poll_respondents} projections (migration V12): who still has to answer. */
@ApplicationScoped
public class Polls {

    /** How long before the deadline members who have not answered are reminded. */
    static final Duration REMIND_BEFORE = Duration.ofDays(1);

    /** When to remind: a day before the deadline, or halfway to it when less than two days are left. */
    static Instant remindAt(Instant openedAt, Instant deadline) {
        Duration left = Duration.between(openedAt, deadline);
        return left.compareTo(REMIND_BEFORE.multipliedBy(2)) > 0 ? deadline.minus(REMIND_BEFORE)
                : openedAt.plus(left.dividedBy(2));
    }

    public Uni<Void> opened(UUID pollId, UUID groupId, String title, UUID organizerId, Instant deadline, Instant at) {
        return Sql.execute("""
                insert into polls (id, group_id, title, organizer_id, deadline, remind_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (id) do nothing""",
                pollId, groupId, title, organizerId, deadline, remindAt(at, deadline)).replaceWithVoid();
    }

    public Uni<Void> answered(UUID pollId, UUID userId) {
        return Sql.execute("insert into poll_respondents (poll_id, user_id) values (?1, ?2) on conflict do nothing",
                pollId, userId).replaceWithVoid();
    }

    /**
     * No reminder after this, even should poll.opened come later; {@code respondents} complete the
     * list should an answer's event come late.
     */
    public Uni<Void> closed(UUID pollId, UUID groupId, String title, UUID organizerId, Instant startsAt,
            List<UUID> respondents) {
        return Sql.execute("""
                        insert into polls (id, group_id, title, organizer_id, deadline, remind_at, closed)
                        values (?1, ?2, ?3, ?4, ?5, ?5, true) on conflict (id) do update set closed = true""",
                        pollId, groupId, title, organizerId, startsAt)
                .chain(() -> Sql.execute("""
                        insert into poll_respondents (poll_id, user_id)
                        select ?1, unnest(cast(?2 as uuid[])) on conflict do nothing""",
                        pollId, respondents.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    public Uni<List<UUID>> respondents(UUID pollId) {
        return Sql.list("select user_id from poll_respondents where poll_id = ?1", UUID.class, pollId);
    }
}
