package dev.nexus.notifications.webhook;

import dev.nexus.notifications.inbox.Delivery;
import dev.nexus.notifications.notify.Draft;
import dev.nexus.notifications.projection.Projections;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Posts queued webhook deliveries (FOR UPDATE SKIP LOCKED, so replicas share the work). A 2xx is
 * delivered; anything else — an error status, a redirect (never followed), a timeout, a URL the
 * {@link SsrfGuard} now refuses — is retried with exponential backoff up to {@code max-attempts}.
 * After {@code disable-after} failures in a row the webhook is disabled and the organizer who
 * registered it is notified.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final int BATCH = 20;

    private final SsrfGuard guard;
    private final Delivery delivery;
    private final Projections projections;
    private final Duration backoff;
    private final int maxAttempts;
    private final int disableAfter;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public WebhookSender(SsrfGuard guard, Delivery delivery, Projections projections,
            @ConfigProperty(name = "nexus.webhooks.backoff", defaultValue = "5s") Duration backoff,
            @ConfigProperty(name = "nexus.webhooks.max-attempts", defaultValue = "6") int maxAttempts,
            @ConfigProperty(name = "nexus.webhooks.disable-after", defaultValue = "5") int disableAfter) {
        this.guard = guard;
        this.delivery = delivery;
        this.projections = projections;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.disableAfter = disableAfter;
    }

    @Scheduled(every = "${nexus.webhooks.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sendDue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "webhook deliveries failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    /** Posts what is due; returns how many were delivered. */
    public Uni<Integer> sendDue() {
        List<UUID> disabled = new ArrayList<>();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select d.id, d.payload, d.attempts, w.id, w.url, w.group_id, w.created_by from webhook_deliveries d
                        join webhooks w on w.id = d.webhook_id
                        where d.delivered_at is null and d.failed_at is null and d.next_attempt_at <= now()
                            and w.disabled_at is null
                        order by d.next_attempt_at limit %d for update of d, w skip locked""".formatted(BATCH),
                        Object[].class)
                .getResultList())
                .chain(due -> {
                    Uni<Integer> delivered = Uni.createFrom().item(0);
                    for (Object[] d : due) {
                        // a webhook disabled earlier in this batch gets nothing more
                        delivered = delivered.chain(count -> disabled.contains((UUID) d[3]) ? Uni.createFrom().item(count)
                                : send(d, disabled).map(ok -> ok ? count + 1 : count));
                    }
                    return delivered;
                }))
                .call(() -> {
                    Uni<Void> pushes = Uni.createFrom().voidItem();
                    for (UUID webhook : disabled) {
                        pushes = pushes.chain(() -> delivery.push(webhook));
                    }
                    return pushes;
                });
    }

    private Uni<Boolean> send(Object[] d, List<UUID> disabled) {
        UUID id = (UUID) d[0];
        int attempts = (Integer) d[2] + 1;
        UUID webhook = (UUID) d[3];
        return post((String) d[4], (String) d[1])
                .chain(status -> status / 100 == 2
                        ? Sql.execute("update webhook_deliveries set delivered_at = now(), attempts = ?2 where id = ?1",
                                id, attempts)
                                .chain(() -> Sql.execute("update webhooks set consecutive_failures = 0 where id = ?1", webhook))
                                .replaceWith(true)
                        : failed(d, attempts, status / 100 == 3 ? "redirect (" + status + ") not followed"
                                : "HTTP " + status, disabled))
                .onFailure().recoverWithUni(e -> failed(d, attempts, String.valueOf(e.getMessage()), disabled));
    }

    private Uni<Boolean> failed(Object[] d, int attempts, String error, List<UUID> disabled) {
        UUID id = (UUID) d[0];
        UUID webhook = (UUID) d[3];
        LOG.infof("webhook %s delivery %s failed (attempt %d): %s", webhook, id, attempts, error);
        long delay = backoff.toMillis() * (1L << Math.min(attempts - 1, 16));
        String update = attempts >= maxAttempts
                ? "update webhook_deliveries set attempts = ?2, last_error = ?3, failed_at = now() where id = ?1"
                : "update webhook_deliveries set attempts = ?2, last_error = ?3,"
                        + " next_attempt_at = now() + make_interval(secs => " + delay / 1000.0 + ") where id = ?1";
        return Sql.execute(update, id, attempts, error)
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                update webhooks set consecutive_failures = consecutive_failures + 1 where id = ?1
                                returning consecutive_failures""", Integer.class)
                        .setParameter(1, webhook)
                        .getSingleResult()))
                .chain(failures -> failures < disableAfter ? Uni.createFrom().voidItem()
                        : disable(webhook, (UUID) d[5], (UUID) d[6], failures, error).invoke(() -> disabled.add(webhook)))
                .replaceWith(false);
    }

    private Uni<Void> disable(UUID webhook, UUID groupId, UUID organizer, int failures, String error) {
        return Sql.execute("update webhooks set disabled_at = now() where id = ?1", webhook)
                .chain(() -> Sql.execute("""
                        update webhook_deliveries set failed_at = now(), last_error = 'webhook disabled'
                        where webhook_id = ?1 and delivered_at is null and failed_at is null""", webhook))
                .chain(() -> projections.groupName(groupId))
                .chain(group -> delivery.store(webhook, List.of(new Draft(organizer, "webhook.disabled", groupId,
                        "A webhook of " + group + " was disabled",
                        "It failed " + failures + " times in a row (last: " + error + "). Register it again once it"
                                + " works.", "/api/v1/webhooks?groupId=" + groupId))));
    }

    /** POSTs JSON without following redirects; the status, back on the caller's Vert.x context. */
    private Uni<Integer> post(String url, String payload) {
        Context context = Vertx.currentContext();
        return guard.verify(url)
                .onFailure().transform(e -> new IllegalStateException("URL refused: " + e.getMessage()))
                .chain(uri -> Uni.createFrom().completionStage(() -> http.sendAsync(HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.discarding())))
                .map(HttpResponse::statusCode)
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
