package dev.nexus.notifications.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.notifications.model.Notification;
import dev.nexus.platform.cache.RedisScript;
import dev.nexus.platform.trace.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Live delivery to the WebSocket streams of every replica. A push is published on one Redis
 * pub/sub channel; each replica forwards it to the sockets it holds for that user. With Redis
 * down, pushes reach only this replica's sockets (the inbox and replay still have everything).
 *
 * <p>A socket first replays what it missed, then goes live: pushes arriving during the replay wait
 * and are sent after it, skipping what the replay already sent, so a client sees each
 * notification once (live ones in the order their transactions committed).
 *
 * <p>Streams end by themselves in three cases, on whichever replica they are: a user holds at most
 * {@code nexus.push.max-streams-per-user} streams (counted in Redis across replicas; opening one
 * more closes the oldest, code {@value #TOO_MANY_STREAMS}); a login that ends (logout, revoked
 * refresh token) closes the streams opened with it ({@value #SIGNED_OUT}); a user who leaves or is
 * removed from a group has every stream closed ({@value #ACCESS_CHANGED}), so that a client
 * reconnects under its current rights.
 *
 * <p>A push made while handling a traced event carries that trace: its Redis message starts with
 * the line "trace traceparent", and each replica that hands it to sockets records a span under it.
 */
@ApplicationScoped
public class PushHub {

    private static final Logger LOG = Logger.getLogger(PushHub.class);
    private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(1);
    /** WebSocket close codes (application range) a client can act on. */
    public static final short TOO_MANY_STREAMS = 4001;
    public static final short SIGNED_OUT = 4003;
    public static final short ACCESS_CHANGED = 4004;

    /** Adds a stream to the user's set (score: opening time) and pops the oldest beyond the cap. */
    private static final RedisScript COUNT_STREAM = RedisScript.of("""
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PEXPIRE', KEYS[1], 86400000)
            local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
            if over > 0 then
              return redis.call('ZPOPMIN', KEYS[1], over)
            end
            return {}
            """);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final Traces traces;
    private final String channel;
    private final String streamsKey;
    private final int maxStreams;
    private final Duration timeout;
    private final Map<UUID, Set<Stream>> streams = new ConcurrentHashMap<>();
    /** Number of the current subscription to the push channel; -1 once shutting down. */
    private final AtomicLong subscriptions = new AtomicLong();

    public PushHub(ReactiveRedisDataSource redis, ObjectMapper json, Traces traces,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.cache.timeout", defaultValue = "250ms") Duration timeout,
            @ConfigProperty(name = "nexus.push.max-streams-per-user", defaultValue = "5") int maxStreams) {
        this.redis = redis;
        this.json = json;
        this.traces = traces;
        this.channel = prefix + "push";
        this.streamsKey = prefix + "streams:";
        this.maxStreams = maxStreams;
        this.timeout = timeout;
    }

    void subscribe(@Observes StartupEvent start) {
        listen(subscriptions.get());
    }

    void stop(@Observes ShutdownEvent stop) {
        subscriptions.set(-1);
    }

    /**
     * Subscribes to the push channel, retrying until Redis answers, and subscribes again whenever the
     * subscription ends (Redis restarted, the connection dropped): a subscription does not survive its
     * connection, and without this the replica would silently stop receiving other replicas' pushes.
     */
    private void listen(long subscription) {
        redis.pubsub(String.class).subscribe(channel, this::received, () -> lost(subscription),
                        e -> lost(subscription))
                .onFailure().invoke(e -> LOG.warnf("no cross-replica push yet (Redis pub/sub unavailable), retrying: %s",
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ignored -> LOG.debugf("listening for pushes on %s", channel),
                        e -> LOG.warnf("no cross-replica push (Redis pub/sub unavailable): %s", e.getMessage()));
    }

    /** The subscription ended (its end and its failure may both be signalled): the next one, once. */
    private void lost(long subscription) {
        if (subscriptions.compareAndSet(subscription, subscription + 1)) {
            LOG.warnf("the Redis subscription for pushes from other replicas ended; subscribing again");
            Uni.createFrom().voidItem().onItem().delayIt().by(RESUBSCRIBE_AFTER)
                    .subscribe().with(ignored -> listen(subscription + 1));
        }
    }

    /**
     * A socket of one user. Notifications of two replicas' transactions can commit, and so arrive, out
     * of sequence order, so a live push is dropped only when the replay already sent it.
     */
    /** How many notifications a stream remembers having sent (more than a replay sends). */
    static final int SENT_MEMORY = 1000;

    public final class Stream {
        private final UUID user;
        private final String session;
        private final WebSocketConnection connection;
        /**
         * The sequence numbers of the latest notifications sent on this connection: none is sent
         * twice, whether replayed and then pushed live, or pushed both through Redis and by this
         * replica's fallback (a publish that timed out may still have reached Redis).
         */
        private final Set<Long> sent = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > SENT_MEMORY;
            }
        });
        private boolean replaying = true;
        private final List<Push> waiting = new ArrayList<>();
        /** Notifications with a higher sequence are this stream's to get live (none until known): see {@link MissedPushes}. */
        private volatile long floor = Long.MAX_VALUE;

        Stream(UUID user, String session, WebSocketConnection connection) {
            this.user = user;
            this.session = session;
            this.connection = connection;
        }

        void end(short code, String reason) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ignored -> {
            }, e -> LOG.debugf("closing a stream of %s: %s", user, e.getMessage()));
        }

        /** Sends a replayed notification. */
        public synchronized void replayed(Notification notification, long seq) {
            if (sent.add(seq)) {
                send(message(notification));
            }
        }

        /** {@code seq}: the user's newest notification when the stream opened; what comes after is pushed live. */
        public void liveAbove(long seq) {
            floor = seq;
        }

        /** Whether the stream should have had notification {@code seq} live and has not sent it. */
        synchronized boolean misses(long seq) {
            return seq > floor && !sent.contains(seq);
        }

        /** The replay is done: what arrived meanwhile follows. */
        public synchronized void live() {
            replaying = false;
            waiting.forEach(this::deliver);
            waiting.clear();
        }

        synchronized void push(Push push) {
            if (replaying) {
                waiting.add(push);
            } else {
                deliver(push);
            }
        }

        private void deliver(Push push) {
            if (push.type() == Type.COUNT || sent.add(push.seq())) {
                send(push.text());
            }
        }

        public void send(String message) {
            connection.sendText(message).subscribe().with(ignored -> {
            }, e -> LOG.debugf("push to a closed socket of %s: %s", user, e.getMessage()));
        }
    }

    /** This replica's streams of {@code user} (none: empty). */
    Set<Stream> streamsOf(UUID user) {
        return streams.getOrDefault(user, Set.of());
    }

    /** The users with a stream on this replica. */
    List<UUID> usersHere() {
        return List.copyOf(streams.keySet());
    }

    /** Registers a stream; when the user now holds more than the cap, the oldest are closed wherever they are. */
    public Stream open(UUID user, String session, WebSocketConnection connection) {
        Stream stream = new Stream(user, session, connection);
        streams.compute(user, (u, mine) -> {
            Set<Stream> set = mine == null ? ConcurrentHashMap.newKeySet() : mine;
            set.add(stream);
            return set;
        });
        COUNT_STREAM.run(redis, List.of("1", streamsKey + user, String.valueOf(System.currentTimeMillis()),
                        connection.id(), String.valueOf(maxStreams)))
                .ifNoItem().after(timeout).fail()
                .chain(popped -> {
                    List<Push> drops = new ArrayList<>();
                    for (int i = 0; i < popped.size(); i += 2) { // member, score, member, score ...
                        drops.add(new Push(user, Type.DROP, 0, popped.get(i).toString()));
                    }
                    return publish(drops);
                })
                .subscribe().with(ignored -> {
                }, e -> LOG.debugf("streams of %s not counted (Redis: %s)", user, e.getMessage()));
        return stream;
    }

    public void close(UUID user, WebSocketConnection connection) {
        streams.computeIfPresent(user, (u, mine) -> {
            mine.removeIf(s -> s.connection.id().equals(connection.id()));
            return mine.isEmpty() ? null : mine;
        });
        redis.sortedSet(String.class).zrem(streamsKey + user, connection.id())
                .subscribe().with(ignored -> {
                }, e -> LOG.debugf("stream of %s not uncounted (Redis: %s)", user, e.getMessage()));
    }

    /** Closes the streams opened with the login {@code session} (its {@code sid}), on every replica. */
    public Uni<Void> endSession(UUID user, String session) {
        return publish(List.of(new Push(user, Type.END_SESSION, 0, session)));
    }

    /** Closes every stream of the user, on every replica: their rights changed, the client reconnects. */
    public Uni<Void> endAll(UUID user) {
        return publish(List.of(new Push(user, Type.END_ALL, 0, "*")));
    }

    /** What a push carries to a user's streams. */
    public enum Type {
        /** A notification ({@code seq}: its place in the inbox, {@code text}: the message). */
        NOTIFICATION,
        /** The unread count ({@code text}: the message). */
        COUNT,
        /** Closes the stream whose connection id is {@code text}: one too many. */
        DROP,
        /** Closes the streams opened with the login {@code text}. */
        END_SESSION,
        /** Closes every stream of the user. */
        END_ALL
    }

    /**
     * One push to a user. On the Redis channel it is the line "user seq text", where seq is the
     * notification's sequence, "-" for a count or "!drop", "!end-session", "!end-all".
     */
    public record Push(UUID user, Type type, long seq, String text) {

        String line() {
            String seq = switch (type) {
                case NOTIFICATION -> String.valueOf(this.seq);
                case COUNT -> "-";
                case DROP -> "!drop";
                case END_SESSION -> "!end-session";
                case END_ALL -> "!end-all";
            };
            return user + " " + seq + " " + text;
        }

        static Push parse(String line) {
            String[] head = line.split(" ", 3);
            UUID user = UUID.fromString(head[0]);
            return switch (head[1]) {
                case "-" -> new Push(user, Type.COUNT, 0, head[2]);
                case "!drop" -> new Push(user, Type.DROP, 0, head[2]);
                case "!end-session" -> new Push(user, Type.END_SESSION, 0, head[2]);
                case "!end-all" -> new Push(user, Type.END_ALL, 0, head[2]);
                default -> new Push(user, Type.NOTIFICATION, Long.parseLong(head[1]), head[2]);
            };
        }
    }

    public Push notificationPush(UUID user, Notification notification, long seq) {
        return new Push(user, Type.NOTIFICATION, seq, message(notification));
    }

    public Push countPush(UUID user, long count) {
        return new Push(user, Type.COUNT, 0, countMessage(count));
    }

    /** Many pushes in one Redis message (one per event, not two per recipient). */
    public Uni<Void> publish(List<Push> pushes) {
        return publish(pushes, Context.root());
    }

    /** As {@link #publish(List)}, in a span under {@code trace} when that holds a span. */
    public Uni<Void> publish(List<Push> pushes, Context trace) {
        if (pushes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Span span = Span.fromContext(trace).getSpanContext().isValid()
                ? traces.start("push", SpanKind.PRODUCER, trace).setAttribute("nexus.push.count", pushes.size())
                : Span.getInvalid();
        String traceparent = Traces.traceparent(span);
        StringBuilder batch = new StringBuilder();
        if (traceparent != null) {
            batch.append("trace ").append(traceparent).append('\n');
        }
        for (Push p : pushes) {
            batch.append(p.line()).append('\n');
        }
        return redis.pubsub(String.class).publish(channel, batch.toString())
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("push via Redis failed, delivering on this replica only: %s", e.getMessage());
                    deliver(pushes, traceparent);
                    return null;
                })
                .onTermination().invoke(span::end);
    }

    /** Sends the user's new unread count to their sockets on every replica. */
    public Uni<Void> unreadCount(UUID user, long count) {
        return publish(List.of(countPush(user, count)));
    }

    public String countMessage(long count) {
        return write(Map.of("type", "unread-count", "count", count));
    }

    /** Lines of pushes, the first maybe their trace; a push is one line (JSON messages hold no raw newline). */
    private void received(String published) {
        String traceparent = null;
        List<Push> pushes = new ArrayList<>();
        for (String line : published.split("\n")) {
            if (line.startsWith("trace ")) {
                traceparent = line.substring("trace ".length());
            } else if (!line.isEmpty()) {
                pushes.add(Push.parse(line));
            }
        }
        deliver(pushes, traceparent);
    }

    /** To this replica's streams; in a span of the push's trace when any went to a stream. */
    private void deliver(List<Push> pushes, String traceparent) {
        Instant started = Instant.now();
        int sent = 0;
        for (Push push : pushes) {
            sent += local(push);
        }
        if (traceparent != null && sent > 0) {
            traces.start("push deliver", SpanKind.CONSUMER, Traces.parent(traceparent), started)
                    .setAttribute("nexus.push.sent", sent)
                    .end();
        }
    }

    /** Hands the push to the user's streams on this replica; returns how many. */
    private int local(Push push) {
        Set<Stream> mine = streams.get(push.user());
        if (mine == null) {
            return 0;
        }
        switch (push.type()) {
            case DROP -> mine.stream().filter(s -> s.connection.id().equals(push.text()))
                    .forEach(s -> s.end(TOO_MANY_STREAMS, "too many streams: the oldest is closed"));
            case END_SESSION -> mine.stream().filter(s -> push.text().equals(s.session))
                    .forEach(s -> s.end(SIGNED_OUT, "signed out"));
            case END_ALL -> mine.forEach(s -> s.end(ACCESS_CHANGED, "access changed: reconnect with a new ticket"));
            default -> mine.forEach(stream -> stream.push(push));
        }
        return mine.size();
    }

    private String message(Notification notification) {
        return write(Map.of("type", "notification", "notification", notification));
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
