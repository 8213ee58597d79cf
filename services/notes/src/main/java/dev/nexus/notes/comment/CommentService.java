package dev.nexus.notes.comment;

import dev.nexus.contracts.Events.CommentAdded;
import dev.nexus.notes.access.Authors;
import dev.nexus.notes.access.Authors.Author;
import dev.nexus.notes.markdown.Markdown;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.memberships.Memberships;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Comments on notes and solutions. The note or solution services find the target and decide what
 * the caller may see of it; this one stores, lists and announces comments.
 */
@ApplicationScoped
public class CommentService {

    public static final String NOTE = "NOTE";
    public static final String SOLUTION = "SOLUTION";

    private final Outbox outbox;
    private final Memberships memberships;
    private final Authors authors;
    private final Markdown markdown;

    public CommentService(Outbox outbox, Memberships memberships, Authors authors, Markdown markdown) {
        this.outbox = outbox;
        this.memberships = memberships;
        this.authors = authors;
        this.markdown = markdown;
    }

    /** The longest comment taken (characters of Markdown). */
    public static final int MAX_BODY = 20_000;

    public record AddComment(@NotBlank @Size(max = MAX_BODY) String body) {
    }

    /**
     * What is commented on. {@code bodiesVisible}: whether the caller may read other members'
     * comments on it (false on a solution the spoiler guard hides from them).
     */
    public record Target(String type, UUID id, UUID groupId, UUID authorId, boolean bodiesVisible) {
    }

    /** A comment; {@code withheld} (body and html null) when the spoiler guard hides it from the caller. */
    public record CommentView(UUID id, @Schema(enumeration = { "NOTE", "SOLUTION" }) String targetType, UUID targetId,
            Author author, @Schema(maxLength = MAX_BODY) String body,
            @Schema(maxLength = Markdown.MAX_HTML) String html,
            @Schema(maxItems = MAX_BODY / 2, description = "Each mention takes at least two characters of the body")
            List<UUID> mentionedUserIds, boolean withheld, Instant createdAt) {
    }

    /** Call inside the caller's transaction, after checking the caller may see the target. */
    public Uni<CommentView> add(UUID caller, Target target, AddComment request) {
        return memberships.members(target.groupId()).chain(members -> {
            Comment comment = new Comment();
            comment.id = UUID.randomUUID();
            comment.targetType = target.type();
            comment.targetId = target.id();
            comment.groupId = target.groupId();
            comment.authorId = caller;
            comment.body = request.body();
            comment.html = markdown.html(comment.body, "body");
            List<UUID> mentioned = Mentions.resolve(comment.body, members);
            comment.mentionedUserIds = mentioned.toArray(UUID[]::new);
            comment.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return comment.persist()
                    .chain(() -> outbox.publish(new CommentAdded(comment.id, target.type(), target.id(),
                            target.authorId(), target.groupId(), caller, mentioned)))
                    .chain(() -> authors.of(caller))
                    .map(author -> view(comment, author, true));
        });
    }

    /** Oldest first; call inside a session, after checking the caller may see the target. */
    public Uni<Page<CommentView>> list(UUID caller, Target target, Cursor after, int limit) {
        String hql = "from Comment c where c.targetType = ?1 and c.targetId = ?2"
                + (after == null ? "" : " and (c.createdAt > ?3 or (c.createdAt = ?3 and c.id > ?4))")
                + " order by c.createdAt, c.id";
        Object[] params = after == null ? new Object[] { target.type(), target.id() }
                : new Object[] { target.type(), target.id(), after.at(), after.id() };
        return Comment.<Comment>find(hql, params).range(0, limit).list()
                .chain(comments -> authors.of(comments.stream().map(c -> c.authorId).toList())
                        .map(names -> Page.of(comments, limit,
                                c -> view(c, names.get(c.authorId), target.bodiesVisible() || c.authorId.equals(caller)),
                                c -> new Cursor(c.createdAt, c.id).encode())));
    }

    /** Removes the comments of a deleted note or solution; call inside its transaction. */
    public Uni<Void> deleteOf(String type, UUID targetId) {
        return Comment.delete("targetType = ?1 and targetId = ?2", type, targetId).replaceWithVoid();
    }

    private static CommentView view(Comment c, Author author, boolean visible) {
        return new CommentView(c.id, c.targetType, c.targetId, author, visible ? c.body : null,
                visible ? c.html : null, List.of(c.mentionedUserIds), !visible, c.createdAt);
    }
}
