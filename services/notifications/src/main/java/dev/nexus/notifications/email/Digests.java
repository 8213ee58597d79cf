package dev.nexus.notifications.email;

import dev.nexus.notifications.model.Texts;
import dev.nexus.platform.db.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The daily digest: at 08:00 in each DAILY user's zone, one e-mail with everything still unread
 * that arrived since their last digest (or the last day, for the first one). A day without unread
 * notifications sends nothing. Runs every minute on every replica; a user whose row another replica
 * holds is skipped, and the e-mail's dedupe key (user and local date) keeps it to one per day.
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

    /**
     * Queues the digests due at {@code now}; returns how many were queued. Finds who is due without
     * locking anything, then handles each user in a short transaction of their own that locks only
     * their preferences row (skipped when another replica holds it) and checks again.
     */
    public Uni<Integer> runAt(Instant now) {
        // nobody gets a digest less than 12 hours after the last (a zone change moves 08:00 by at most 26 hours)
        return Panache.withSession(() -> Sql.list("""
                        select p.user_id, u.time_zone from preferences p join users u on u.id = p.user_id
                        where p.digest = 'DAILY' and (p.last_digest_at is null or p.last_digest_at < ?1)""",
                        Object[].class, now.minusSeconds(12 * 3600).atOffset(ZoneOffset.UTC)))
                .chain(candidates -> {
                    Uni<Integer> queued = Uni.createFrom().item(0);
                    for (Object[] c : candidates) {
                        ZoneId zone = Texts.zone((String) c[1]);
                        LocalDate day = now.atZone(zone).toLocalDate();
                        Instant todayAt = day.atTime(AT).atZone(zone).toInstant();
                        if (now.isBefore(todayAt)) {
                            continue;
                        }
                        queued = queued.chain(count -> Panache.withTransaction(() -> due((UUID) c[0], todayAt, now, day))
                                .map(sent -> sent ? count + 1 : count));
                    }
                    return queued;
                });
    }

    /** Locks the user's preferences and queues their digest unless someone else holds them or it went out today. */
    private Uni<Boolean> due(UUID user, Instant todayAt, Instant now, LocalDate day) {
        return Sql.list("""
                        select u.email, u.time_zone, p.last_digest_at from preferences p join users u on u.id = p.user_id
                        where p.user_id = ?1 and p.digest = 'DAILY' for update of p skip locked""", Object[].class, user)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    Object[] u = rows.get(0);
                    Instant last = u[2] == null ? null : Sql.instant(u[2]);
                    if (last != null && !last.isBefore(todayAt)) {
                        return Uni.createFrom().item(false);
                    }
                    Instant since = last != null ? last : todayAt.minusSeconds(24 * 3600);
                    return digest(user, (String) u[0], (String) u[1], day, since, now);
                });
    }

    private Uni<Boolean> digest(UUID user, String email, String zone, LocalDate day, Instant since, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select title, body, link, created_at from notifications
                        where recipient_id = ?1 and read_at is null and created_at > ?2 order by seq""", Object[].class)
                .setParameter(1, user)
                .setParameter(2, since.atOffset(ZoneOffset.UTC))
                .getResultList())
                .chain(unread -> {
                    Uni<Void> mail = unread.isEmpty() ? Uni.createFrom().voidItem()
                            : emails.queue(user, "digest:" + user + ":" + day, email,
                                    "Your Nexus digest: " + unread.size() + " unread", body(unread, zone, now));
                    return mail.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                    "update preferences set last_digest_at = ?2 where user_id = ?1")
                            .setParameter(1, user)
                            .setParameter(2, now.atOffset(ZoneOffset.UTC))
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
