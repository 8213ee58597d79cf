package dev.nexus.notifications.inbox;

import dev.nexus.notifications.email.Emails;
import dev.nexus.notifications.notify.Draft;
import dev.nexus.notifications.notify.People;
import dev.nexus.notifications.notify.People.Person;
import dev.nexus.notifications.notify.Texts;
import dev.nexus.notifications.preference.Preference;
import dev.nexus.notifications.preference.Preferences;
import dev.nexus.notifications.push.PushHub;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * From drafts to delivered notifications. In the event's transaction: preferences decide who gets
 * one at all (type OFF, muted group: nobody), each remaining one is stored once per event and
 * recipient, and an e-mail is queued where the type is EMAIL (outside quiet hours, without a daily
 * digest). After the commit: every stored one moves the recipient's unread count and, outside
 * their quiet hours, is pushed live with the new count.
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);
    private static final int PENDING_LIMIT = 1000;

    private final NotificationStore store;
    private final Preferences preferences;
    private final People people;
    private final UnreadCounts counts;
    private final PushHub hub;
    private final Emails emails;
    /**
     * What each recent transaction stored, by event id, for {@link #push} once it committed. Bounded:
     * a transaction that rolled back leaves its entry until newer ones push it out.
     */
    private final Map<UUID, List<Outgoing>> pending = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, List<Outgoing>> eldest) {
                    return size() > PENDING_LIMIT;
                }
            });

    public Delivery(NotificationStore store, Preferences preferences, People people, UnreadCounts counts,
            PushHub hub, Emails emails) {
        this.emails = emails;
        this.store = store;
        this.preferences = preferences;
        this.people = people;
        this.counts = counts;
        this.hub = hub;
    }

    /**
     * Call inside the event's transaction: stores what preferences let through and queues the
     * e-mails they ask for, in the same transaction.
     */
    public Uni<Void> store(UUID eventId, List<Draft> drafts) {
        return store(eventId, drafts, Map.of());
    }

    /** As {@link #store(UUID, List)}, with recipients already read ({@code known}), which are not read again. */
    public Uni<Void> store(UUID eventId, List<Draft> drafts, Map<UUID, Person> known) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        List<UUID> recipients = drafts.stream().map(Draft::recipientId).toList();
        List<UUID> unknown = recipients.stream().filter(r -> !known.containsKey(r)).toList();
        return preferences.of(recipients).chain(prefs -> people.of(unknown).chain(read -> {
            Map<UUID, Preference.Delivery> deliveries = new HashMap<>();
            List<Draft> kept = new ArrayList<>();
            Uni<Void> mails = Uni.createFrom().voidItem();
            for (Draft d : drafts) {
                Person person = known.containsKey(d.recipientId()) ? known.get(d.recipientId()) : read.get(d.recipientId());
                Preference.Delivery delivery = prefs.get(d.recipientId())
                        .delivery(d.type(), d.groupId(), Texts.zone(person.zone()), now);
                deliveries.put(d.recipientId(), delivery);
                if (delivery.store()) {
                    kept.add(d);
                }
                if (delivery.email()) {
                    mails = mails.chain(() -> emails.queue(d.recipientId(), eventId + ":" + d.recipientId(),
                            person.email(), d.title(), d.body() + "\n\n" + emails.link(d.link())));
                }
            }
            Uni<Void> queued = mails;
            return store.insert(eventId, kept)
                    .invoke(stored -> pending.put(eventId, stored.stream()
                            .map(st -> new Outgoing(st, deliveries.get(st.recipientId()))).toList()))
                    .chain(() -> queued);
        }));
    }

    /**
     * After the event's transaction committed: counts and live pushes for what it stored, as
     * {@link #store} left them (read back from the database if this process did not store them).
     */
    public Uni<Void> push(UUID eventId) {
        List<Outgoing> stored = pending.remove(eventId);
        if (stored != null) {
            return deliver(stored);
        }
        Instant now = Instant.now();
        return Panache.withSession(() -> store.ofEvent(eventId).chain(rows -> {
                    List<UUID> recipients = rows.stream().map(NotificationStore.Stored::recipientId).toList();
                    return preferences.of(recipients).chain(prefs -> people.of(recipients)
                            .map(found -> rows.stream().map(s -> new Outgoing(s, prefs.get(s.recipientId()).delivery(
                                    s.notification().type(), s.notification().groupId(),
                                    Texts.zone(found.get(s.recipientId()).zone()), now))).toList()));
                }))
                .chain(this::deliver);
    }

    private record Outgoing(NotificationStore.Stored stored, Preference.Delivery delivery) {
    }

    /** Every recipient's count moves; those outside quiet hours get the notification and the count live. */
    private Uni<Void> deliver(List<Outgoing> outgoing) {
        if (outgoing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Long> deltas = new HashMap<>();
        outgoing.forEach(o -> deltas.merge(o.stored().recipientId(), 1L, Long::sum));
        return counts.changed(deltas).chain(newCounts -> {
            List<PushHub.Push> pushes = new ArrayList<>();
            for (Outgoing o : outgoing) {
                if (o.delivery().push()) {
                    UUID user = o.stored().recipientId();
                    pushes.add(hub.notificationPush(user, o.stored().notification(), o.stored().seq()));
                    pushes.add(hub.countPush(user, newCounts.get(user)));
                }
            }
            return hub.publish(pushes);
        }).onFailure().invoke(e -> LOG.warnf("live delivery failed; the inbox and replay still have it: %s",
                e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
