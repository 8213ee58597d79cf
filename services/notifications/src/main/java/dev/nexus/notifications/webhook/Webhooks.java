package dev.nexus.notifications.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.contracts.CloudEvent;
import dev.nexus.notifications.model.Kind;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.memberships.GroupRole;
import dev.nexus.platform.memberships.Memberships;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Group webhooks: organizers register a Discord/Slack-compatible incoming-webhook URL ({@code CHAT})
 * or an endpoint of their own that gets the events as signed CloudEvents ({@code CLOUDEVENTS}, with
 * a secret shown once and rotatable; see {@link Signature}), each checked by {@link SsrfGuard}, and
 * the kinds of group news it receives; each such event queues one delivery per webhook in the
 * event's transaction ({@link WebhookSender} posts them).
 */
@ApplicationScoped
public class Webhooks {

    /** What a group webhook can receive: news of the group ({@link Kind#groupNews}), not personal notifications. */
    public static final List<String> KINDS = Kind.groupNewsKeys();

    /** Before every webhook of the oldest-first list. */
    private static final Cursor FIRST = new Cursor(Instant.EPOCH, new UUID(0L, 0L));

    private final Memberships memberships;
    private final SsrfGuard guard;
    private final ObjectMapper json;

    public Webhooks(Memberships memberships, SsrfGuard guard, ObjectMapper json) {
        this.memberships = memberships;
        this.guard = guard;
        this.json = json;
    }

    public static final int MAX_URL = 2000;
    public static final int MAX_KINDS = 10;
    public static final int MAX_KIND = Kind.MAX_KEY;

    /** What a webhook posts: a chat message (Discord, Slack) or the event itself, signed. */
    public enum Format {
        CHAT, CLOUDEVENTS
    }

    public record CreateWebhook(@NotNull UUID groupId, @NotNull @Size(max = MAX_URL) String url,
            @NotEmpty @Size(max = MAX_KINDS)
            List<@NotNull @Size(max = MAX_KIND, message = "is not a webhook kind") String> kinds,
            @Schema(description = "CHAT (default): a Discord/Slack incoming webhook on an allowed host;"
                    + " CLOUDEVENTS: any public https endpoint, posted the events signed with a secret")
            Format format) {
    }

    /**
     * A webhook; a chat webhook's URL is shown shortened, as it carries the webhook's secret (never
     * longer than the URL given, plus the "…"). The element constraint of {@code kinds} only
     * documents it. {@code secret}: only in the answer to registering or rotating a CLOUDEVENTS one.
     */
    public record WebhookView(UUID id, UUID groupId, @Schema(maxLength = MAX_URL + 1) String url,
            @Schema(maxItems = MAX_KINDS) List<@Size(max = MAX_KIND) String> kinds, Format format, Instant createdAt,
            boolean disabled, @Schema(minimum = "0") int consecutiveFailures,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "The signing secret (whsec_…), shown only when registered or rotated", maxLength = 50)
            String secret) {
    }

    public Uni<WebhookView> create(UUID caller, CreateWebhook request) {
        return Panache.withTransaction(() -> organizer(caller, request.groupId()).invoke(() -> {
            for (String kind : request.kinds()) {
                if (!KINDS.contains(kind)) {
                    throw ProblemException.invalidField("kinds", "'" + kind + "' is not one of " + String.join(", ", KINDS));
                }
            }
        }).chain(() -> guard.verify(request.url(), format(request) == Format.CLOUDEVENTS)).chain(target -> {
            Format format = format(request);
            String url = target.uri().toString();
            UUID id = UUID.randomUUID();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String[] kinds = request.kinds().stream().distinct().toArray(String[]::new);
            String secret = format == Format.CLOUDEVENTS ? Signature.newSecret() : null;
            return Panache.getSession().chain(s -> s.createNativeQuery("""
                            insert into webhooks (id, group_id, url, kinds, created_by, created_at, format, secret)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                    .setParameter(1, id)
                    .setParameter(2, request.groupId())
                    .setParameter(3, url)
                    .setParameter(4, kinds)
                    .setParameter(5, caller)
                    .setParameter(6, now.atOffset(ZoneOffset.UTC))
                    .setParameter(7, format.name())
                    .setParameter(8, secret)
                    .executeUpdate())
                    .replaceWith(new WebhookView(id, request.groupId(), shown(url, format), List.of(kinds), format,
                            now, false, 0, secret));
        }));
    }

    private static Format format(CreateWebhook request) {
        return request.format() == null ? Format.CHAT : request.format();
    }

    /**
     * A new secret for a CLOUDEVENTS webhook, shown once; the one it replaces still signs beside it
     * for {@link #PREVIOUS_SECRET_VALID}, so that the receiver can switch without losing a post.
     */
    public Uni<WebhookView> rotate(UUID caller, UUID webhookId) {
        String secret = Signature.newSecret();
        return Panache.withTransaction(() -> groupOf(webhookId).chain(group -> organizer(caller, group))
                .chain(() -> Sql.list("""
                        update webhooks set previous_secret = secret, secret = ?2,
                            previous_secret_until = now() + make_interval(secs => %d)
                        where id = ?1 and format = 'CLOUDEVENTS'
                        returning id, group_id, url, array_to_string(kinds, ','), created_at, disabled_at,
                            consecutive_failures, format""".formatted(PREVIOUS_SECRET_VALID.toSeconds()),
                        Object[].class, webhookId, secret))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.conflict("A chat webhook has no secret (its URL is one): delete it and"
                                + " register the new URL.");
                    }
                    return view(rows.get(0), secret);
                }));
    }

    /** How long a rotated-out secret keeps signing beside the new one. */
    static final Duration PREVIOUS_SECRET_VALID = Duration.ofDays(1);

    /** A group's webhooks, oldest first, a page after {@code after} (null: the first page). */
    public Uni<Page<WebhookView>> list(UUID caller, UUID groupId, Cursor after, int limit) {
        Cursor from = after != null ? after : FIRST;
        return Panache.withSession(() -> organizer(caller, groupId).chain(() -> Sql.list("""
                        select id, group_id, url, array_to_string(kinds, ','), created_at, disabled_at,
                            consecutive_failures, format from webhooks
                        where group_id = ?1 and (created_at, id) > (?2, ?3) order by created_at, id limit ?4""",
                        Object[].class, groupId, from.at().atOffset(ZoneOffset.UTC), from.id(), limit + 1))
                .map(rows -> Page.of(rows.stream().map(r -> view(r, null)).toList(), limit, view -> view,
                        view -> new Cursor(view.createdAt(), view.id()).encode())));
    }

    /** A row of id, group_id, url, kinds (comma-joined), created_at, disabled_at, consecutive_failures, format. */
    private static WebhookView view(Object[] r, String secret) {
        Format format = Format.valueOf((String) r[7]);
        return new WebhookView((UUID) r[0], (UUID) r[1], shown((String) r[2], format),
                Arrays.asList(((String) r[3]).split(",")), format, Sql.instant(r[4]), r[5] != null, (Integer) r[6],
                secret);
    }

    public Uni<Void> delete(UUID caller, UUID webhookId) {
        return Panache.withTransaction(() -> groupOf(webhookId).chain(group -> organizer(caller, group))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("delete from webhooks where id = ?1")
                        .setParameter(1, webhookId)
                        .executeUpdate()))
                .replaceWithVoid());
    }

    /**
     * Queues the event for the group's active webhooks of this kind: {@code text} for a chat one, the
     * event itself for a CLOUDEVENTS one. Call in the event's transaction.
     */
    public Uni<Void> announce(CloudEvent<?> event, UUID groupId, Kind kind, String text) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into webhook_deliveries (id, webhook_id, dedupe_key, payload)
                        select gen_random_uuid(), w.id, ?1 || ':' || w.id,
                            case w.format when 'CHAT' then ?2 else ?5 end from webhooks w
                        where w.group_id = ?3 and w.disabled_at is null and ?4 = any(w.kinds)
                        on conflict (dedupe_key) do nothing""")
                .setParameter(1, event.id().toString())
                .setParameter(2, payload(text))
                .setParameter(3, groupId)
                .setParameter(4, kind.key())
                .setParameter(5, cloudEvent(event))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The event as a receiver gets it: the CloudEvent as published, without the internal trace context. */
    private String cloudEvent(CloudEvent<?> e) {
        try {
            return json.writeValueAsString(new CloudEvent<>(e.specversion(), e.id(), e.source(), e.type(), e.time(),
                    e.subject(), e.datacontenttype(), e.data(), null));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /**
     * Discord reads {@code content}, Slack {@code text}: both carry the message, and neither may ping
     * anyone. Titles and names are other members' words: "@everyone" or "<!channel>" in a note title
     * would otherwise alert a whole server. Discord is told to parse no mention; Slack's control
     * sequences all start with "<", so its three reserved characters are escaped as its API asks.
     */
    private String payload(String text) {
        String slack = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        try {
            return json.writeValueAsString(Map.of("content", text, "allowed_mentions", Map.of("parse", List.of()),
                    "text", slack));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The webhook's group; 404 when there is no such webhook. */
    private static Uni<UUID> groupOf(UUID webhookId) {
        return Sql.list("select group_id from webhooks where id = ?1", UUID.class, webhookId).map(groups -> {
            if (groups.isEmpty()) {
                throw ProblemException.notFound("No such webhook.");
            }
            return groups.get(0);
        });
    }

    /** 404 to non-members, 403 to members who do not organize the group. */
    private Uni<Void> organizer(UUID caller, UUID groupId) {
        return memberships.roleOf(groupId, caller).invoke(role -> {
            if (role == null) {
                throw ProblemException.notFound("No such group, or you are not a member of it.");
            }
            if (role == GroupRole.MEMBER) {
                throw ProblemException.forbidden("Only the group's owner and organizers manage its webhooks.");
            }
        }).replaceWithVoid();
    }

    /** A chat webhook's URL is its secret, so it is shown masked; a signed endpoint's URL is not. */
    private static String shown(String url, Format format) {
        return format == Format.CHAT ? mask(url) : url;
    }

    static String mask(String url) {
        int keep = Math.min(url.length(), url.indexOf('/', url.indexOf("//") + 2) + 1);
        return keep <= 0 ? url : url.substring(0, keep) + "…" + url.substring(Math.max(keep, url.length() - 4));
    }
}
