package dev.nexus.notes.solution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The vote leaderboard of each problem: a Redis sorted set of its solutions scored by votes, with
 * a fraction that ranks the earlier of two equal solutions first. PostgreSQL keeps the truth
 * ({@code solutions.votes}); the set is built from it when missing, changed by the same deltas
 * after each committed vote, and expires 10 minutes after it was built, which bounds any drift
 * (a vote that raced a rebuild). With Redis unavailable the order comes from PostgreSQL.
 */
@ApplicationScoped
public class VoteBoard {

    private static final Logger LOG = Logger.getLogger(VoteBoard.class);
    static final Duration TTL = Duration.ofMinutes(10);
    /** Changes a set only if it exists: a missing one is rebuilt from PostgreSQL with the change in it. */
    private static final String INCREMENT_IF_EXISTS = "if redis.call('EXISTS', KEYS[1]) == 1 then "
            + "redis.call('ZINCRBY', KEYS[1], ARGV[1], ARGV[2]) end return 0";
    private static final String STORE = "redis.call('DEL', KEYS[1]) "
            + "redis.call('ZADD', KEYS[1], unpack(ARGV, 2)) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return 0";
    private static final String ADD_IF_EXISTS = "if redis.call('EXISTS', KEYS[1]) == 1 then "
            + "redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2]) end return 0";

    /** A solution's place on the board. */
    public record Ranked(UUID solutionId, int votes, Instant createdAt) {

        double score() {
            return votes + 1 - createdAt.toEpochMilli() / 1e13;
        }
    }

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final Duration timeout;
    private final Counter fallbacks;

    public VoteBoard(ReactiveRedisDataSource redis, @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.cache.timeout", defaultValue = "250ms") Duration timeout,
            MeterRegistry metrics) {
        this.redis = redis;
        this.prefix = prefix;
        this.timeout = timeout;
        this.fallbacks = metrics.counter("nexus.cache", "result", "fallback");
    }

    /**
     * Every solution id of the problem, most votes first. An empty or missing set is rebuilt from
     * PostgreSQL (a problem without solutions costs that query on each read).
     */
    public Uni<List<UUID>> ranking(UUID problemId, Supplier<Uni<List<Ranked>>> fromDatabase) {
        String key = key(problemId);
        return redis.sortedSet(String.class).zrange(key, 0, -1, new ZRangeArgs().rev())
                .ifNoItem().after(timeout).fail()
                .map(ids -> ids.stream().map(UUID::fromString).toList())
                .onFailure().recoverWithItem(e -> {
                    fallbacks.increment();
                    LOG.debugf("vote board of %s unavailable, ranking from the database: %s", problemId, e.getMessage());
                    return null;
                })
                .chain(ids -> ids != null && !ids.isEmpty()
                        ? Uni.createFrom().item(ids)
                        : fromDatabase.get().call(all -> ids == null ? Uni.createFrom().voidItem() : store(key, all))
                                .map(VoteBoard::order));
    }

    /** A committed vote (+1) or withdrawal (-1). */
    public Uni<Void> adjust(UUID problemId, UUID solutionId, int delta) {
        return script(INCREMENT_IF_EXISTS, problemId, String.valueOf(delta), solutionId.toString());
    }

    /** A committed new solution. */
    public Uni<Void> added(UUID problemId, Ranked solution) {
        return script(ADD_IF_EXISTS, problemId, String.valueOf(solution.score()), solution.solutionId().toString());
    }

    private Uni<Void> script(String script, UUID problemId, String... args) {
        List<String> command = new ArrayList<>(List.of(script, "1", key(problemId)));
        command.addAll(List.of(args));
        return redis.execute("EVAL", command.toArray(String[]::new))
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(e -> {
                    fallbacks.increment();
                    LOG.warnf("vote board of %s not updated; it is rebuilt when it expires: %s", problemId,
                            e.getMessage());
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The whole set and its expiry in one step, so that it never lives without one. */
    private Uni<Void> store(String key, List<Ranked> all) {
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> command = new ArrayList<>(List.of(STORE, "1", key, String.valueOf(TTL.toMillis())));
        for (Ranked r : all) {
            command.add(String.valueOf(r.score()));
            command.add(r.solutionId().toString());
        }
        return redis.execute("EVAL", command.toArray(String[]::new))
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(e -> fallbacks.increment())
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static List<UUID> order(List<Ranked> all) {
        return all.stream()
                .sorted(Comparator.comparingDouble(Ranked::score).reversed())
                .map(Ranked::solutionId)
                .toList();
    }

    String key(UUID problemId) {
        return prefix + "problem:" + problemId + ":votes";
    }
}
