package dev.nexus.notes.note;

import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.NoteUpdated;
import dev.nexus.notes.access.Authors;
import dev.nexus.notes.access.Authors.Author;
import dev.nexus.notes.access.GroupAccess;
import dev.nexus.notes.comment.CommentService;
import dev.nexus.notes.comment.CommentService.AddComment;
import dev.nexus.notes.comment.CommentService.CommentView;
import dev.nexus.notes.comment.CommentService.Target;
import dev.nexus.notes.markdown.Markdown;
import dev.nexus.notes.note.NoteViews.CreateNote;
import dev.nexus.notes.note.NoteViews.NoteSummary;
import dev.nexus.notes.note.NoteViews.NoteView;
import dev.nexus.notes.note.NoteViews.RevisionView;
import dev.nexus.notes.note.NoteViews.UpdateNote;
import dev.nexus.notes.session.GroupSessions;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.http.Versions;
import dev.nexus.platform.memberships.GroupRole;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Notes of a group. Members post and read; the author edits, and so may the group's owner and
 * organizers, who also delete. Every edit is a revision and must name the version it edits.
 */
@ApplicationScoped
public class NoteService {

    /** Characters of the body a list shows (then "…"). */
    static final int EXCERPT = 280;
    static final Duration TTL = Duration.ofMinutes(5);
    /** The mapped columns (not the search vector) for native queries. */
    private static final String COLUMNS = "n.id, n.group_id, n.session_id, n.author_id, n.title, n.body, n.html, n.tags,"
            + " n.revision, n.created_at, n.updated_at, n.version";

    private final Outbox outbox;
    private final GroupAccess access;
    private final GroupSessions sessions;
    private final Authors authors;
    private final Markdown markdown;
    private final CommentService comments;
    private final HotCache cache;

    public NoteService(Outbox outbox, GroupAccess access, GroupSessions sessions, Authors authors, Markdown markdown,
            CommentService comments, HotCache cache) {
        this.cache = cache;
        this.outbox = outbox;
        this.access = access;
        this.sessions = sessions;
        this.authors = authors;
        this.markdown = markdown;
        this.comments = comments;
    }

    @WithTransaction
    public Uni<NoteView> create(UUID caller, CreateNote request) {
        return access.member(caller, request.groupId())
                .call(() -> sessions.requireInGroup(request.sessionId(), request.groupId()))
                .chain(role -> {
                    Note note = new Note();
                    note.id = UUID.randomUUID();
                    note.groupId = request.groupId();
                    note.sessionId = request.sessionId();
                    note.authorId = caller;
                    note.title = request.title().trim();
                    note.body = request.body();
                    note.html = markdown.html(note.body, "body");
                    note.tags = tags(request.tags());
                    note.revision = 1;
                    note.createdAt = now();
                    note.updatedAt = note.createdAt;
                    return note.persist()
                            .chain(() -> NoteRevision.of(note, caller).persist())
                            .chain(() -> outbox.publish(new NotePosted(note.id, note.groupId, note.sessionId, caller,
                                    note.title)))
                            .chain(() -> Panache.getSession().chain(s -> s.flush()))
                            .chain(() -> view(note));
                });
    }

    /**
     * Newest first. Without {@code groupId}, the notes of every group the caller is in; {@code q}
     * is a web-search style query (words, "phrases", -excluded) over title and body.
     */
    @WithSession
    public Uni<Page<NoteSummary>> list(UUID caller, UUID groupId, UUID sessionId, String tag, String q, Cursor after,
            int limit) {
        Uni<?> allowed = groupId == null ? Uni.createFrom().voidItem() : access.member(caller, groupId);
        return allowed.chain(() -> {
            StringBuilder sql = new StringBuilder("select " + COLUMNS + " from notes n where ");
            List<Object> params = new ArrayList<>();
            if (groupId != null) {
                params.add(groupId);
                sql.append("n.group_id = ?1");
            } else {
                params.add(caller);
                sql.append("n.group_id in (select group_id from group_members where user_id = ?1 and role is not null)");
            }
            if (sessionId != null) {
                params.add(sessionId);
                sql.append(" and n.session_id = ?").append(params.size());
            }
            if (tag != null && !tag.isBlank()) {
                params.add(tag.trim().toLowerCase(Locale.ROOT));
                sql.append(" and n.tags @> array[cast(?").append(params.size()).append(" as text)]");
            }
            if (q != null && !q.isBlank()) {
                params.add(q.trim());
                sql.append(" and n.search @@ websearch_to_tsquery('english', ?").append(params.size()).append(")");
            }
            if (after != null) {
                params.add(after.at());
                params.add(after.id());
                sql.append(" and (n.created_at, n.id) < (?").append(params.size() - 1).append(", ?")
                        .append(params.size()).append(")");
            }
            sql.append(" order by n.created_at desc, n.id desc limit ").append(limit + 1);
            return Sql.list(sql.toString(), Note.class, params.toArray()).chain(notes -> authors.of(notes.stream().map(n -> n.authorId).toList())
                    .map(names -> Page.of(notes, limit, n -> summary(n, names.get(n.authorId)),
                            n -> new Cursor(n.createdAt, n.id).encode())));
        });
    }

    /**
     * GET /notes/{id}, from the cache: the entry keeps the note's group beside it, so a hit is
     * authorised without the database. {@code bypass}: read past the cache (Cache-Control: no-cache).
     */
    public Uni<HotCache.Entry> read(UUID caller, UUID noteId, boolean bypass) {
        Supplier<Uni<?>> loader = () -> Panache.withSession(() -> find(noteId).chain(this::view)
                .map(view -> new HotCache.Value(view, view.groupId(), Versions.etag(view.version()))));
        return (bypass ? cache.fresh(loader) : cache.get(key(noteId), TTL, loader))
                .call(entry -> access.member(caller, cache.meta(entry, UUID.class), NoteService::noteNotFound));
    }

    /** Drops the cached note; call after the transaction that changed or deleted it committed. */
    public Uni<Void> changed(UUID noteId) {
        return cache.invalidate(key(noteId));
    }

    private static String key(UUID noteId) {
        return "note:" + noteId;
    }

    @WithTransaction
    public Uni<NoteView> update(UUID caller, UUID noteId, long expectedVersion, UpdateNote request) {
        return editable(caller, noteId, "edit").chain(note -> {
            Versions.require(expectedVersion, note.version, "note");
            String title = request.title() == null ? note.title : request.title().trim();
            String body = request.body() == null ? note.body : request.body();
            String[] tags = request.tags() == null ? note.tags : tags(request.tags());
            if (title.equals(note.title) && body.equals(note.body) && Arrays.equals(tags, note.tags)) {
                return view(note); // nothing changed: no revision, no event
            }
            note.title = title;
            note.body = body;
            note.html = markdown.html(body, "body");
            note.tags = tags;
            note.revision++;
            note.updatedAt = now();
            return NoteRevision.of(note, caller).persist()
                    .chain(() -> outbox.publish(new NoteUpdated(note.id, note.groupId, note.sessionId, note.authorId,
                            note.title)))
                    .chain(() -> Panache.getSession().chain(s -> s.flush()))
                    .chain(() -> view(note));
        });
    }

    /** Deletes the note with its revisions and comments. */
    @WithTransaction
    public Uni<Void> delete(UUID caller, UUID noteId) {
        return editable(caller, noteId, "delete").chain(note -> comments.deleteOf(CommentService.NOTE, note.id)
                .chain(() -> note.delete()));
    }

    /** Newest first. */
    @WithSession
    public Uni<Page<RevisionView>> revisions(UUID caller, UUID noteId, Cursor after, int limit) {
        return readable(caller, noteId).chain(note -> {
            String hql = "from NoteRevision r where r.noteId = ?1"
                    + (after == null ? "" : " and (r.createdAt < ?2 or (r.createdAt = ?2 and r.id < ?3))")
                    + " order by r.createdAt desc, r.id desc"; // the cursor's order; numbers grow with time
            Object[] params = after == null ? new Object[] { noteId } : new Object[] { noteId, after.at(), after.id() };
            return NoteRevision.<NoteRevision>find(hql, params).range(0, limit).list()
                    .chain(revisions -> authors.of(revisions.stream().map(r -> r.authorId).toList())
                            .map(names -> Page.of(revisions, limit,
                                    r -> new RevisionView(r.number, names.get(r.authorId), r.title, r.body,
                                            List.of(r.tags), r.createdAt),
                                    r -> new Cursor(r.createdAt, r.id).encode())));
        });
    }

    @WithTransaction
    public Uni<CommentView> comment(UUID caller, UUID noteId, AddComment request) {
        return readable(caller, noteId).chain(note -> comments.add(caller, target(note), request));
    }

    @WithSession
    public Uni<Page<CommentView>> comments(UUID caller, UUID noteId, Cursor after, int limit) {
        return readable(caller, noteId).chain(note -> comments.list(caller, target(note), after, limit));
    }

    private static Target target(Note note) {
        return new Target(CommentService.NOTE, note.id, note.groupId, note.authorId, true);
    }

    /** The note when the caller is a member of its group; 404 otherwise. */
    private Uni<Note> readable(UUID caller, UUID noteId) {
        return find(noteId).call(note -> access.member(caller, note.groupId, NoteService::noteNotFound));
    }

    private Uni<Note> editable(UUID caller, UUID noteId, String action) {
        return find(noteId).chain(note -> access.member(caller, note.groupId, NoteService::noteNotFound).map(role -> {
            if (!note.authorId.equals(caller) && !role.organizes()) {
                throw ProblemException.forbidden("Only the note's author and the group's organizers can "
                        + action + " it.");
            }
            return note;
        }));
    }

    private static Uni<Note> find(UUID noteId) {
        return Note.<Note>findById(noteId).onItem().ifNull().failWith(NoteService::noteNotFound);
    }

    public static ProblemException noteNotFound() {
        return ProblemException.notFound("No such note, or it is in a group you are not a member of.");
    }

    private Uni<NoteView> view(Note note) {
        return authors.of(note.authorId).map(author -> new NoteView(note.id, note.groupId, note.sessionId, author,
                note.title, note.body, note.html, List.of(note.tags), note.revision, note.createdAt, note.updatedAt,
                note.version));
    }

    private static NoteSummary summary(Note note, Author author) {
        String excerpt = note.body.length() <= EXCERPT ? note.body : note.body.substring(0, EXCERPT) + "…";
        return new NoteSummary(note.id, note.groupId, note.sessionId, author, note.title, excerpt, List.of(note.tags),
                note.revision, note.createdAt, note.updatedAt);
    }

    private static String[] tags(List<String> requested) {
        return requested == null ? new String[0]
                : requested.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().sorted().toArray(String[]::new);
    }

    /** Microseconds: what PostgreSQL keeps, so a cursor made from a returned time matches the row. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
