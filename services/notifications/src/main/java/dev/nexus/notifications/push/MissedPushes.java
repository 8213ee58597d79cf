package dev.nexus.notifications.push;

import dev.nexus.notifications.push.PushHub.Push;
import dev.nexus.notifications.push.PushHub.Stream;
import dev.nexus.notifications.store.NotificationStore;
import dev.nexus.notifications.store.NotificationStore.Stored;
import dev.nexus.notifications.store.UnreadCounts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends the sockets here what committed for them but was never pushed to them. A replica pushes a
 * notification once its transaction has committed: killed in between, or with Redis too slow to take
 * the publish (it then reaches only that replica's sockets), the notification is in the inbox and
 * the sockets elsewhere never hear of it until they reconnect. So every
 * {@code nexus.push.catch-up-interval} each replica reads which notifications its sockets' users got
 * lately to be pushed (not those their quiet hours or a session held back), by sequence, and sends
 * each live socket what it should have had and did not, then the unread count. A sequence is looked
 * at from {@link #GRACE} after it was taken (its live push has normally come long before) until
 * {@link #LOOKBACK} after; a socket never sends one twice.
 */
@ApplicationScoped
public class MissedPushes {

    private static final Logger LOG = Logger.getLogger(MissedPushes.class);
    static final Duration GRACE = Duration.ofSeconds(2);
    /** As {@link NotificationStream#REPLAY_OVERLAP}: longer than handling an event takes. */
    static final Duration LOOKBACK = Duration.ofSeconds(10);

    /** The newest sequence of the inbox at a moment ({@code System.nanoTime()}). */
    private record Sample(long nanos, long seq) {
    }

    /** The {@code number}th sweep looked at sequences ({@code from}, {@code to}]. */
    record Sweep(long number, long from, long to) {

        boolean looked(long seq) {
            return from < seq && seq <= to;
        }
    }

    private final PushHub hub;
    private final NotificationStore store;
    private final UnreadCounts counts;
    /** Oldest first: the newest one older than LOOKBACK, then those since. */
    private final List<Sample> samples = new ArrayList<>();
    private volatile Sweep last = new Sweep(0, 0, 0);

    public MissedPushes(PushHub hub, NotificationStore store, UnreadCounts counts) {
        this.hub = hub;
        this.store = store;
        this.counts = counts;
    }

    @Scheduled(every = "${nexus.push.catch-up-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return Panache.withSession(() -> store.lastSeq().chain(newest -> {
                    long[] window = window(System.nanoTime(), newest);
                    List<UUID> users = hub.usersHere();
                    Uni<Void> done = window == null || users.isEmpty() ? Uni.createFrom().voidItem()
                            : catchUp(users, window[0], window[1]);
                    return done.invoke(() -> last = new Sweep(last.number() + 1, window == null ? 0 : window[0],
                            window == null ? 0 : window[1]));
                }))
                .onFailure().invoke(e -> LOG.warnf("catching up missed pushes failed; the next tick retries: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** The last sweep that ended (tests wait for one that looked at a sequence). */
    Sweep last() {
        return last;
    }

    /** The sequences (from, to] to look at now; null when none. */
    private synchronized long[] window(long now, long newest) {
        samples.add(new Sample(now, newest));
        while (samples.size() > 1 && now - samples.get(1).nanos() >= LOOKBACK.toNanos()) {
            samples.remove(0);
        }
        long from = samples.get(0).seq();
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (now - samples.get(i).nanos() >= GRACE.toNanos()) {
                return samples.get(i).seq() > from ? new long[] { from, samples.get(i).seq() } : null;
            }
        }
        return null;
    }

    private Uni<Void> catchUp(List<UUID> users, long from, long to) {
        return store.pushed(users, from, to).chain(rows -> {
            Map<Long, List<Stream>> missing = new TreeMap<>();
            for (Object[] row : rows) {
                long seq = (Long) row[1];
                for (Stream stream : hub.streamsOf((UUID) row[0])) {
                    if (stream.misses(seq)) {
                        missing.computeIfAbsent(seq, s -> new ArrayList<>()).add(stream);
                    }
                }
            }
            if (missing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return store.bySeq(List.copyOf(missing.keySet())).chain(found -> {
                Set<UUID> told = new LinkedHashSet<>();
                for (Stored row : found) {
                    Push push = hub.notificationPush(row.recipientId(), row.notification(), row.seq());
                    missing.get(row.seq()).forEach(stream -> stream.push(push));
                    told.add(row.recipientId());
                }
                LOG.infof("%d notifications committed but never pushed here (a replica stopped, or Redis was slow): sent now",
                        found.size());
                return Multi.createFrom().iterable(told)
                        .onItem().transformToUniAndConcatenate(user -> counts.get(user).invoke(count -> {
                            Push push = hub.countPush(user, count);
                            hub.streamsOf(user).forEach(stream -> stream.push(push));
                        }))
                        .collect().last().replaceWithVoid();
            });
        });
    }
}
