package dev.nexus.notes.problem;

import dev.nexus.contracts.Events.ProblemPosted;
import dev.nexus.notes.access.Authors;
import dev.nexus.notes.access.GroupAccess;
import dev.nexus.notes.markdown.Markdown;
import dev.nexus.notes.problem.ProblemViews.CreateProblem;
import dev.nexus.notes.problem.ProblemViews.ProblemSummary;
import dev.nexus.notes.problem.ProblemViews.ProblemView;
import dev.nexus.notes.session.GroupSessions;
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

    private final Outbox outbox;
    private final GroupAccess access;
    private final GroupSessions sessions;
    private final Authors authors;
    private final Markdown markdown;

    public ProblemService(Outbox outbox, GroupAccess access, GroupSessions sessions, Authors authors,
            Markdown markdown) {
        this.outbox = outbox;
        this.access = access;
        this.sessions = sessions;
        this.authors = authors;
        this.markdown = markdown;
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
