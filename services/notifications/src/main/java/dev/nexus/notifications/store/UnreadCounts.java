package dev.nexus.notifications.store;

import dev.nexus.notifications.store.NotificationStore.Counted;
import dev.nexus.platform.cache.RedisScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 *
 * <p>A delta can also be lost outright: the replica dies between the commit and the delta. So each
 * transaction that changes a count is recorded as pending before it commits ({@link #pending}:
 * {@code unread-pending:<userId>}, its id and the time), and its delta removes it. A count with a
 * pending transaction older than {@code nexus.unread.overdue} (2 s) is not trusted: it is counted
 * again in PostgreSQL, and the pending transactions that count's snapshot saw are removed with it.
 */
@ApplicationScoped
public class UnreadCounts {

    private static final Logger LOG = Logger.getLogger(UnreadCounts.class);
    static final Duration TTL = Duration.ofMinutes(10);
    /**
     * A PostgreSQL snapshot ({@code xmin:xmax:xip,…}) saw a transaction when its id is below xmin,
     * or below xmax and not among those running.
     */
    private static final String SAW = """
            local function saw(snapshot, xid)
              xid = tonumber(xid)
              local xmin, xmax, running = string.match(snapshot, '^(%d+):(%d+):(.*)$')
              if xid < tonumber(xmin) then return true end
              if xid >= tonumber(xmax) then return false end
              for other in string.gmatch(running, '%d+') do
                if tonumber(other) == xid then return false end
              end
              return true
            end
            """;
    /**
     * KEYS: n counts, their n generations, their n snapshots, their n pending sets; ARGV: n deltas,
     * the id of the transaction that made them, the TTL in ms. Per user: count or -1, generation.
     */
    private static final RedisScript ADD = RedisScript.of(SAW + """
            local n = #KEYS / 4
            local xid = ARGV[n + 1]
            local out = {}
            for i = 1, n do
              redis.call('ZREM', KEYS[3 * n + i], xid)
              local gen = redis.call('INCR', KEYS[n + i])
              redis.call('PEXPIRE', KEYS[n + i], ARGV[n + 2])
              local count = -1
              if redis.call('EXISTS', KEYS[i]) == 1 then
                local snapshot = redis.call('GET', KEYS[2 * n + i])
                if snapshot and saw(snapshot, xid) then
                  count = tonumber(redis.call('GET', KEYS[i]))
                else
                  count = redis.call('INCRBY', KEYS[i], ARGV[i])
                end
              end
              out[2 * i - 1] = count
              out[2 * i] = tostring(gen)
            end
            return out""");
    /**
     * KEYS: n counts, their n generations, their n snapshots, their n pending sets; ARGV: n
     * generations read before counting, n counts, the snapshot counted in, the TTL in ms. A stored
     * count has counted the pending transactions its snapshot saw: they are removed.
     */
    private static final RedisScript STORE_IF_UNCHANGED = RedisScript.of(SAW + """
            local n = #KEYS / 4
            local snapshot = ARGV[2 * n + 1]
            for i = 1, n do
              if (redis.call('GET', KEYS[n + i]) or '') == ARGV[i] then
                redis.call('SET', KEYS[i], ARGV[n + i], 'PX', ARGV[2 * n + 2])
                redis.call('SET', KEYS[2 * n + i], snapshot, 'PX', ARGV[2 * n + 2])
                for _, xid in ipairs(redis.call('ZRANGE', KEYS[3 * n + i], 0, -1)) do
                  if saw(snapshot, xid) then redis.call('ZREM', KEYS[3 * n + i], xid) end
                end
              end
            end
            return n""");
    /**
     * KEYS: a count, its generation, its pending set; ARGV: the time (ms) before which a pending
     * transaction is overdue. The count (none while a transaction is overdue) and the generation.
     */
    private static final RedisScript GET = RedisScript.of("""
            local count = redis.call('GET', KEYS[1])
            if count and redis.call('ZCOUNT', KEYS[3], '-inf', '(' .. ARGV[1]) > 0 then count = false end
            return {count, redis.call('GET', KEYS[2])}""");
    /** KEYS: pending sets; ARGV: the transaction, the time (ms), the TTL in ms. */
    private static final RedisScript PENDING = RedisScript.of("""
            for i = 1, #KEYS do
              redis.call('ZADD', KEYS[i], ARGV[2], ARGV[1])
              redis.call('PEXPIRE', KEYS[i], ARGV[3])
            end
            return #KEYS""");

    private final ReactiveRedisDataSource redis;
    private final NotificationStore store;
    private final String prefix;
    private final Duration timeout;
    private final Duration overdue;
    /** Users whose count in Redis missed a delta while Redis failed: deleted there once it answers. */
    private final Set<UUID> missedDelta = ConcurrentHashMap.newKeySet();

    public UnreadCounts(ReactiveRedisDataSource redis, NotificationStore store,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.cache.timeout", defaultValue = "250ms") Duration timeout,
            @ConfigProperty(name = "nexus.unread.overdue", defaultValue = "2s") Duration overdue) {
        this.redis = redis;
        this.store = store;
        this.prefix = prefix;
        this.timeout = timeout;
        this.overdue = overdue;
    }

    public Uni<Long> get(UUID user) {
        String due = String.valueOf(System.currentTimeMillis() - overdue.toMillis());
        return dropMissed().chain(() -> GET.run(redis, List.of("3", key(user), generation(user), pending(user), due)))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithNull()
                .chain(values -> {
                    if (values == null) {
                        return store.unread(List.of(user)).map(counted -> counted.counts().get(user));
                    }
                    return values.get(0) != null ? Uni.createFrom().item(values.get(0).toLong())
                            : load(Map.of(user, values.get(1) == null ? "" : values.get(1).toString()))
                                    .map(counts -> counts.get(user));
                });
    }

    /**
     * Call inside {@code transaction} (its {@code pg_current_xact_id()}) once it changed these users'
     * unread notifications, before it commits: until its delta comes, it is pending, and a count it
     * left pending too long is counted again.
     */
    public Uni<Void> pending(Collection<UUID> users, String transaction) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(users.size())));
        users.forEach(u -> args.add(pending(u)));
        args.add(transaction);
        args.add(String.valueOf(System.currentTimeMillis()));
        args.add(String.valueOf(TTL.toMillis()));
        return PENDING.run(redis, args)
                .ifNoItem().after(timeout).fail()
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("pending unread counts not recorded in Redis: %s", e.getMessage());
                    missedDelta.addAll(users);
                    return null;
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
        List<String> args = keys(users);
        users.forEach(u -> args.add(String.valueOf(deltas.get(u))));
        args.add(transaction);
        args.add(String.valueOf(TTL.toMillis()));
        return dropMissed().chain(() -> ADD.run(redis, args))
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
        List<String> args = keys(users);
        users.forEach(u -> args.add(tokens.get(u)));
        users.forEach(u -> args.add(String.valueOf(counted.counts().get(u))));
        args.add(counted.snapshot());
        args.add(String.valueOf(TTL.toMillis()));
        return STORE_IF_UNCHANGED.run(redis, args)
                .ifNoItem().after(timeout).fail()
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** The key count and keys of a script over users' counts, generations, snapshots and pending sets. */
    private List<String> keys(List<UUID> users) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(4 * users.size())));
        users.forEach(u -> args.add(key(u)));
        users.forEach(u -> args.add(generation(u)));
        users.forEach(u -> args.add(prefix + "unread-snap:" + u));
        users.forEach(u -> args.add(pending(u)));
        return args;
    }

    /** A user's generation as a load compares it: the number, or "" while there is none. */
    Uni<String> token(UUID user) {
        return redis.value(String.class).get(generation(user)).map(generation -> generation == null ? "" : generation);
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

    private String pending(UUID user) {
        return prefix + "unread-pending:" + user;
    }
}
