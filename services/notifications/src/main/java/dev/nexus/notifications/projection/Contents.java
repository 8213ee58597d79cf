package dev.nexus.notifications.projection;

import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The {@code contents} projection (migration V1): who wrote each note, problem and solution. */
@ApplicationScoped
public class Contents {

    public enum Type {
        NOTE, PROBLEM, SOLUTION
    }

    /** A note, problem or solution: who wrote it, and for a solution its problem. */
    public record ContentInfo(UUID id, Type type, UUID groupId, UUID authorId, UUID problemId, String title) {
    }

    /** Content posted by the event {@code eventId}, made {@code at}, for the session {@code sessionId} (or none). */
    public Uni<Void> posted(ContentInfo c, UUID sessionId, UUID eventId, Instant at) {
        return Sql.execute("""
                insert into contents (id, kind, group_id, author_id, problem_id, title, session_id, posted_by, posted_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict (id) do nothing""",
                c.id(), c.type().name(), c.groupId(), c.authorId(), c.problemId(), c.title() == null ? "" : c.title(),
                sessionId, eventId, at.atOffset(ZoneOffset.UTC)).replaceWithVoid();
    }

    /** A note and the event that posted it. */
    public record Posting(UUID eventId, ContentInfo note) {
    }

    /** The group's notes whose posting was made after {@code since}. */
    public Uni<List<Posting>> notesPostedAfter(UUID groupId, Instant since) {
        return Sql.list("""
                        select id, kind, group_id, author_id, problem_id, title, posted_by from contents
                        where kind = 'NOTE' and group_id = ?1 and posted_at > ?2""",
                        Object[].class, groupId, since.atOffset(ZoneOffset.UTC))
                .map(rows -> rows.stream().map(r -> new Posting((UUID) r[6], content(r))).toList());
    }

    /** The content; null when its posting has not been handled here. */
    public Uni<ContentInfo> find(UUID id) {
        return Sql.list("select id, kind, group_id, author_id, problem_id, title from contents where id = ?1",
                        Object[].class, id)
                .map(rows -> rows.isEmpty() ? null : content(rows.get(0)));
    }

    /** Authors of the problem's solutions so far. */
    public Uni<List<UUID>> solvers(UUID problemId) {
        return Sql.list("select distinct author_id from contents where kind = 'SOLUTION' and problem_id = ?1",
                UUID.class, problemId);
    }

    private static ContentInfo content(Object[] r) {
        return new ContentInfo((UUID) r[0], Type.valueOf((String) r[1]), (UUID) r[2], (UUID) r[3], (UUID) r[4],
                (String) r[5]);
    }
}
