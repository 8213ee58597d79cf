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
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    /** Changes a set only if it exists: a missing one is rebuilt from PostgreSQL with the change in it. */
    private static final String INCREMENT_IF_EXISTS = "if redis.call('EXISTS', KEYS[1]) == 1 then "
            + "redis.call('ZINCRBY', KEYS[1], ARGV[1], ARGV[2]) end return 0";
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
    private final Counter fallbacks;

    public VoteBoard(ReactiveRedisDataSource redis, @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            MeterRegistry metrics) {
        this.redis = redis;
        this.prefix = prefix;
        this.fallbacks = metrics.counter("nexus.cache", "result", "fallback");
    }

    /** Every solution id of the problem, most votes first. */
    public Uni<List<UUID>> ranking(UUID problemId, Supplier<Uni<List<Ranked>>> fromDatabase) {
        String key = key(problemId);
        return redis.key().exists(key)
                .chain(exists -> exists
                        ? redis.sortedSet(String.class).zrange(key, 0, -1, new ZRangeArgs().rev())
                                .map(ids -> ids.stream().map(UUID::fromString).toList())
                        : fromDatabase.get().call(all -> store(key, all)).map(VoteBoard::order))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithUni(e -> {
                    fallbacks.increment();
                    LOG.debugf("vote board of %s unavailable, ranking from the database: %s", problemId, e.getMessage());
                    return fromDatabase.get().map(VoteBoard::order);
                });
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
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().invoke(e -> {
                    fallbacks.increment();
                    LOG.warnf("vote board of %s not updated; it is rebuilt when it expires: %s", problemId,
                            e.getMessage());
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> store(String key, List<Ranked> all) {
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> command = new ArrayList<>(List.of(key));
        for (Ranked r : all) {
            command.add(String.valueOf(r.score()));
            command.add(r.solutionId().toString());
        }
        return redis.execute("ZADD", command.toArray(String[]::new))
                .chain(() -> redis.key().pexpire(key, TTL))
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
