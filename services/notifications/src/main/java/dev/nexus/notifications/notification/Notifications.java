package dev.nexus.notifications.notification;

import dev.nexus.notifications.model.Notification;
import dev.nexus.notifications.push.PushHub;
import dev.nexus.notifications.push.Tickets;
import dev.nexus.notifications.store.NotificationStore;
import dev.nexus.notifications.store.NotificationStore.Read;
import dev.nexus.notifications.store.UnreadCounts;
import dev.nexus.platform.paging.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** A person's notifications: the pages of their inbox, reading them (the new count pushed live), stream tickets. */
@ApplicationScoped
public class Notifications {

    private final NotificationStore store;
    private final UnreadCounts counts;
    private final Tickets tickets;
    private final PushHub hub;

    public Notifications(NotificationStore store, UnreadCounts counts, Tickets tickets, PushHub hub) {
        this.store = store;
        this.counts = counts;
        this.tickets = tickets;
        this.hub = hub;
    }

    public Uni<Page<Notification>> page(UUID user, boolean unreadOnly, String cursor, int limit) {
        return Panache.withSession(() -> store.page(user, unreadOnly, cursor, limit));
    }

    public Uni<Long> unreadCount(UUID user) {
        return counts.get(user);
    }

    /** Marks one read (a 404 problem when it is not the user's); harmless when repeated. */
    public Uni<Void> markRead(UUID user, UUID notificationId) {
        return Panache.withTransaction(() -> store.markRead(user, notificationId).call(read -> pending(user, read)))
                .chain(read -> countChanged(user, read));
    }

    public Uni<Void> markAllRead(UUID user) {
        return Panache.withTransaction(() -> store.markAllRead(user).call(read -> pending(user, read)))
                .chain(read -> countChanged(user, read));
    }

    /** A one-use ticket to open the stream, tied to the login {@code session} (its {@code sid}). */
    public Uni<String> ticket(UUID user, String session) {
        return tickets.issue(user, session);
    }

    /** In the transaction that read some: the count is pending until {@link #countChanged} moved it. */
    private Uni<Void> pending(UUID user, Read read) {
        return read.count() == 0 ? Uni.createFrom().voidItem() : counts.pending(List.of(user), read.transaction());
    }

    private Uni<Void> countChanged(UUID user, Read read) {
        return read.count() == 0 ? Uni.createFrom().voidItem()
                : counts.changed(user, -read.count(), read.transaction()).chain(count -> hub.unreadCount(user, count));
    }
}
