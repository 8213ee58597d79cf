package dev.nexus.notes.solution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.contracts.Events.SolutionAccepted;
import dev.nexus.contracts.Events.SolutionPosted;
import dev.nexus.notes.access.Authors;
import dev.nexus.notes.access.GroupAccess;
import dev.nexus.notes.comment.CommentService;
import dev.nexus.notes.comment.CommentService.AddComment;
import dev.nexus.notes.comment.CommentService.CommentView;
import dev.nexus.notes.comment.CommentService.Target;
import dev.nexus.notes.markdown.Markdown;
import dev.nexus.notes.problem.Problem;
import dev.nexus.notes.problem.SpoilerGuard;
import dev.nexus.notes.problem.ProblemService;
import dev.nexus.notes.problem.ProblemService.Seen;
import dev.nexus.notes.solution.SolutionViews.PostSolution;
import dev.nexus.notes.solution.SolutionViews.SolutionView;
import dev.nexus.notes.solution.SolutionViews.VoteView;
import dev.nexus.notes.solution.VoteBoard.Ranked;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.cache.HotCache.Entry;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Solutions to problems: posting, the two list orders, votes, the accepted solution, comments,
 * and the spoiler guard ({@link SpoilerGuard}) on every read of a body.
 */
@ApplicationScoped
public class SolutionService {

    static final Duration TTL = Duration.ofMinutes(5);

    private final Outbox outbox;
    private final ProblemService problems;
    private final GroupAccess access;
    private final Authors authors;
    private final Markdown markdown;
    private final CommentService comments;
    private final VoteBoard board;
    private final HotCache cache;
    private final ObjectMapper json;

    public SolutionService(Outbox outbox, ProblemService problems, GroupAccess access, Authors authors,
            Markdown markdown, CommentService comments, VoteBoard board, HotCache cache, ObjectMapper json) {
        this.outbox = outbox;
        this.problems = problems;
        this.access = access;
        this.authors = authors;
        this.markdown = markdown;
        this.comments = comments;
        this.board = board;
        this.cache = cache;
        this.json = json;
    }

    public enum Sort {
        /** Accepted first, then most votes (earlier first among equals). */
        TOP,
        /** Accepted first, then newest. */
        NEW
    }

    /** A committed vote: what it changed ({@code delta} -1, 0 or +1) for the cache and the board. */
    public record Voted(VoteView vote, UUID problemId, int delta) {
    }

    /** A committed acceptance; {@code previous} lost the mark (null when none or unchanged). */
    public record Accepted(SolutionView solution, UUID previous) {
    }

    /** What a cached solution's read needs besides its body: its group (access) and its problem's author (spoiler guard). */
    record Guard(UUID groupId, UUID problemAuthor) {
    }

    @WithTransaction
    public Uni<SolutionView> post(UUID caller, UUID problemId, PostSolution request) {
        return problems.seen(caller, problemId).chain(seen -> {
            Solution solution = new Solution();
            solution.id = UUID.randomUUID();
            solution.problemId = problemId;
            solution.groupId = seen.problem().groupId;
            solution.authorId = caller;
            solution.body = request.body();
            solution.html = markdown.html(solution.body, "body");
            solution.language = request.language().toLowerCase();
            solution.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return solution.persist()
                    .chain(() -> outbox.publish(new SolutionPosted(solution.id, problemId, solution.groupId, caller)))
                    .chain(() -> authors.of(caller))
                    .map(author -> view(solution, author, seen.problem().acceptedSolutionId));
        });
    }

    /**
     * After {@link #post} committed: the board and the cached top page learn of the solution, and its
     * author now reads the others'.
     */
    public Uni<Void> posted(SolutionView solution) {
        return board.added(solution.problemId(), new Ranked(solution.id(), 0, solution.createdAt()))
                .chain(() -> cache.invalidate(topKey(solution.problemId())))
                .chain(() -> problems.unlockedBy(solution.author().id(), solution.problemId()));
    }

    /**
     * One page of a problem's solutions, bodies withheld where the guard says so. The first page of
     * {@code sort=top} at the default size is served from the cache.
     */
    public Uni<Page<SolutionView>> list(UUID caller, UUID problemId, Sort sort, String cursor, int limit,
            boolean bypass) {
        if (sort == Sort.TOP && cursor == null && limit == Cursor.DEFAULT_LIMIT && !bypass) {
            return problems.readsAll(caller, problemId).chain(readsAll -> cache.get(topKey(problemId), TTL,
                            () -> Panache.withSession(() -> Problem.<Problem>findById(problemId)
                                    .onItem().ifNull().failWith(ProblemService::problemNotFound)
                                    .chain(problem -> top(problem, 0, limit))))
                    .map(entry -> guarded(entry.view(SolutionPage.class, e -> read(e.json(), SolutionPage.class)).page(),
                            readsAll, caller)));
        }
        return Panache.withSession(() -> problems.seen(caller, problemId)).chain(seen -> {
            Uni<Page<SolutionView>> page = sort == Sort.NEW
                    ? Panache.<SolutionPage>withSession(() -> newest(seen.problem(), Cursor.decode(cursor), limit)).map(SolutionPage::page)
                    : Panache.<SolutionPage>withSession(() -> top(seen.problem(), offset(cursor), limit)).map(SolutionPage::page);
            return page.map(p -> guarded(p, seen.readsAll(caller), caller));
        });
    }

    /** A page as the cache keeps it (a record, for JSON). */
    public record SolutionPage(List<SolutionView> items, String nextCursor) {

        Page<SolutionView> page() {
            return new Page<>(items, nextCursor);
        }
    }

    private Uni<SolutionPage> top(Problem problem, int offset, int limit) {
        Supplier<Uni<List<Ranked>>> fromDatabase = () -> Panache.getSession().chain(session -> session
                .createNativeQuery("select id, votes, created_at from solutions where problem_id = ?1", Object[].class)
                .setParameter(1, problem.id)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(r -> new Ranked((UUID) r[0], (Integer) r[1], Sql.instant(r[2])))
                        .toList()));
        return board.ranking(problem.id, fromDatabase).chain(ranked -> {
            List<UUID> order = new ArrayList<>();
            if (problem.acceptedSolutionId != null) {
                order.add(problem.acceptedSolutionId);
            }
            ranked.stream().filter(id -> !id.equals(problem.acceptedSolutionId)).forEach(order::add);
            // long: a crafted cursor may carry an offset near Integer.MAX_VALUE
            long end = (long) offset + limit;
            List<UUID> shown = order.subList(Math.min(offset, order.size()), (int) Math.min(end, order.size()));
            String next = end < order.size() ? encodeOffset((int) end) : null;
            return load(shown, problem.acceptedSolutionId).map(items -> new SolutionPage(items, next));
        });
    }

    private Uni<SolutionPage> newest(Problem problem, Cursor after, int limit) {
        boolean acceptedFirst = after == null && problem.acceptedSolutionId != null;
        Uni<List<SolutionView>> accepted = acceptedFirst
                ? load(List.of(problem.acceptedSolutionId), problem.acceptedSolutionId)
                : Uni.createFrom().item(List.of());
        Cursor from = after;
        int rest = acceptedFirst ? limit - 1 : limit;
        if (rest == 0) {
            // the page is just the accepted solution; the next one starts at the newest of the others
            return accepted.chain(first -> count(problem).map(others -> new SolutionPage(first,
                    others > 1 ? Cursor.START.encode() : null)));
        }
        String hql = "from Solution s where s.problemId = ?1 and s.id <> ?2"
                + (from == null ? "" : " and (s.createdAt < ?3 or (s.createdAt = ?3 and s.id < ?4))")
                + " order by s.createdAt desc, s.id desc";
        UUID acceptedId = problem.acceptedSolutionId == null ? new UUID(0, 0) : problem.acceptedSolutionId;
        Object[] params = from == null ? new Object[] { problem.id, acceptedId }
                : new Object[] { problem.id, acceptedId, from.at(), from.id() };
        return accepted.chain(first -> Solution.<Solution>find(hql, params).range(0, rest).list()
                .chain(rows -> authors.of(rows.stream().map(s -> s.authorId).toList())
                        .map(names -> {
                            Page<SolutionView> others = Page.of(rows, rest,
                                    s -> view(s, names.get(s.authorId), problem.acceptedSolutionId),
                                    s -> new Cursor(s.createdAt, s.id).encode());
                            List<SolutionView> items = new ArrayList<>(first);
                            items.addAll(others.items());
                            return new SolutionPage(items, others.nextCursor());
                        })));
    }

    private static Uni<Long> count(Problem problem) {
        return Solution.count("problemId", problem.id);
    }

    /** The solutions with these ids, in this order. */
    private Uni<List<SolutionView>> load(List<UUID> ids, UUID acceptedId) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Solution.<Solution>list("id in ?1", ids).chain(rows -> authors.of(rows.stream().map(s -> s.authorId)
                        .toList())
                .map(names -> {
                    Map<UUID, Solution> byId = rows.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
                    return ids.stream().filter(byId::containsKey)
                            .map(id -> view(byId.get(id), names.get(byId.get(id).authorId), acceptedId))
                            .toList();
                }));
    }

    /**
     * GET /solutions/{id}, from the cache. The entry keeps its {@link Guard} beside it; the body is
     * withheld per caller after the read.
     */
    public Uni<Entry> read(UUID caller, UUID solutionId, boolean bypass) {
        Supplier<Uni<?>> loader = () -> Panache.withSession(() -> find(solutionId)
                .chain(solution -> Problem.<Problem>findById(solution.problemId).chain(problem -> authors
                        .of(solution.authorId)
                        .map(author -> new HotCache.Value(view(solution, author, problem.acceptedSolutionId),
                                new Guard(solution.groupId, problem.authorId), null)))));
        return (bypass ? cache.fresh(loader) : cache.get(solutionKey(solutionId), TTL, loader)).chain(entry -> {
            Guard guard = cache.meta(entry, Guard.class);
            return access.member(caller, guard.groupId(), SolutionService::solutionNotFound)
                    .chain(role -> {
                        SolutionView view = read(entry.json(), SolutionView.class);
                        if (SpoilerGuard.canRead(caller, role, view.author().id(), guard.problemAuthor(), false)) {
                            return Uni.createFrom().item(entry);
                        }
                        return Panache.withSession(() -> problems.unlocked(caller, view.problemId()))
                                .map(unlocked -> unlocked ? entry : withheld(view));
                    });
        });
    }

    @WithTransaction
    public Uni<Voted> vote(UUID caller, UUID solutionId, int value) {
        return find(solutionId)
                .call(solution -> access.member(caller, solution.groupId, SolutionService::solutionNotFound))
                .chain(solution -> {
                    if (solution.authorId.equals(caller)) {
                        throw ProblemException.forbidden("You cannot vote for your own solution.");
                    }
                    String change = value == 1
                            ? "insert into votes (solution_id, user_id, created_at) values (?1, ?2, now())"
                                    + " on conflict do nothing"
                            : "delete from votes where solution_id = ?1 and user_id = ?2";
                    return Panache.getSession().chain(session -> session.createNativeQuery(change)
                            .setParameter(1, solutionId)
                            .setParameter(2, caller)
                            .executeUpdate()
                            .map(changed -> changed == 0 ? 0 : value == 1 ? 1 : -1)
                            .chain(delta -> session.createNativeQuery(
                                            "update solutions set votes = votes + ?1 where id = ?2 returning votes",
                                            Integer.class)
                                    .setParameter(1, delta)
                                    .setParameter(2, solutionId)
                                    .getSingleResult()
                                    .map(votes -> new Voted(new VoteView(solutionId, value, votes),
                                            solution.problemId, delta))));
                });
    }

    /** After {@link #vote} committed. */
    public Uni<Void> voted(Voted voted) {
        if (voted.delta() == 0) {
            return Uni.createFrom().voidItem();
        }
        return board.adjust(voted.problemId(), voted.vote().solutionId(), voted.delta())
                .chain(() -> cache.invalidate(solutionKey(voted.vote().solutionId()), topKey(voted.problemId())));
    }

    @WithTransaction
    public Uni<Accepted> accept(UUID caller, UUID solutionId) {
        return find(solutionId).chain(solution -> problems.seen(caller, solution.problemId)
                .onFailure(ProblemException.class).transform(e -> solutionNotFound())
                .chain(seen -> {
                    Problem problem = seen.problem();
                    if (!problem.authorId.equals(caller) && !seen.role().organizes()) {
                        throw ProblemException.forbidden(
                                "Only the problem's author and the group's organizers can accept a solution.");
                    }
                    UUID previous = problem.acceptedSolutionId;
                    Uni<Void> change = Uni.createFrom().voidItem();
                    if (!solution.id.equals(previous)) {
                        problem.acceptedSolutionId = solution.id;
                        change = outbox.publish(new SolutionAccepted(solution.id, problem.id, problem.groupId,
                                solution.authorId, caller)).replaceWithVoid();
                    }
                    return change.chain(() -> authors.of(solution.authorId))
                            .map(author -> new Accepted(view(solution, author, solution.id),
                                    solution.id.equals(previous) ? null : previous));
                }));
    }

    /** After {@link #accept} committed: both solutions changed their mark, and the order changed. */
    public Uni<Void> accepted(Accepted accepted) {
        List<String> keys = new ArrayList<>(List.of(solutionKey(accepted.solution().id()),
                topKey(accepted.solution().problemId())));
        if (accepted.previous() != null) {
            keys.add(solutionKey(accepted.previous()));
        }
        return cache.invalidate(keys.toArray(String[]::new));
    }

    @WithTransaction
    public Uni<CommentView> comment(UUID caller, UUID solutionId, AddComment request) {
        return target(caller, solutionId).chain(target -> comments.add(caller, target, request));
    }

    @WithSession
    public Uni<Page<CommentView>> comments(UUID caller, UUID solutionId, Cursor after, int limit) {
        return target(caller, solutionId).chain(target -> comments.list(caller, target, after, limit));
    }

    private Uni<Target> target(UUID caller, UUID solutionId) {
        return find(solutionId).chain(solution -> problems.seen(caller, solution.problemId)
                .onFailure(ProblemException.class).transform(e -> solutionNotFound())
                .map(seen -> new Target(CommentService.SOLUTION, solution.id, solution.groupId, solution.authorId,
                        SpoilerGuard.canRead(caller, seen.role(), solution.authorId, seen.problem().authorId,
                                seen.unlocked()))));
    }

    public static ProblemException solutionNotFound() {
        return ProblemException.notFound("No such solution, or it is in a group you are not a member of.");
    }

    private static Uni<Solution> find(UUID solutionId) {
        return Solution.<Solution>findById(solutionId).onItem().ifNull().failWith(SolutionService::solutionNotFound);
    }

    /** The page as the caller may read it: bodies of others' solutions withheld unless {@code readsAll}. */
    private static Page<SolutionView> guarded(Page<SolutionView> page, boolean readsAll, UUID caller) {
        return new Page<>(page.items().stream()
                .map(view -> readsAll || view.author().id().equals(caller) ? view : view.withBodyWithheld())
                .toList(), page.nextCursor());
    }

    private Entry withheld(SolutionView view) {
        try {
            String body = json.writeValueAsString(view.withBodyWithheld());
            return new Entry(HotCache.etag(body), "", body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cache entry", e);
        }
    }

    private static SolutionView view(Solution s, Authors.Author author, UUID acceptedId) {
        return new SolutionView(s.id, s.problemId, s.groupId, author, s.language, s.votes, s.id.equals(acceptedId),
                s.body, s.html, false, s.createdAt);
    }


    private static String encodeOffset(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("top|" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        if (cursor.length() > Cursor.MAX_LENGTH) {
            throw Cursor.notACursor();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (!parts[0].equals("top")) {
                throw new IllegalArgumentException(cursor);
            }
            return Math.max(0, Integer.parseInt(parts[1]));
        } catch (RuntimeException e) {
            throw Cursor.notACursor();
        }
    }

    static String solutionKey(UUID solutionId) {
        return "solution:" + solutionId;
    }

    static String topKey(UUID problemId) {
        return "problem:" + problemId + ":top";
    }
}
