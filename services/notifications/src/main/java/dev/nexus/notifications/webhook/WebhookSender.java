package dev.nexus.notifications.webhook;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.projection.Groups;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
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
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SsrfGuard guard;
    private final Delivery delivery;
    private final Groups groups;
    private final Duration backoff;
    private final int maxAttempts;
    private final int disableAfter;
    private final HttpClient http;

    public WebhookSender(SsrfGuard guard, Delivery delivery, Groups groups, Vertx vertx,
            @ConfigProperty(name = "nexus.webhooks.backoff", defaultValue = "5s") Duration backoff,
            @ConfigProperty(name = "nexus.webhooks.max-attempts", defaultValue = "6") int maxAttempts,
            @ConfigProperty(name = "nexus.webhooks.disable-after", defaultValue = "5") int disableAfter) {
        this.guard = guard;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT.toMillis())
                .setVerifyHost(true));
        this.delivery = delivery;
        this.groups = groups;
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

    /**
     * Posts what is due; returns how many were delivered. Due deliveries are claimed first (a short
     * transaction that leases them for {@link #LEASE} and counts the attempt), posted with no
     * transaction or row lock open, then marked one by one. A replica that dies mid-post leaves the
     * lease to expire and the delivery is posted again: at least once, never lost.
     */
    public Uni<Integer> sendDue() {
        List<UUID> disabled = new ArrayList<>();
        return Panache.withTransaction(() -> Sql.list("""
                        with claimed as (
                            update webhook_deliveries set attempts = attempts + 1,
                                next_attempt_at = now() + make_interval(secs => %d)
                            where id in (select d.id from webhook_deliveries d join webhooks w on w.id = d.webhook_id
                                where d.delivered_at is null and d.failed_at is null and d.next_attempt_at <= now()
                                    and w.disabled_at is null
                                order by d.next_attempt_at limit %d for update of d skip locked)
                            returning id, payload, attempts, webhook_id, next_attempt_at)
                        select c.id, c.payload, c.attempts, w.id, w.url, w.group_id, w.created_by, w.secret,
                            case when w.previous_secret_until > now() then w.previous_secret end from claimed c
                        join webhooks w on w.id = c.webhook_id order by c.next_attempt_at"""
                        .formatted(LEASE.toSeconds(), BATCH), Object[].class)
                        .map(rows -> rows.stream().map(Claimed::of).toList()))
                .chain(claimed -> {
                    Uni<Integer> delivered = Uni.createFrom().item(0);
                    for (Claimed d : claimed) {
                        // a webhook disabled earlier in this batch gets nothing more (disabling failed its deliveries)
                        delivered = delivered.chain(count -> disabled.contains(d.webhook()) ? Uni.createFrom().item(count)
                                : send(d, disabled).map(ok -> ok ? count + 1 : count));
                    }
                    return delivered;
                });
    }

    /**
     * A delivery claimed for an attempt (the attempt counted), with its webhook; {@code secret} (and
     * the rotated-out one while it is still valid) only for a signed CLOUDEVENTS webhook.
     */
    private record Claimed(UUID id, String payload, int attempts, UUID webhook, String url, UUID groupId,
            UUID organizer, String secret, String previousSecret) {
        static Claimed of(Object[] r) {
            return new Claimed((UUID) r[0], (String) r[1], (Integer) r[2], (UUID) r[3], (String) r[4], (UUID) r[5],
                    (UUID) r[6], (String) r[7], (String) r[8]);
        }

        boolean signed() {
            return secret != null;
        }
    }

    /** Posts one claimed delivery, then records the outcome in its own transaction. */
    private Uni<Boolean> send(Claimed d, List<UUID> disabled) {
        UUID id = d.id();
        UUID webhook = d.webhook();
        return post(d)
                .map(status -> status / 100 == 2 ? null
                        : status / 100 == 3 ? "redirect (" + status + ") not followed" : "HTTP " + status)
                .onFailure().recoverWithItem(e -> String.valueOf(e.getMessage()))
                .chain(error -> error == null
                        ? Panache.withTransaction(() -> Sql.execute(
                                        "update webhook_deliveries set delivered_at = now() where id = ?1", id)
                                .chain(() -> Sql.execute("update webhooks set consecutive_failures = 0 where id = ?1",
                                        webhook)))
                                .replaceWith(true)
                        : failed(d, error).chain(notice -> notice == null ? Uni.createFrom().voidItem()
                                        : notice.run().invoke(() -> disabled.add(webhook)))
                                .replaceWith(false));
    }

    /**
     * Records a failed attempt. When that disabled the webhook, the organizer's notice is stored and
     * its push returned (null otherwise), to run now that the transaction committed.
     */
    private Uni<AfterCommit> failed(Claimed d, String error) {
        UUID id = d.id();
        int attempts = d.attempts();
        UUID webhook = d.webhook();
        LOG.infof("webhook %s delivery %s failed (attempt %d): %s", webhook, id, attempts, error);
        long delay = backoff.toMillis() * (1L << Math.min(attempts - 1, 16));
        String update = attempts >= maxAttempts
                ? "update webhook_deliveries set last_error = ?2, failed_at = now() where id = ?1"
                : "update webhook_deliveries set last_error = ?2,"
                        + " next_attempt_at = now() + make_interval(secs => " + delay / 1000.0 + ") where id = ?1";
        return Panache.withTransaction(() -> Sql.execute(update, id, error)
                .chain(() -> Sql.list("""
                        update webhooks set consecutive_failures = consecutive_failures + 1
                        where id = ?1 and disabled_at is null returning consecutive_failures""", Integer.class, webhook))
                .chain(failures -> failures.isEmpty() || failures.get(0) < disableAfter ? Uni.createFrom().nullItem()
                        : disable(webhook, d.groupId(), d.organizer(), failures.get(0), error)));
    }

    private Uni<AfterCommit> disable(UUID webhook, UUID groupId, UUID organizer, int failures, String error) {
        return Sql.execute("update webhooks set disabled_at = now() where id = ?1", webhook)
                .chain(() -> Sql.execute("""
                        update webhook_deliveries set failed_at = now(), last_error = 'webhook disabled'
                        where webhook_id = ?1 and delivered_at is null and failed_at is null""", webhook))
                .chain(() -> groups.name(groupId))
                .chain(group -> delivery.store(webhook, new Draft(organizer, Kind.WEBHOOK_DISABLED, groupId,
                        "A webhook of " + group + " was disabled",
                        "It failed " + failures + " times in a row (last: " + error + "). Register it again once it"
                                + " works.", "/api/v1/webhooks?groupId=" + groupId)));
    }

    /** The most of a webhook's answer that is read (and thrown away). */
    static final int MAX_ANSWER = 64 * 1024;

    /**
     * POSTs the delivery's JSON to the address the guard checked (the URL's host only names it for
     * TLS and the Host header), without following redirects; answers the status on the caller's
     * Vert.x context. The {@code webhook-id} header (the Standard Webhooks name) is the delivery's id,
     * the same on every attempt: a receiver that gets a post again (its answer lost, or the replica
     * posting it killed before it recorded the answer) can drop it by that id. A signed webhook's post
     * is the CloudEvent (structured mode) with {@code webhook-timestamp} and {@code webhook-signature}
     * (one {@code v1,…} per valid secret, separated by a space).
     */
    private Uni<Integer> post(Claimed d) {
        RequestOptions options = new RequestOptions().putHeader("webhook-id", d.id().toString());
        if (d.signed()) {
            long timestamp = Instant.now().getEpochSecond();
            String signature = Signature.sign(d.secret(), d.id().toString(), timestamp, d.payload());
            if (d.previousSecret() != null) {
                signature += " " + Signature.sign(d.previousSecret(), d.id().toString(), timestamp, d.payload());
            }
            options.putHeader("Content-Type", CloudEvent.CONTENT_TYPE)
                    .putHeader("webhook-timestamp", String.valueOf(timestamp))
                    .putHeader("webhook-signature", signature);
        } else {
            options.putHeader("Content-Type", "application/json");
        }
        return guard.verify(d.url(), d.signed())
                .onFailure().transform(e -> new IllegalStateException("URL refused: " + e.getMessage()))
                .chain(target -> http.request(options
                                .setMethod(HttpMethod.POST)
                                .setAbsoluteURI(target.uri().toString())
                                .setServer(SocketAddress.inetSocketAddress(
                                        new InetSocketAddress(target.address(), target.port())))
                                .setFollowRedirects(false)
                                .setTimeout(TIMEOUT.toMillis()))
                        .chain(request -> request.send(d.payload()))
                        .chain(WebhookSender::statusReadingLittle));
    }

    /**
     * The status, once at most {@link #MAX_ANSWER} bytes of the answer were read: nothing in it is
     * used, and a host must not be able to make a replica read an endless body.
     */
    private static Uni<Integer> statusReadingLittle(HttpClientResponse response) {
        var answer = response.getDelegate();
        return Uni.createFrom().emitter(emitter -> {
            long[] read = { 0 };
            answer.handler(chunk -> {
                read[0] += chunk.length();
                if (read[0] > MAX_ANSWER) {
                    answer.request().reset();
                }
            });
            answer.endHandler(v -> emitter.complete(answer.statusCode()));
            answer.exceptionHandler(e -> emitter.complete(answer.statusCode()));
        });
    }
}
