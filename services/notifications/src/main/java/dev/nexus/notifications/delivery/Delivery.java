package dev.nexus.notifications.delivery;

import dev.nexus.notifications.email.Emails;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.push.PushHub;
import dev.nexus.notifications.recipient.People;
import dev.nexus.notifications.recipient.Person;
import dev.nexus.notifications.recipient.Preference;
import dev.nexus.notifications.recipient.Preferences;
import dev.nexus.notifications.store.NotificationStore;
import dev.nexus.notifications.store.UnreadCounts;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * From drafts to delivered notifications. In the cause's transaction ({@link #store}): preferences
 * decide who gets one at all (kind OFF, muted group: nobody), each remaining one is stored once per
 * cause and recipient, and an e-mail is queued where the kind is EMAIL (outside quiet hours, without
 * a daily digest); the unread counts it changes are marked pending, and for a recipient in a
 * session ({@link SessionHolds}) push and e-mail are held for after it. After the commit (the
 * {@link AfterCommit} that {@code store} returns): every stored one moves the recipient's unread
 * count and, outside their quiet hours and unless held, is pushed live with the new count.
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    private final NotificationStore store;
    private final Preferences preferences;
    private final People people;
    private final UnreadCounts counts;
    private final PushHub hub;
    private final Emails emails;
    private final SessionHolds holds;

    public Delivery(NotificationStore store, Preferences preferences, People people, UnreadCounts counts,
            PushHub hub, Emails emails, SessionHolds holds) {
        this.store = store;
        this.preferences = preferences;
        this.people = people;
        this.counts = counts;
        this.hub = hub;
        this.emails = emails;
        this.holds = holds;
    }

    /** As {@link #store(UUID, Drafts)}, the recipients not read yet. */
    public Uni<AfterCommit> store(UUID causeId, Draft draft) {
        return store(causeId, Drafts.of(draft));
    }

    /**
     * Call inside the transaction of the cause (an event, a reminder, a disabled webhook): stores what
     * preferences let through and queues the e-mails they ask for. Run what it returns once that
     * transaction committed.
     */
    public Uni<AfterCommit> store(UUID causeId, Drafts drafts) {
        if (drafts.drafts().isEmpty()) {
            return Uni.createFrom().item(AfterCommit.NOTHING);
        }
        Instant now = Instant.now();
        Map<UUID, Person> known = drafts.recipients();
        List<UUID> recipients = drafts.drafts().stream().map(Draft::recipientId).toList();
        List<UUID> unknown = recipients.stream().filter(r -> !known.containsKey(r)).toList();
        return preferences.of(recipients).chain(prefs -> people.of(unknown).chain(read -> holds.live(
                recipients.stream().filter(r -> prefs.get(r).holdInSessions()).toList(), now).chain(live -> {
            Map<UUID, Preference.Delivery> ways = new HashMap<>();
            Map<UUID, SessionHolds.Held> held = new HashMap<>();
            List<Draft> kept = new ArrayList<>();
            Uni<Void> mails = Uni.createFrom().voidItem();
            for (Draft d : drafts.drafts()) {
                Person person = known.containsKey(d.recipientId()) ? known.get(d.recipientId()) : read.get(d.recipientId());
                Preference.Delivery way = prefs.get(d.recipientId())
                        .delivery(d.kind(), d.groupId(), Texts.zone(person.zone()), now);
                SessionHolds.Live holding = SessionHolds.holding(live.get(d.recipientId()), d.link());
                if (holding != null && d.kind() != Kind.SESSION_CATCH_UP && (way.push() || way.email())) {
                    held.put(d.recipientId(), new SessionHolds.Held(way.email(), holding));
                    way = new Preference.Delivery(way.store(), false, false);
                }
                ways.put(d.recipientId(), way);
                if (way.store()) {
                    kept.add(d);
                }
                if (way.email()) {
                    mails = mails.chain(() -> emails.queue(d.recipientId(), causeId + ":" + d.recipientId(),
                            person.email(), d.title(), d.body() + "\n\n" + emails.link(d.link())));
                }
            }
            Uni<Void> queued = mails;
            Set<UUID> pushed = ways.entrySet().stream().filter(w -> w.getValue().push()).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            return store.insert(causeId, kept, pushed).call(() -> queued).call(this::pending)
                    .call(inserted -> holds.hold(inserted.stored(), held))
                    .map(inserted -> {
                        List<Outgoing> outgoing = inserted.stored().stream()
                                .map(s -> new Outgoing(s, ways.get(s.recipientId()))).toList();
                        AfterCommit deliverLive = () -> deliver(outgoing, inserted.transaction());
                        return deliverLive;
                    });
        })));
    }

    /** The counts this insert changes are pending until its delta comes (see {@link UnreadCounts}). */
    private Uni<Void> pending(NotificationStore.Inserted inserted) {
        return inserted.stored().isEmpty() ? Uni.createFrom().voidItem()
                : counts.pending(inserted.stored().stream().map(NotificationStore.Stored::recipientId).distinct().toList(),
                        inserted.transaction());
    }

    private record Outgoing(NotificationStore.Stored stored, Preference.Delivery way) {
    }

    /** Every recipient's count moves; those outside quiet hours get the notification and the count live. */
    private Uni<Void> deliver(List<Outgoing> outgoing, String transaction) {
        if (outgoing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context trace = Context.current(); // the event's (the inbox's span), gone by the time the counts moved
        Map<UUID, Long> deltas = new HashMap<>();
        outgoing.forEach(o -> deltas.merge(o.stored().recipientId(), 1L, Long::sum));
        return counts.changed(deltas, transaction).chain(newCounts -> {
            List<PushHub.Push> pushes = new ArrayList<>();
            for (Outgoing o : outgoing) {
                if (o.way().push()) {
                    UUID user = o.stored().recipientId();
                    pushes.add(hub.notificationPush(user, o.stored().notification(), o.stored().seq()));
                    pushes.add(hub.countPush(user, newCounts.get(user)));
                }
            }
            return hub.publish(pushes, trace);
        }).onFailure().invoke(e -> LOG.warnf("live delivery failed; the inbox and replay still have it: %s",
                e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
