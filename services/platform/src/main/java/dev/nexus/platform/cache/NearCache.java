package dev.nexus.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The hottest {@link HotCache} entries in this process, in front of Redis, kept coherent across
 * replicas over Redis pub/sub.
 *
 * <ul>
 * <li>Bounded: at most {@code nexus.cache.near.max-bytes} of bodies, each entry at most
 * {@code nexus.cache.near.max-age} old.</li>
 * <li>Coherent: an invalidation drops the keys here, then publishes them on
 * {@code <prefix>invalidations}; every replica drops them too and acknowledges, and the invalidation
 * completes once all have (or after {@code nexus.cache.near.ack-timeout}). Writes invalidate after
 * their commit and before they answer, so a client never reads, on any replica, a value older than a
 * write it was told had succeeded.</li>
 * <li>A load that overlapped an invalidation is not kept (the generation moved on), so a value read
 * from Redis just before the invalidation does not come back.</li>
 * <li>Used only while this replica is subscribed: when the subscription drops (Redis away), the near
 * cache empties and every read goes to Redis again until it is back.</li>
 * </ul>
 */
@ApplicationScoped
public class NearCache {

    private static final Logger LOG = Logger.getLogger(NearCache.class);
    private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(1);
    private static final int STRIPES = 4096;

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final boolean enabled;
    private final Duration ackTimeout;
    private final String channel;
    private final String ackChannel;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    /** Moves on when everything is dropped; with the key's stripe, a read's generation (see {@link #generation}). */
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final Map<String, Acks> pending = new ConcurrentHashMap<>();
    private final Cache<String, HotCache.Entry> entries;
    private volatile RedisConnection subscription;
    private volatile boolean stopped;
    private Uni<Void> opening;

    public NearCache(ReactiveRedisDataSource redis, Vertx vertx,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.cache.near.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "nexus.cache.near.max-bytes", defaultValue = "16000000") long maxBytes,
            @ConfigProperty(name = "nexus.cache.near.max-age", defaultValue = "10s") Duration maxAge,
            @ConfigProperty(name = "nexus.cache.near.ack-timeout", defaultValue = "1s") Duration ackTimeout) {
        this.redis = redis;
        this.vertx = vertx;
        this.enabled = enabled;
        this.ackTimeout = ackTimeout;
        this.channel = prefix + "invalidations";
        this.ackChannel = prefix + "invalidations:acks";
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, HotCache.Entry entry) -> 2 * (key.length() + entry.json().length() + entry.meta().length()))
                .expireAfterWrite(maxAge)
                .executor(Runnable::run)
                .build();
    }

    /** {@link #open} without waiting: HotCache calls it when it is first used. */
    void openInBackground() {
        open().subscribe().with(ignored -> {
        }, e -> LOG.debugf("near cache off until Redis answers: %s", e.getMessage()));
    }

    /**
     * Subscribes to the invalidations (when the service's HotCache is first used; a test opens a
     * second replica's); completes when the near cache is on. When Redis does not answer it fails,
     * and tries again every second.
     */
    public synchronized Uni<Void> open() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        if (opening == null) { // one subscription at a time, however many callers
            opening = subscribe().onFailure().invoke(this::failedToSubscribe).memoize().indefinitely();
        }
        return opening;
    }

    private synchronized void failedToSubscribe() {
        opening = null;
        resubscribeLater();
    }

    /** Unsubscribes for good (the service stops). */
    @PreDestroy
    public void close() {
        stopped = true;
        RedisConnection connection = subscription;
        if (connection != null) {
            connection.closeAndForget();
        }
    }

    /** Whether entries are kept and served here: this replica hears the others' invalidations. */
    public boolean isOn() {
        return subscription != null;
    }

    /** The entry kept here for a Redis key, or null. */
    HotCache.Entry get(String redisKey) {
        return isOn() ? entries.getIfPresent(redisKey) : null;
    }

    /**
     * Take before reading Redis: {@link #put} keeps what was read only if the key (or a key of its
     * stripe) was not invalidated since, and nothing was dropped wholesale.
     */
    long generation(String redisKey) {
        return epoch.get() + stripes.get(stripe(redisKey));
    }

    void put(String redisKey, HotCache.Entry entry, long generationBeforeRead) {
        if (isOn()) {
            entries.put(redisKey, entry);
            if (generation(redisKey) != generationBeforeRead) { // an invalidation overlapped the read
                entries.invalidate(redisKey);
            }
        }
    }

    /**
     * Drops the keys here and on every replica; completes when every subscribed replica acknowledged
     * (or after the ack timeout). Call after the keys were deleted from Redis. Never fails.
     */
    Uni<Void> invalidate(String... redisKeys) {
        drop(Arrays.asList(redisKeys));
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        String id = instance + ":" + sequence.incrementAndGet();
        Acks acks = new Acks();
        pending.put(id, acks);
        String message = id + "\n" + String.join("\n", redisKeys);
        return redis.execute("PUBLISH", channel, message)
                .chain(receivers -> {
                    acks.expect(receivers.toInteger());
                    return Uni.createFrom().completionStage(acks.done);
                })
                .ifNoItem().after(ackTimeout).fail()
                .onFailure().invoke(e -> LOG.warnf("invalidation of %s not confirmed by every replica: %s",
                        Arrays.toString(redisKeys), e.getMessage()))
                .onFailure().recoverWithNull()
                .eventually(() -> pending.remove(id))
                .replaceWithVoid();
    }

    private void drop(Iterable<String> redisKeys) {
        for (String redisKey : redisKeys) {
            stripes.incrementAndGet(stripe(redisKey));
        }
        entries.invalidateAll(redisKeys);
    }

    private void dropAll() {
        epoch.incrementAndGet();
        entries.invalidateAll();
    }

    private static int stripe(String redisKey) {
        return Math.floorMod(redisKey.hashCode(), STRIPES);
    }

    private Uni<Void> subscribe() {
        return redis.getRedis().connect()
                .chain(connection -> {
                    connection.handler(this::onMessage);
                    connection.exceptionHandler(e -> LOG.debugf("cache invalidation subscription: %s", e.getMessage()));
                    connection.endHandler(() -> unsubscribed(connection));
                    return connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel).arg(ackChannel))
                            .replaceWith(connection);
                })
                .invoke(connection -> {
                    dropAll();
                    subscription = connection;
                    LOG.debugf("near cache on: subscribed to %s", channel);
                })
                .replaceWithVoid();
    }

    private synchronized void unsubscribed(RedisConnection connection) {
        if (subscription == connection) {
            subscription = null;
            opening = null;
            dropAll();
            resubscribeLater();
        }
    }

    private void resubscribeLater() {
        if (!stopped) {
            vertx.setTimer(RESUBSCRIBE_AFTER.toMillis(), ignored -> open().subscribe().with(done -> {
            }, e -> LOG.debugf("near cache still off: %s", e.getMessage())));
        }
    }

    /** ["message", channel, payload] from either channel; anything else (subscribe confirmations) is ignored. */
    private void onMessage(Response message) {
        if (message.size() < 3 || !"message".equals(message.get(0).toString())) {
            return;
        }
        String from = message.get(1).toString();
        String payload = message.get(2).toString();
        if (from.equals(channel)) {
            String[] lines = payload.split("\n");
            drop(Arrays.asList(lines).subList(1, lines.length));
            redis.execute("PUBLISH", ackChannel, lines[0]).subscribe().with(ignored -> {
            }, e -> LOG.debugf("invalidation not acknowledged: %s", e.getMessage()));
        } else if (from.equals(ackChannel)) {
            Acks acks = pending.get(payload);
            if (acks != null) {
                acks.ack();
            }
        }
    }

    /** Acknowledgements of one invalidation: done when as many came as PUBLISH said it reached. */
    private static final class Acks {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicInteger received = new AtomicInteger();
        volatile int expected = Integer.MAX_VALUE;

        void ack() {
            if (received.incrementAndGet() >= expected) {
                done.complete(null);
            }
        }

        void expect(int receivers) {
            expected = receivers;
            if (received.get() >= receivers) {
                done.complete(null);
            }
        }
    }
}
