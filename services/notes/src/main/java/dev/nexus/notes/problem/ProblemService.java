package dev.nexus.notes.problem;

import dev.nexus.contracts.Events.ProblemPosted;
import dev.nexus.notes.access.Authors;
import dev.nexus.notes.access.GroupAccess;
import dev.nexus.notes.markdown.Markdown;
import dev.nexus.notes.problem.ProblemViews.CreateProblem;
import dev.nexus.notes.problem.ProblemViews.ProblemSummary;
import dev.nexus.notes.problem.ProblemViews.ProblemView;
import dev.nexus.notes.session.GroupSessions;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.Outbox;
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
import java.util.List;
import java.util.UUID;

/** Problems posed in a group. Any member poses one; members answer with solutions. */
@ApplicationScoped
public class ProblemService {

    /** Characters of the statement a list shows (then "…"). */
    static final int EXCERPT = 280;
    private static final String COLUMNS = "p.id, p.group_id, p.session_id, p.author_id, p.title, p.statement, p.html,"
            + " p.link, p.accepted_solution_id, p.created_at, p.version";

    private static final Duration TTL = Duration.ofMinutes(5);

    private final Outbox outbox;
    private final GroupAccess access;
    private final GroupSessions sessions;
    private final Authors authors;
    private final Markdown markdown;
    private final HotCache cache;

    public ProblemService(Outbox outbox, GroupAccess access, GroupSessions sessions, Authors authors,
            Markdown markdown, HotCache cache) {
        this.outbox = outbox;
        this.access = access;
        this.sessions = sessions;
        this.authors = authors;
        this.markdown = markdown;
        this.cache = cache;
    }

    /** What the spoiler guard needs of a problem. It never changes: a problem keeps its group and author. */
    record Owner(UUID groupId, UUID authorId) {
    }

    /**
     * A problem as one caller meets it: their role in its group and whether they unlocked its
     * solutions (posted one, or revealed them).
     */
    public record Seen(Problem problem, GroupRole role, boolean unlocked) {

        public boolean readsAll(UUID caller) {
            return SpoilerGuard.canReadAll(caller, role, problem.authorId, unlocked);
        }
    }

    @WithTransaction
    public Uni<ProblemView> create(UUID caller, CreateProblem request) {
        return access.member(caller, request.groupId())
                .call(() -> sessions.requireInGroup(request.sessionId(), request.groupId()))
                .chain(role -> {
                    Problem problem = new Problem();
                    problem.id = UUID.randomUUID();
                    problem.groupId = request.groupId();
                    problem.sessionId = request.sessionId();
                    problem.authorId = caller;
                    problem.title = request.title().trim();
                    problem.statement = request.statement();
                    problem.html = markdown.html(problem.statement, "statement");
                    problem.link = request.link();
                    problem.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return problem.persist()
                            .chain(() -> outbox.publish(new ProblemPosted(problem.id, problem.groupId,
                                    problem.sessionId, caller, problem.title)))
                            .chain(() -> view(new Seen(problem, role, false), caller));
                });
    }

    /** Newest first; {@code q} searches title and statement, never solutions (they may be hidden). */
    @WithSession
    public Uni<Page<ProblemSummary>> list(UUID caller, UUID groupId, String q, Cursor after, int limit) {
        Uni<?> allowed = groupId == null ? Uni.createFrom().voidItem() : access.member(caller, groupId);
        return allowed.chain(() -> {
            List<Object> params = new ArrayList<>();
            StringBuilder sql = new StringBuilder("select " + COLUMNS + " from problems p where ");
            if (groupId != null) {
                params.add(groupId);
                sql.append("p.group_id = ?1");
            } else {
                params.add(caller);
                sql.append("p.group_id in (select group_id from group_members where user_id = ?1 and role is not null)");
            }
            if (q != null && !q.isBlank()) {
                params.add(q.trim());
                sql.append(" and p.search @@ websearch_to_tsquery('english', ?").append(params.size()).append(")");
            }
            if (after != null) {
                params.add(after.at());
                params.add(after.id());
                sql.append(" and (p.created_at, p.id) < (?").append(params.size() - 1).append(", ?")
                        .append(params.size()).append(")");
            }
            sql.append(" order by p.created_at desc, p.id desc limit ").append(limit + 1);
            return Sql.list(sql.toString(), Problem.class, params.toArray()).chain(problems -> authors.of(problems.stream().map(p -> p.authorId).toList())
                    .map(names -> Page.of(problems, limit, p -> new ProblemSummary(p.id, p.groupId, p.sessionId,
                                    names.get(p.authorId), p.title, excerpt(p.statement), p.link, p.acceptedSolutionId,
                                    p.createdAt),
                            p -> new Cursor(p.createdAt, p.id).encode())));
        });
    }

    @WithSession
    public Uni<ProblemView> get(UUID caller, UUID problemId) {
        return seen(caller, problemId).chain(seen -> view(seen, caller));
    }

    /** Unlocks the other members' solutions for the caller; harmless when repeated. */
    @WithTransaction
    public Uni<ProblemView> reveal(UUID caller, UUID problemId) {
        return seen(caller, problemId)
                .call(seen -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into reveals (problem_id, user_id, revealed_at) values (?1, ?2, now())
                                on conflict do nothing""")
                        .setParameter(1, problemId)
                        .setParameter(2, caller)
                        .executeUpdate()))
                .chain(seen -> view(new Seen(seen.problem(), seen.role(), true), caller));
    }

    /** The problem, the caller's role in its group and whether they unlocked it; 404 to non-members. */
    public Uni<Seen> seen(UUID caller, UUID problemId) {
        return Problem.<Problem>findById(problemId)
                .onItem().ifNull().failWith(ProblemService::problemNotFound)
                .chain(problem -> access.member(caller, problem.groupId, ProblemService::problemNotFound)
                        .chain(role -> unlocked(caller, problemId).map(unlocked -> new Seen(problem, role, unlocked))));
    }

    /**
     * Whether the caller reads every solution of the problem ({@link SpoilerGuard#canReadAll}), from
     * the cache: the problem's group and author, the caller's role there and whether they unlocked it.
     * A hot read (a problem's top solutions) needs no database. 404 to non-members.
     */
    public Uni<Boolean> readsAll(UUID caller, UUID problemId) {
        return cache.get(ownerKey(problemId), TTL, () -> Panache.withSession(() -> Problem.<Problem>findById(problemId))
                        .onItem().ifNull().failWith(ProblemService::problemNotFound)
                        .map(problem -> {
                            Owner owner = new Owner(problem.groupId, problem.authorId);
                            return new HotCache.Value(owner, owner, null);
                        }))
                .map(entry -> entry.view(Owner.class, e -> cache.meta(e, Owner.class)))
                .chain(owner -> access.member(caller, owner.groupId(), ProblemService::problemNotFound)
                        .chain(role -> SpoilerGuard.canReadAll(caller, role, owner.authorId(), false)
                                ? Uni.createFrom().item(true)
                                : cache.get(unlockedKey(problemId, caller), TTL,
                                                () -> Panache.withSession(() -> unlocked(caller, problemId)))
                                        .map(entry -> entry.json().equals("true"))));
    }

    /** After the caller posted a solution to the problem or revealed it (committed): their cached guard. */
    public Uni<Void> unlockedBy(UUID caller, UUID problemId) {
        return cache.invalidate(unlockedKey(problemId, caller));
    }

    private static String ownerKey(UUID problemId) {
        return "problem:" + problemId + ":owner";
    }

    private static String unlockedKey(UUID problemId, UUID caller) {
        return "problem:" + problemId + ":unlocked:" + caller;
    }

    /** Whether the caller posted a solution to the problem or revealed its solutions. */
    public Uni<Boolean> unlocked(UUID caller, UUID problemId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select exists (select 1 from solutions where problem_id = ?1 and author_id = ?2)
                            or exists (select 1 from reveals where problem_id = ?1 and user_id = ?2)""", Boolean.class)
                .setParameter(1, problemId)
                .setParameter(2, caller)
                .getSingleResult());
    }

    public static ProblemException problemNotFound() {
        return ProblemException.notFound("No such problem, or it is in a group you are not a member of.");
    }

    private Uni<ProblemView> view(Seen seen, UUID caller) {
        Problem p = seen.problem();
        return authors.of(p.authorId).chain(author -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select count(*) from solutions where problem_id = ?1",
                                Long.class)
                        .setParameter(1, p.id)
                        .getSingleResult())
                .map(count -> new ProblemView(p.id, p.groupId, p.sessionId, author, p.title, p.statement, p.html,
                        p.link, p.acceptedSolutionId, count, seen.readsAll(caller), p.createdAt)));
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
