package dev.nexus.notifications.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.notifications.inbox.Notification;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 */
@ApplicationScoped
public class PushHub {

    private static final Logger LOG = Logger.getLogger(PushHub.class);
    private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final String channel;
    private final Duration timeout;
    private final Map<UUID, Set<Stream>> streams = new ConcurrentHashMap<>();
    /** Number of the current subscription to the push channel; -1 once shutting down. */
    private final AtomicLong subscriptions = new AtomicLong();

    public PushHub(ReactiveRedisDataSource redis, ObjectMapper json,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.cache.timeout", defaultValue = "250ms") Duration timeout) {
        this.redis = redis;
        this.json = json;
        this.channel = prefix + "push";
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
    public final class Stream {
        private final UUID user;
        private final WebSocketConnection connection;
        private final Set<Long> replayed = new HashSet<>();
        private boolean replaying = true;
        private final List<String[]> waiting = new ArrayList<>();

        Stream(UUID user, WebSocketConnection connection) {
            this.user = user;
            this.connection = connection;
        }

        /** Sends a replayed notification. */
        public synchronized void replayed(Notification notification, long seq) {
            replayed.add(seq);
            send(message(notification));
        }

        /** The replay is done: what arrived meanwhile follows. */
        public synchronized void live() {
            replaying = false;
            waiting.forEach(this::deliver);
            waiting.clear();
        }

        synchronized void push(String[] parts) {
            if (replaying) {
                waiting.add(parts);
            } else {
                deliver(parts);
            }
        }

        /** {@code parts}: seq (or "-" for a count) and the message. */
        private void deliver(String[] parts) {
            if (parts[0].equals("-") || !replayed.contains(Long.parseLong(parts[0]))) {
                send(parts[1]);
            }
        }

        public void send(String message) {
            connection.sendText(message).subscribe().with(ignored -> {
            }, e -> LOG.debugf("push to a closed socket of %s: %s", user, e.getMessage()));
        }
    }

    public Stream open(UUID user, WebSocketConnection connection) {
        Stream stream = new Stream(user, connection);
        streams.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(stream);
        return stream;
    }

    public void close(UUID user, WebSocketConnection connection) {
        Set<Stream> mine = streams.get(user);
        if (mine != null) {
            mine.removeIf(s -> s.connection.id().equals(connection.id()));
        }
    }

    /** One live push: a user, the notification's seq ("-" for a count) and the message. */
    public record Push(UUID user, String seq, String message) {
    }

    public Push notificationPush(UUID user, Notification notification, long seq) {
        return new Push(user, String.valueOf(seq), message(notification));
    }

    public Push countPush(UUID user, long count) {
        return new Push(user, "-", countMessage(count));
    }

    /** Many pushes in one Redis message (one per event, not two per recipient). */
    public Uni<Void> publish(List<Push> pushes) {
        if (pushes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder batch = new StringBuilder();
        for (Push p : pushes) {
            batch.append(p.user()).append(' ').append(p.seq()).append(' ').append(p.message()).append('\n');
        }
        return redis.pubsub(String.class).publish(channel, batch.toString())
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("push via Redis failed, delivering on this replica only: %s", e.getMessage());
                    pushes.forEach(p -> local(p.user(), new String[] { p.seq(), p.message() }));
                    return null;
                });
    }

    /** Sends the user's new unread count to their sockets on every replica. */
    public Uni<Void> unreadCount(UUID user, long count) {
        return publish(List.of(countPush(user, count)));
    }

    public String countMessage(long count) {
        return write(Map.of("type", "unread-count", "count", count));
    }

    /** Lines of "user seq message"; a single push is one line (JSON messages hold no raw newline). */
    private void received(String published) {
        for (String line : published.split("\n")) {
            if (!line.isEmpty()) {
                String[] head = line.split(" ", 3);
                local(UUID.fromString(head[0]), new String[] { head[1], head[2] });
            }
        }
    }

    private void local(UUID user, String[] parts) {
        Set<Stream> mine = streams.get(user);
        if (mine != null) {
            mine.forEach(stream -> stream.push(parts));
        }
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
