package dev.nexus.notifications.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
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
 * Each user's unread count in Redis ({@code unread:<userId>}): loaded from PostgreSQL on a miss,
 * then moved by the exact delta of every committed insert, read and read-all (a Lua script that
 * changes it only while it exists, so a missing count is never made up from a delta). It expires
 * 10 minutes after it was loaded. A delta that Redis failed to take leaves that user's count wrong, so
 * it is deleted as soon as Redis answers again (and loaded afresh on the next read). With Redis down
 * the count comes from PostgreSQL.
 */
@ApplicationScoped
public class UnreadCounts {

    private static final Logger LOG = Logger.getLogger(UnreadCounts.class);
    static final Duration TTL = Duration.ofMinutes(10);
    private static final String ADD_ALL_IF_EXISTS = "local out = {} for i, key in ipairs(KEYS) do "
            + "if redis.call('EXISTS', key) == 1 then out[i] = redis.call('INCRBY', key, ARGV[i]) else out[i] = -1 end "
            + "end return out";
    private static final String ADD_IF_EXISTS = "if redis.call('EXISTS', KEYS[1]) == 1 then "
            + "return redis.call('INCRBY', KEYS[1], ARGV[1]) end return -1";

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
        return dropMissed().chain(() -> redis.value(String.class, Long.class).get(key(user)))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithNull()
                .chain(count -> count != null ? Uni.createFrom().item(count) : load(user, true));
    }

    /** After a committed change of {@code delta} unread notifications: the new count. */
    public Uni<Long> changed(UUID user, long delta) {
        return dropMissed().chain(() -> redis.execute("EVAL", ADD_IF_EXISTS, "1", key(user), String.valueOf(delta)))
                .ifNoItem().after(timeout).fail()
                .map(response -> response.toLong())
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("unread count of %s not updated in Redis: %s", user, e.getMessage());
                    missedDelta.add(user);
                    return -2L;
                })
                .chain(count -> count >= 0 ? Uni.createFrom().item(count) : load(user, count == -1));
    }

    /**
     * After a committed change of many users' counts (an event's notifications): their new counts,
     * in one Redis call (and one PostgreSQL query for those not in Redis).
     */
    public Uni<Map<UUID, Long>> changed(Map<UUID, Long> deltas) {
        List<UUID> users = new ArrayList<>(deltas.keySet());
        List<String> args = new ArrayList<>(List.of(ADD_ALL_IF_EXISTS, String.valueOf(users.size())));
        users.forEach(u -> args.add(key(u)));
        users.forEach(u -> args.add(String.valueOf(deltas.get(u))));
        return dropMissed().chain(() -> redis.execute("EVAL", args.toArray(String[]::new)))
                .ifNoItem().after(timeout).fail()
                .map(response -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    for (int i = 0; i < users.size(); i++) {
                        counts.put(users.get(i), response.get(i).toLong());
                    }
                    return counts;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("unread counts not updated in Redis: %s", e.getMessage());
                    missedDelta.addAll(users);
                    return null;
                })
                .chain(counts -> {
                    List<UUID> missing = counts == null ? users
                            : users.stream().filter(u -> counts.get(u) < 0).toList();
                    if (missing.isEmpty()) {
                        return Uni.createFrom().item(counts);
                    }
                    return Panache.withSession(() -> store.unread(missing)).call(loaded -> counts == null
                                    ? Uni.createFrom().voidItem() : storeAll(loaded))
                            .map(loaded -> {
                                Map<UUID, Long> all = counts == null ? new HashMap<>() : new HashMap<>(counts);
                                all.putAll(loaded);
                                return all;
                            });
                });
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

    private Uni<Void> storeAll(Map<UUID, Long> counts) {
        List<Uni<Void>> sets = counts.entrySet().stream()
                .map(e -> redis.value(String.class, Long.class).set(key(e.getKey()), e.getValue(), new SetArgs().nx().px(TTL))
                        .ifNoItem().after(timeout).fail()
                        .onFailure().recoverWithNull())
                .toList();
        return Uni.join().all(sets).andCollectFailures().replaceWithVoid();
    }

    private Uni<Long> load(UUID user, boolean store) {
        Uni<Long> counted = Panache.withSession(() -> this.store.unread(user));
        if (!store) {
            return counted;
        }
        return counted.call(count -> redis.value(String.class, Long.class)
                .set(key(user), count, new SetArgs().nx().px(TTL))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithNull());
    }

    private String key(UUID user) {
        return prefix + "unread:" + user;
    }
}
