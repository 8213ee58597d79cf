package dev.nexus.notifications.email;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The e-mail queue ({@code emails}, migration V5). {@link #queue} writes a mail in the caller's
 * transaction; {@link #sendDue} sends due ones over SMTP (quarkus-mailer) under FOR UPDATE SKIP
 * LOCKED, retrying with exponential backoff (5 s, 10 s, 20 s, … ) and giving up after
 * {@value #MAX_ATTEMPTS} attempts.
 */
@ApplicationScoped
public class Emails {

    private static final Logger LOG = Logger.getLogger(Emails.class);
    static final int MAX_ATTEMPTS = 8;
    static final int BATCH = 50;

    private final ReactiveMailer mailer;
    private final String baseUrl;

    public Emails(ReactiveMailer mailer,
            @ConfigProperty(name = "nexus.web.base-url", defaultValue = "http://localhost:8080") String baseUrl) {
        this.mailer = mailer;
        this.baseUrl = baseUrl;
    }

    /** Queues a mail (once per {@code dedupeKey}); call inside a transaction. No address: nothing. */
    public Uni<Void> queue(UUID recipient, String dedupeKey, String to, String subject, String body) {
        if (to == null || to.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into emails (id, recipient_id, dedupe_key, to_address, subject, body)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (dedupe_key) do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, recipient)
                .setParameter(3, dedupeKey)
                .setParameter(4, to)
                .setParameter(5, subject)
                .setParameter(6, body)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** An absolute link for a mail body. */
    public String link(String path) {
        return baseUrl.replaceFirst("/$", "") + path;
    }

    @Scheduled(every = "${nexus.email.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sendDue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "sending e-mails failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    /** Sends what is due; returns how many went out. */
    public Uni<Integer> sendDue() {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select id, to_address, subject, body, attempts from emails
                        where sent_at is null and failed_at is null and next_attempt_at <= now()
                        order by next_attempt_at limit %d for update skip locked""".formatted(BATCH), Object[].class)
                .getResultList())
                .chain(due -> {
                    Uni<Integer> sent = Uni.createFrom().item(0);
                    for (Object[] mail : due) {
                        sent = sent.chain(count -> send(mail).map(ok -> ok ? count + 1 : count));
                    }
                    return sent;
                }));
    }

    private Uni<Boolean> send(Object[] mail) {
        UUID id = (UUID) mail[0];
        int attempts = (Integer) mail[4] + 1;
        return mailer.send(Mail.withText((String) mail[1], (String) mail[2], (String) mail[3]))
                .chain(() -> Sql.execute("update emails set sent_at = now(), attempts = ?2 where id = ?1", id, attempts))
                .replaceWith(true)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("e-mail %s failed (attempt %d): %s", id, attempts, e.getMessage());
                    String sql = attempts >= MAX_ATTEMPTS
                            ? "update emails set attempts = ?2, failed_at = now(), last_error = ?3 where id = ?1"
                            : "update emails set attempts = ?2, last_error = ?3, next_attempt_at = now() + "
                                    + "make_interval(secs => " + Duration.ofSeconds(5).toSeconds() * (1L << (attempts - 1))
                                    + ") where id = ?1";
                    return Sql.execute(sql, id, attempts, String.valueOf(e.getMessage())).replaceWith(false);
                });
    }
}
