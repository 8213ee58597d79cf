package dev.nexus.platform.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Cache-aside for hot reads on Redis. Values are stored as their JSON response body with a
 * precomputed ETag, so a hit is served without re-serialising or hashing.
 *
 * <ul>
 * <li>Near cache: the hottest entries are also kept in this process ({@link NearCache}), coherent
 * across replicas; a near hit makes no Redis round trip at all ({@code nexus.cache{result=near}}).</li>
 * <li>Single flight: concurrent misses on one key in this process run the loader once.</li>
 * <li>Invalidation: call {@link #invalidate} after the writing transaction committed.</li>
 * <li>Redis is not a source of truth: when it fails or is slow the loader answers instead, and the
 * {@code nexus.cache{result=fallback}} counter says so.</li>
 * </ul>
 */
@ApplicationScoped
public class HotCache {

    private static final Logger LOG = Logger.getLogger(HotCache.class);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final String prefix;
    private final Duration timeout;
    private final Counter hits;
    private final Counter misses;
    private final Counter fallbacks;
    private final Counter nearHits;
    private final NearCache near;
    private final ConcurrentHashMap<String, Uni<Entry>> inflight = new ConcurrentHashMap<>();

    @Inject
    public HotCache(ReactiveRedisDataSource redis, NearCache near, ObjectMapper json, MeterRegistry metrics,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.cache.timeout", defaultValue = "250ms") Duration timeout) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.json = json;
        this.prefix = prefix;
        this.timeout = timeout;
        this.hits = metrics.counter("nexus.cache", "result", "hit");
        this.misses = metrics.counter("nexus.cache", "result", "miss");
        this.fallbacks = metrics.counter("nexus.cache", "result", "fallback");
        this.nearHits = metrics.counter("nexus.cache", "result", "near");
        this.near = near;
        near.openInBackground();
    }

    /**
     * What a loader may return instead of a plain body: the body, a small record kept beside it
     * ({@code meta}: say, what an authorization check needs, so a hit needs no database; null when
     * none), and the ETag to serve (null: a hash of the body).
     */
    public record Value(Object body, Object meta, String etag) {
    }

    /**
     * A cached response body, its strong ETag (quoted) and the loader's meta as JSON ("" when none;
     * {@link #meta(Entry, Class)} reads it back). An entry from the near cache is the same object for
     * every reader, so what is derived from it ({@link #view}) is computed once per version.
     */
    public static final class Entry {

        /** Views of one entry at most, say one per caller's time zone; more are computed each time. */
        private static final int MAX_VIEWS = 64;

        private final String etag;
        private final String meta;
        private final String json;
        private final Map<Object, Object> views = new ConcurrentHashMap<>();

        public Entry(String etag, String meta, String json) {
            this.etag = etag;
            this.meta = meta;
            this.json = json;
        }

        public String etag() {
            return etag;
        }

        public String meta() {
            return meta;
        }

        public String json() {
            return json;
        }

        /** What {@code derive} makes of this entry for {@code key}, made once and kept with the entry. */
        @SuppressWarnings("unchecked")
        public <T> T view(Object key, Function<Entry, T> derive) {
            Object view = views.get(key);
            if (view == null) {
                view = derive.apply(this);
                if (views.size() < MAX_VIEWS) {
                    views.putIfAbsent(key, view);
                }
            }
            return (T) view;
        }

        /**
         * 200 with the body, or 304 when {@code ifNoneMatch} already names this version. Hot reads
         * answer per caller (access, spoiler guard), hence {@code Vary: Authorization}.
         */
        public Response toResponse(String ifNoneMatch) {
            if (matches(ifNoneMatch, etag)) {
                return Response.notModified(EntityTag.valueOf(etag)).header(HttpHeaders.VARY, "Authorization").build();
            }
            byte[] body = view(Entry.class, entry -> entry.json.getBytes(StandardCharsets.UTF_8));
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(EntityTag.valueOf(etag))
                    .header(HttpHeaders.VARY, "Authorization").build();
        }
    }

    /** The meta a loader kept beside the entry's body, as the record it was. */
    public <M> M meta(Entry entry, Class<M> type) {
        try {
            return json.readValue(entry.meta(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cache meta " + entry.meta(), e);
        }
    }

    /** Whether an If-None-Match header names {@code etag} (weakly or with *). */
    public static boolean matches(String ifNoneMatch, String etag) {
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("W/" + etag) || tag.equals("*"));
    }

    /**
     * The entry under {@code key}, loading it on a miss. A loader failure (say, a 404) is passed on
     * and nothing is cached.
     */
    public Uni<Entry> get(String key, Duration ttl, Supplier<Uni<?>> loader) {
        String redisKey = prefix + key;
        Entry near = this.near.get(redisKey);
        if (near != null) {
            nearHits.increment();
            return Uni.createFrom().item(near);
        }
        long generation = this.near.generation(redisKey);
        return values.get(redisKey)
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> {
                    fallbacks.increment();
                    LOG.debugf("cache read of %s failed, loading from the database: %s", key, e.getMessage());
                    return null;
                })
                .chain(stored -> {
                    if (stored != null) {
                        int first = stored.indexOf('\n');
                        int second = stored.indexOf('\n', first + 1);
                        String meta = stored.substring(first + 1, second);
                        // an entry from before meta was JSON ("<id> <word>", at most a TTL old) is loaded again
                        if (meta.isEmpty() || meta.charAt(0) == '{' || meta.charAt(0) == '"') {
                            hits.increment();
                            Entry entry = new Entry(stored.substring(0, first), meta, stored.substring(second + 1));
                            this.near.put(redisKey, entry, generation);
                            return Uni.createFrom().item(entry);
                        }
                    }
                    misses.increment();
                    return singleFlight(redisKey, ttl, loader, generation);
                });
    }

    /** The entry as the loader makes it now, bypassing Redis (a client's {@code Cache-Control: no-cache}). */
    public Uni<Entry> fresh(Supplier<Uni<?>> loader) {
        return Uni.createFrom().deferred(loader).map(this::entryOf);
    }

    /**
     * Deletes keys, here, in Redis and in every replica's near cache; call after the transaction that
     * changed their data committed, and before answering the client. Never fails.
     */
    public Uni<Void> invalidate(String... keys) {
        String[] redisKeys = Arrays.stream(keys).map(k -> prefix + k).toArray(String[]::new);
        for (String redisKey : redisKeys) {
            inflight.remove(redisKey); // a load that began before the write must not answer later readers
        }
        return redis.key().del(redisKeys)
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(e -> {
                    fallbacks.increment();
                    LOG.warnf("cache invalidation of %s failed; entries expire with their TTL: %s",
                            Arrays.toString(keys), e.getMessage());
                })
                .onFailure().recoverWithNull()
                .chain(() -> onOwnContext(near.invalidate(redisKeys)));
    }

    private Uni<Entry> singleFlight(String redisKey, Duration ttl, Supplier<Uni<?>> loader, long generation) {
        Uni<Entry>[] self = new Uni[1];
        Uni<Entry> load = inflight.computeIfAbsent(redisKey, k -> self[0] = Uni.createFrom().deferred(loader)
                .map(this::entryOf)
                .call(entry -> values.set(redisKey, entry.etag() + "\n" + entry.meta() + "\n" + entry.json(),
                        new SetArgs().px(ttl))
                        .ifNoItem().after(timeout).fail()
                        .onFailure().invoke(e -> fallbacks.increment())
                        .onFailure().recoverWithNull())
                .invoke(entry -> near.put(redisKey, entry, generation))
                .eventually(() -> inflight.remove(redisKey, self[0]))
                .memoize().indefinitely());
        // The shared load answers on the context of the request that started it; every other waiter
        // goes on on its own context, or its next database call would use the first request's
        // Hibernate session (closed by then: a 500 "Session/EntityManager is closed").
        return onOwnContext(load);
    }

    /** {@code uni}'s result delivered on the caller's Vert.x context (not on a Redis connection's). */
    private static <T> Uni<T> onOwnContext(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context own = Vertx.currentContext();
            return own == null ? uni : uni.emitOn(task -> own.runOnContext(ignored -> task.run()));
        });
    }

    /** A strong ETag (quoted) for a body: a hash of it. */
    public static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entry entryOf(Object loaded) {
        Value value = loaded instanceof Value v ? v : new Value(loaded, null, null);
        try {
            String body = json.writeValueAsString(value.body());
            // compact JSON holds no raw newline, the separator of the stored form
            String meta = value.meta() == null ? "" : json.writeValueAsString(value.meta());
            return new Entry(value.etag() == null ? etag(body) : value.etag(), meta, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot cache " + value.body().getClass().getName(), e);
        }
    }
}
