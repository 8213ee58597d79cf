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
 * transaction; {@link #sendDue} claims due ones (FOR UPDATE SKIP LOCKED, so replicas share the
 * work) and sends them over SMTP (quarkus-mailer) outside any transaction, retrying with exponential
 * backoff (5 s, 10 s, 20 s, … ) and giving up after {@value #MAX_ATTEMPTS} attempts.
 */
@ApplicationScoped
public class Emails {

    private static final Logger LOG = Logger.getLogger(Emails.class);
    static final int MAX_ATTEMPTS = 8;
    static final int BATCH = 50;
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration BACKOFF = Duration.ofSeconds(5);

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

    /**
     * The absolute link a person clicks in a mail or a webhook post: the web app's page for a
     * notification's API path (a notification's {@code link} stays the API path, for API clients).
     */
    public String link(String apiPath) {
        return baseUrl.replaceFirst("/$", "") + page(apiPath);
    }

    /** {@code /api/v1/sessions/7} → {@code /sessions/7}; a group's members, a problem's solutions and a group's webhooks are on the group's or problem's page. */
    static String page(String apiPath) {
        return apiPath.replaceFirst("^/api/v1", "")
                .replaceFirst("^(/groups/[^/?]+)/members$", "$1")
                .replaceFirst("^(/problems/[^/?]+)/solutions$", "$1")
                .replaceFirst("^/webhooks\\?groupId=([^&]+)$", "/groups/$1");
    }

    @Scheduled(every = "${nexus.email.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sendDue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "sending e-mails failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    /**
     * Sends what is due; returns how many went out. Due mails are claimed first (a short transaction
     * that leases them for {@link #LEASE} and counts the attempt), then sent with no transaction or
     * row lock open, then marked. A replica that dies mid-send leaves the lease to expire and the mail
     * is sent again: at least once, never lost.
     */
    public Uni<Integer> sendDue() {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        update emails set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => %d)
                        where id in (select id from emails
                            where sent_at is null and failed_at is null and next_attempt_at <= now()
                            order by next_attempt_at limit %d for update skip locked)
                        returning id, to_address, subject, body, attempts""".formatted(LEASE.toSeconds(), BATCH),
                        Object[].class)
                .getResultList()))
                .chain(claimed -> {
                    Uni<Integer> sent = Uni.createFrom().item(0);
                    for (Object[] mail : claimed) {
                        sent = sent.chain(count -> send(mail).map(ok -> ok ? count + 1 : count));
                    }
                    return sent;
                });
    }

    /**
     * The same on every attempt: a mail sent again after its lease ran out (the replica that sent it
     * killed before it recorded the sending) is the same message to mail clients, which show one.
     */
    static String messageId(UUID emailId) {
        return "<" + emailId + "@nexus.notifications>";
    }

    private Uni<Boolean> send(Object[] mail) {
        UUID id = (UUID) mail[0];
        int attempts = (Integer) mail[4];
        return mailer.send(Mail.withText((String) mail[1], (String) mail[2], (String) mail[3])
                        .addHeader("Message-ID", messageId(id)))
                .chain(() -> Panache.withTransaction(() -> Sql.execute("update emails set sent_at = now() where id = ?1",
                        id)))
                .replaceWith(true)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("e-mail %s failed (attempt %d): %s", id, attempts, e.getMessage());
                    String sql = attempts >= MAX_ATTEMPTS
                            ? "update emails set failed_at = now(), last_error = ?2 where id = ?1"
                            : "update emails set last_error = ?2, next_attempt_at = now() + "
                                    + "make_interval(secs => " + BACKOFF.toSeconds() * (1L << (attempts - 1))
                                    + ") where id = ?1";
                    return Panache.withTransaction(() -> Sql.execute(sql, id, String.valueOf(e.getMessage())))
                            .replaceWith(false);
                });
    }
}
