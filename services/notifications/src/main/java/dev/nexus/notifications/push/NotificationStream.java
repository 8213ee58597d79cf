package dev.nexus.notifications.push;

import dev.nexus.notifications.store.NotificationStore;
import dev.nexus.notifications.store.NotificationStore.Stored;
import dev.nexus.notifications.store.UnreadCounts;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/notifications/stream?ticket=…&after=<lastSeenId>}: the live notification
 * stream. The upgrade needs a ticket ({@link StreamTicketCheck}). On connect the notifications
 * after {@code after} are replayed (up to {@value #REPLAY_LIMIT}, oldest first), with those made up
 * to {@link #REPLAY_OVERLAP} before it, which may have committed after it (a client drops ids it
 * has: see {@link NotificationStore#replay}), then the unread count, then live ones; server → client messages are {@code {"type":"notification",
 * "notification":{…}}} and {@code {"type":"unread-count","count":N}}.
 */
@WebSocket(path = "/api/v1/notifications/stream")
public class NotificationStream {

    static final TypedKey<String> USER = TypedKey.forString("nexus.user");
    static final TypedKey<String> SESSION = TypedKey.forString("nexus.session");
    static final int REPLAY_LIMIT = 500;
    /** How far before {@code after} the replay reaches: longer than the handling of an event takes. */
    static final Duration REPLAY_OVERLAP = Duration.ofSeconds(10);

    private final PushHub hub;
    private final NotificationStore store;
    private final UnreadCounts counts;

    public NotificationStream(PushHub hub, NotificationStore store, UnreadCounts counts) {
        this.hub = hub;
        this.store = store;
        this.counts = counts;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        UUID user = UUID.fromString(connection.userData().get(USER));
        UUID after = after(connection.handshakeRequest().query());
        // registered before the replay is read: what commits meanwhile waits for it (PushHub.Stream)
        PushHub.Stream stream = hub.open(user, connection.userData().get(SESSION), connection);
        // what commits after the user's newest is this stream's (MissedPushes sends it if its push never comes);
        // without a lastSeenId there is nothing to replay: live from now on
        Uni<List<Stored>> missed = Panache.withSession(() -> store.lastSeqOf(user).invoke(stream::liveAbove)
                .chain(() -> after == null ? Uni.createFrom().item(List.<Stored>of())
                        : store.replay(user, after, REPLAY_OVERLAP, REPLAY_LIMIT)));
        return missed.invoke(rows -> rows.forEach(r -> stream.replayed(r.notification(), r.seq())))
                .chain(() -> counts.get(user))
                .invoke(count -> {
                    stream.send(hub.countMessage(count));
                    stream.live();
                })
                .replaceWithVoid();
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        String user = connection.userData().get(USER);
        if (user != null) {
            hub.close(UUID.fromString(user), connection);
        }
    }

    private static UUID after(String query) {
        List<String> values = new QueryStringDecoder("?" + (query == null ? "" : query)).parameters().get("after");
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(values.get(0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
