package dev.nexus.notifications.store;

import dev.nexus.notifications.store.NotificationStore.Counted;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Each user's unread count in Redis ({@code unread:<userId>}), exact at every moment: loaded from
 * PostgreSQL on a miss, then moved by the delta of every committed insert, read and read-all (only
 * while it exists, so a missing count is never made up from a delta). It expires 10 minutes after
 * it was loaded.
 *
 * <p>Two races are closed. A load counts in PostgreSQL and stores what it counted only if no delta
 * ran since it began: every delta bumps the user's generation ({@code unread-gen:<userId>}), and the
 * load stores only while the generation is the one it read before counting; otherwise a count read
 * just before a notification committed could be stored after that notification's delta found no
 * count to move. And a delta runs after its commit, so a load may already have counted the change:
 * the load stores the PostgreSQL snapshot it counted in ({@code unread-snap:<userId>}), each delta
 * carries its transaction's id, and a delta whose transaction that snapshot saw leaves the count
 * alone (it would otherwise be counted twice). A delta that Redis failed to take leaves that user's
 * count wrong, so it is deleted as soon as Redis answers again. With Redis down the count comes from
 * PostgreSQL.
 */
@ApplicationScoped
public class UnreadCounts {

    private static final Logger LOG = Logger.getLogger(UnreadCounts.class);
    static final Duration TTL = Duration.ofMinutes(10);
    /**
     * KEYS: n counts, their n generations, their n snapshots; ARGV: n deltas, the id of the
     * transaction that made them, the TTL in ms. Per user: count or -1, generation. A snapshot
     * ({@code xmin:xmax:xip,…}) saw the transaction when its id is below xmin, or below xmax and not
     * among those running.
     */
    private static final String ADD = """
            local n = #KEYS / 3
            local xid = tonumber(ARGV[n + 1])
            local function saw(snapshot)
              local xmin, xmax, running = string.match(snapshot, '^(%d+):(%d+):(.*)$')
              if xid < tonumber(xmin) then return true end
              if xid >= tonumber(xmax) then return false end
              for other in string.gmatch(running, '%d+') do
                if tonumber(other) == xid then return false end
              end
              return true
            end
            local out = {}
            for i = 1, n do
              local gen = redis.call('INCR', KEYS[n + i])
              redis.call('PEXPIRE', KEYS[n + i], ARGV[n + 2])
              local count = -1
              if redis.call('EXISTS', KEYS[i]) == 1 then
                local snapshot = redis.call('GET', KEYS[2 * n + i])
                if snapshot and saw(snapshot) then
                  count = tonumber(redis.call('GET', KEYS[i]))
                else
                  count = redis.call('INCRBY', KEYS[i], ARGV[i])
                end
              end
              out[2 * i - 1] = count
              out[2 * i] = tostring(gen)
            end
            return out""";
    /**
     * KEYS: n counts, their n generations, their n snapshots; ARGV: n generations read before
     * counting, n counts, the snapshot counted in, the TTL in ms.
     */
    private static final String STORE_IF_UNCHANGED = """
            local n = #KEYS / 3
            for i = 1, n do
              if (redis.call('GET', KEYS[n + i]) or '') == ARGV[i] then
                if redis.call('SET', KEYS[i], ARGV[n + i], 'NX', 'PX', ARGV[2 * n + 2]) then
                  redis.call('SET', KEYS[2 * n + i], ARGV[2 * n + 1], 'PX', ARGV[2 * n + 2])
                end
              end
            end
            return n""";

    private final ReactiveRedisDataSource redis;
    private final NotificationStore store;
    private final String prefix;
    private final Duration timeout;
    /** Users whose count in Redis missed a delta while Redis failed: deleted there once it answers. */
    private final Set<UUID> missedDelta = ConcurrentHashMap.newKeySet();

    public UnreadCounts(ReactiveRedisDataSource redis, NotificationStore store,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.cache.timeout", defaultValue = "250ms") Duration timeout) {
        this.redis = redis;
        this.store = store;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    public Uni<Long> get(UUID user) {
        return dropMissed().chain(() -> redis.value(String.class, Long.class).mget(key(user), generation(user)))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithNull()
                .chain(values -> {
                    if (values == null) {
                        return store.unread(List.of(user)).map(counted -> counted.counts().get(user));
                    }
                    Long cached = values.get(key(user));
                    return cached != null ? Uni.createFrom().item(cached)
                            : load(Map.of(user, token(values.get(generation(user))))).map(counts -> counts.get(user));
                });
    }

    /** After {@code transaction} committed a change of {@code delta} unread notifications: the new count. */
    public Uni<Long> changed(UUID user, long delta, String transaction) {
        return changed(Map.of(user, delta), transaction).map(counts -> counts.get(user));
    }

    /**
     * After {@code transaction} (its {@code pg_current_xact_id()}) committed a change of many users'
     * counts (an event's notifications): their new counts, in one Redis call (and one PostgreSQL
     * query for those not in Redis).
     */
    public Uni<Map<UUID, Long>> changed(Map<UUID, Long> deltas, String transaction) {
        return add(deltas, transaction).chain(moved -> {
            if (moved == null) {
                return store.unread(new ArrayList<>(deltas.keySet())).map(Counted::counts);
            }
            if (moved.missing().isEmpty()) {
                return Uni.createFrom().item(moved.counts());
            }
            return load(moved.missing()).map(loaded -> {
                Map<UUID, Long> all = new HashMap<>(moved.counts());
                all.putAll(loaded);
                return all;
            });
        });
    }

    /** What a delta did in Redis: the counts it moved, and the generations of those it found missing. */
    record Moved(Map<UUID, Long> counts, Map<UUID, String> missing) {
    }

    /** Moves the counts that exist and did not count the transaction yet, and bumps every generation; null when Redis failed. */
    Uni<Moved> add(Map<UUID, Long> deltas, String transaction) {
        List<UUID> users = new ArrayList<>(deltas.keySet());
        List<String> args = script(ADD, users);
        users.forEach(u -> args.add(String.valueOf(deltas.get(u))));
        args.add(transaction);
        args.add(String.valueOf(TTL.toMillis()));
        return dropMissed().chain(() -> redis.execute("EVAL", args.toArray(String[]::new)))
                .ifNoItem().after(timeout).fail()
                .map(response -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    Map<UUID, String> missing = new HashMap<>();
                    for (int i = 0; i < users.size(); i++) {
                        long count = response.get(2 * i).toLong();
                        if (count >= 0) {
                            counts.put(users.get(i), count);
                        } else {
                            missing.put(users.get(i), response.get(2 * i + 1).toString());
                        }
                    }
                    return new Moved(counts, missing);
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("unread counts not updated in Redis: %s", e.getMessage());
                    missedDelta.addAll(users);
                    return null;
                });
    }

    /** Counts in PostgreSQL and stores each count whose generation is still {@code tokens}' (read before). */
    Uni<Map<UUID, Long>> load(Map<UUID, String> tokens) {
        return store.unread(new ArrayList<>(tokens.keySet())).call(counted -> storeIfUnchanged(tokens, counted))
                .map(Counted::counts);
    }

    Uni<Void> storeIfUnchanged(Map<UUID, String> tokens, Counted counted) {
        List<UUID> users = new ArrayList<>(tokens.keySet());
        List<String> args = script(STORE_IF_UNCHANGED, users);
        users.forEach(u -> args.add(tokens.get(u)));
        users.forEach(u -> args.add(String.valueOf(counted.counts().get(u))));
        args.add(counted.snapshot());
        args.add(String.valueOf(TTL.toMillis()));
        return redis.execute("EVAL", args.toArray(String[]::new))
                .ifNoItem().after(timeout).fail()
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** EVAL arguments of a script over users' counts, generations and snapshots: the script, the key count, the keys. */
    private List<String> script(String script, List<UUID> users) {
        List<String> args = new ArrayList<>(List.of(script, String.valueOf(3 * users.size())));
        users.forEach(u -> args.add(key(u)));
        users.forEach(u -> args.add(generation(u)));
        users.forEach(u -> args.add(prefix + "unread-snap:" + u));
        return args;
    }

    /** A user's generation as a load compares it: the number, or "" while there is none. */
    Uni<String> token(UUID user) {
        return redis.value(String.class, Long.class).get(generation(user)).map(UnreadCounts::token);
    }

    private static String token(Long generation) {
        return generation == null ? "" : generation.toString();
    }

    /** Deletes the counts that missed a delta, once Redis answers (nothing to do almost always). */
    private Uni<Void> dropMissed() {
        if (missedDelta.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> users = List.copyOf(missedDelta);
        return redis.key(String.class).del(users.stream().map(this::key).toArray(String[]::new))
                .ifNoItem().after(timeout).fail()
                .invoke(() -> users.forEach(missedDelta::remove))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private String key(UUID user) {
        return prefix + "unread:" + user;
    }

    private String generation(UUID user) {
        return prefix + "unread-gen:" + user;
    }
}
