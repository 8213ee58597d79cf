package dev.nexus.notifications.delivery;

import dev.nexus.notifications.email.Emails;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.recipient.People;
import dev.nexus.notifications.recipient.Preferences;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Releases what {@link SessionHolds} held once the session is over: per person, one catch-up
 * notification ("While you were in Graph night: 2 new solutions, 1 comment"), pushed like any other,
 * and one e-mail listing the held notifications that wanted one. A scheduler on every replica takes
 * due holds under FOR UPDATE SKIP LOCKED and deletes them in the transaction that stores the
 * catch-up, so each is released once with several replicas. Someone who is in another session by
 * then is held until that one ends too.
 */
@ApplicationScoped
public class HoldReleases {

    private static final Logger LOG = Logger.getLogger(HoldReleases.class);
    static final int BATCH = 50;
    /** Where a catch-up leads: the unread inbox. */
    static final String INBOX = "/api/v1/notifications?unread=true";

    private final SessionHolds holds;
    private final Delivery delivery;
    private final People people;
    private final Preferences preferences;
    private final Emails emails;

    public HoldReleases(SessionHolds holds, Delivery delivery, People people, Preferences preferences, Emails emails) {
        this.holds = holds;
        this.delivery = delivery;
        this.people = people;
        this.preferences = preferences;
        this.emails = emails;
    }

    @Scheduled(every = "${nexus.holds.release-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return releaseDue(Instant.now()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "releasing held notifications failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    /** Releases up to {@value #BATCH} holds due at {@code now}; returns how many people got a catch-up. */
    public Uni<Integer> releaseDue(Instant now) {
        return Panache.withTransaction(() -> Sql.list("""
                        select h.recipient_id, coalesce(s.title, 'your session') from holds h
                        left join sessions s on s.id = h.session_id
                        where h.release_at <= ?1 order by h.release_at limit %d for update of h skip locked"""
                        .formatted(BATCH), Object[].class, now.atOffset(ZoneOffset.UTC))
                .chain(rows -> holds.live(rows.stream().map(r -> (UUID) r[0]).toList(), now)
                        .chain(live -> AfterCommit.inTurn(rows, row -> {
                            UUID person = (UUID) row[0];
                            List<SessionHolds.Live> still = live.get(person);
                            if (still == null) {
                                return release(person, (String) row[1], now);
                            }
                            // in another session by now: wait for the one ending last
                            SessionHolds.Live last = still.stream().max(Comparator.comparing(SessionHolds.Live::endsAt))
                                    .orElseThrow();
                            return Sql.execute("update holds set release_at = ?2, session_id = ?3 where recipient_id = ?1",
                                    person, last.endsAt().atOffset(ZoneOffset.UTC), last.sessionId()).replaceWith(
                                    (AfterCommit) null);
                        }))))
                .call(AfterCommit::runAll)
                .map(List::size);
    }

    private record Item(String kind, String title, String link, boolean email) {
    }

    /** The person's catch-up and e-mail, in the transaction that deletes their hold. */
    private Uni<AfterCommit> release(UUID person, String session, Instant now) {
        UUID cause = UUID.randomUUID();
        return Sql.list("""
                        with gone as (delete from held where recipient_id = ?1 returning notification_id, email)
                        select n.type, n.title, n.link, g.email from gone g join notifications n on n.id = g.notification_id
                        order by n.seq""", Object[].class, person)
                .map(rows -> rows.stream().map(r -> new Item((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3]))
                        .toList())
                .call(() -> Sql.execute("delete from holds where recipient_id = ?1", person))
                .chain(items -> items.isEmpty() ? Uni.createFrom().item(AfterCommit.NOTHING)
                        : mail(person, session, items, cause, now).chain(() -> delivery.store(cause, new Draft(person,
                                Kind.SESSION_CATCH_UP, null, "While you were in " + session, summary(items) + ".", INBOX))));
    }

    /** One e-mail with the held notifications that wanted one, unless the person is in quiet hours now. */
    private Uni<Void> mail(UUID person, String session, List<Item> items, UUID cause, Instant now) {
        List<Item> wanted = items.stream().filter(Item::email).toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return people.of(person).chain(p -> preferences.of(person).chain(pref -> {
            if (pref.quiet(Texts.zone(p.zone()), now)) {
                return Uni.createFrom().voidItem();
            }
            String body = wanted.stream().map(i -> i.title() + "\n" + emails.link(i.link()))
                    .collect(Collectors.joining("\n\n", "While you were in " + session + ":\n\n", ""));
            return emails.queue(person, cause + ":" + person, p.email(), "While you were in " + session, body);
        }));
    }

    /** "2 new solutions, 1 comment": how many of each kind, in the order they first came. */
    static String summary(List<Item> items) {
        Map<String, Long> counts = items.stream()
                .collect(Collectors.groupingBy(Item::kind, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + noun(e.getKey(), e.getValue() == 1))
                .collect(Collectors.joining(", "));
    }

    private static String noun(String kind, boolean one) {
        String[] forms = switch (kind) {
            case "session.scheduled" -> new String[] { "new session", "new sessions" };
            case "session.rescheduled" -> new String[] { "moved session", "moved sessions" };
            case "session.cancelled" -> new String[] { "cancelled session", "cancelled sessions" };
            case "session.reminder" -> new String[] { "session reminder", "session reminders" };
            case "session.waitlist-promoted" -> new String[] { "place off the waitlist", "places off the waitlist" };
            case "solution.posted" -> new String[] { "new solution", "new solutions" };
            case "solution.accepted" -> new String[] { "accepted solution", "accepted solutions" };
            case "comment.added" -> new String[] { "comment", "comments" };
            case "note.posted" -> new String[] { "new note", "new notes" };
            case "group.member-joined" -> new String[] { "new member", "new members" };
            case "poll.opened" -> new String[] { "poll to answer", "polls to answer" };
            case "poll.reminder" -> new String[] { "poll reminder", "poll reminders" };
            case "poll.closed" -> new String[] { "time set by a poll", "times set by polls" };
            case "webhook.disabled" -> new String[] { "disabled webhook", "disabled webhooks" };
            case "session.recap" -> new String[] { "session recap", "session recaps" };
            case "session.your-turn" -> new String[] { "turn to drive", "turns to drive" };
            default -> new String[] { "other notification", "other notifications" };
        };
        return one ? forms[0] : forms[1];
    }
}
