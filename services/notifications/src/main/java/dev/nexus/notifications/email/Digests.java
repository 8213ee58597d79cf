package dev.nexus.notifications.email;

import dev.nexus.notifications.notify.Texts;
import dev.nexus.platform.db.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The daily digest: at 08:00 in each DAILY user's zone, one e-mail with everything still unread
 * that arrived since their last digest (or the last day, for the first one). A day without unread
 * notifications sends nothing. Runs every minute on every replica; rows locked by another are
 * skipped and the e-mail's dedupe key (user and local date) keeps it to one per day.
 */
@ApplicationScoped
public class Digests {

    private static final Logger LOG = Logger.getLogger(Digests.class);
    static final LocalTime AT = LocalTime.of(8, 0);

    private final Emails emails;

    public Digests(Emails emails) {
        this.emails = emails;
    }

    @Scheduled(every = "${nexus.digest.interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return runAt(Instant.now()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "digest run failed; the next one retries"))
                .onFailure().recoverWithNull();
    }

    /** Queues the digests due at {@code now}; returns how many were queued. */
    public Uni<Integer> runAt(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select p.user_id, u.time_zone, u.email, p.last_digest_at from preferences p
                        join users u on u.id = p.user_id
                        where p.digest = 'DAILY' for update of p skip locked""", Object[].class)
                .getResultList())
                .chain(users -> {
                    Uni<Integer> queued = Uni.createFrom().item(0);
                    for (Object[] u : users) {
                        ZoneId zone = Texts.zone((String) u[1]);
                        ZonedDateTime local = now.atZone(zone);
                        Instant todayAt = local.toLocalDate().atTime(AT).atZone(zone).toInstant();
                        Instant last = u[3] == null ? null : Sql.instant(u[3]);
                        if (now.isBefore(todayAt) || (last != null && !last.isBefore(todayAt))) {
                            continue;
                        }
                        Instant since = last != null ? last : todayAt.minusSeconds(24 * 3600);
                        queued = queued.chain(count -> digest((UUID) u[0], (String) u[2], (String) u[1],
                                local.toLocalDate(), since, now).map(sent -> sent ? count + 1 : count));
                    }
                    return queued;
                }));
    }

    private Uni<Boolean> digest(UUID user, String email, String zone, LocalDate day, Instant since, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select title, body, link, created_at from notifications
                        where recipient_id = ?1 and read_at is null and created_at > ?2 order by seq""", Object[].class)
                .setParameter(1, user)
                .setParameter(2, since.atOffset(java.time.ZoneOffset.UTC))
                .getResultList())
                .chain(unread -> {
                    Uni<Void> mail = unread.isEmpty() ? Uni.createFrom().voidItem()
                            : emails.queue(user, "digest:" + user + ":" + day, email,
                                    "Your Nexus digest: " + unread.size() + " unread", body(unread, zone, now));
                    return mail.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                    "update preferences set last_digest_at = ?2 where user_id = ?1")
                            .setParameter(1, user)
                            .setParameter(2, now.atOffset(java.time.ZoneOffset.UTC))
                            .executeUpdate()))
                            .replaceWith(!unread.isEmpty());
                });
    }

    private String body(List<Object[]> unread, String zone, Instant now) {
        StringBuilder text = new StringBuilder("Unread since your last digest:\n");
        for (Object[] n : unread) {
            text.append("\n- ").append(Texts.time(Sql.instant(n[3]), zone, now)).append(": ").append(n[0])
                    .append("\n  ").append(n[1]).append("\n  ").append(emails.link((String) n[2])).append('\n');
        }
        return text.toString();
    }
}
