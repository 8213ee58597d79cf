package dev.nexus.notifications.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Group webhooks: organizers register a Discord/Slack-compatible incoming-webhook URL (checked by
 * {@link SsrfGuard}) and the kinds of group news it receives; each such event queues one delivery
 * per webhook in the event's transaction ({@link WebhookSender} posts them).
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

    public record CreateWebhook(@NotNull UUID groupId, @NotNull @Size(max = MAX_URL) String url,
            @NotEmpty @Size(max = MAX_KINDS)
            List<@NotNull @Size(max = MAX_KIND, message = "is not a webhook kind") String> kinds) {
    }

    /**
     * A webhook; the URL is shown shortened, as it carries the webhook's secret (never longer than
     * the URL given, plus the "…"). The element constraint of {@code kinds} only documents it.
     */
    public record WebhookView(UUID id, UUID groupId, @Schema(maxLength = MAX_URL + 1) String url,
            @Schema(maxItems = MAX_KINDS) List<@Size(max = MAX_KIND) String> kinds, Instant createdAt,
            boolean disabled, @Schema(minimum = "0") int consecutiveFailures) {
    }

    public Uni<WebhookView> create(UUID caller, CreateWebhook request) {
        return Panache.withTransaction(() -> organizer(caller, request.groupId()).invoke(() -> {
            for (String kind : request.kinds()) {
                if (!KINDS.contains(kind)) {
                    throw ProblemException.invalidField("kinds", "'" + kind + "' is not one of " + String.join(", ", KINDS));
                }
            }
        }).chain(() -> guard.verify(request.url())).chain(target -> {
            String url = target.uri().toString();
            UUID id = UUID.randomUUID();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String[] kinds = request.kinds().stream().distinct().toArray(String[]::new);
            return Panache.getSession().chain(s -> s.createNativeQuery("""
                            insert into webhooks (id, group_id, url, kinds, created_by, created_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, id)
                    .setParameter(2, request.groupId())
                    .setParameter(3, url)
                    .setParameter(4, kinds)
                    .setParameter(5, caller)
                    .setParameter(6, now.atOffset(ZoneOffset.UTC))
                    .executeUpdate())
                    .replaceWith(new WebhookView(id, request.groupId(), mask(url), List.of(kinds), now, false, 0));
        }));
    }

    /** A group's webhooks, oldest first, a page after {@code after} (null: the first page). */
    public Uni<Page<WebhookView>> list(UUID caller, UUID groupId, Cursor after, int limit) {
        Cursor from = after != null ? after : FIRST;
        return Panache.withSession(() -> organizer(caller, groupId).chain(() -> Sql.list("""
                        select id, group_id, url, array_to_string(kinds, ','), created_at, disabled_at,
                            consecutive_failures from webhooks
                        where group_id = ?1 and (created_at, id) > (?2, ?3) order by created_at, id limit ?4""",
                        Object[].class, groupId, from.at().atOffset(ZoneOffset.UTC), from.id(), limit + 1))
                .map(rows -> Page.of(rows.stream().map(r -> new WebhookView((UUID) r[0], (UUID) r[1],
                        mask((String) r[2]), Arrays.asList(((String) r[3]).split(",")), Sql.instant(r[4]), r[5] != null,
                        (Integer) r[6])).toList(), limit, view -> view,
                        view -> new Cursor(view.createdAt(), view.id()).encode())));
    }

    public Uni<Void> delete(UUID caller, UUID webhookId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("select group_id from webhooks where id = ?1",
                        UUID.class)
                .setParameter(1, webhookId)
                .getResultList())
                .chain(groups -> {
                    if (groups.isEmpty()) {
                        throw ProblemException.notFound("No such webhook.");
                    }
                    return organizer(caller, groups.get(0));
                })
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("delete from webhooks where id = ?1")
                        .setParameter(1, webhookId)
                        .executeUpdate()))
                .replaceWithVoid());
    }

    /** Queues {@code text} for the group's active webhooks of this kind; call in the event's transaction. */
    public Uni<Void> announce(UUID eventId, UUID groupId, Kind kind, String text) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into webhook_deliveries (id, webhook_id, dedupe_key, payload)
                        select gen_random_uuid(), w.id, ?1 || ':' || w.id, ?2 from webhooks w
                        where w.group_id = ?3 and w.disabled_at is null and ?4 = any(w.kinds)
                        on conflict (dedupe_key) do nothing""")
                .setParameter(1, eventId.toString())
                .setParameter(2, payload(text))
                .setParameter(3, groupId)
                .setParameter(4, kind.key())
                .executeUpdate())
                .replaceWithVoid();
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

    static String mask(String url) {
        int keep = Math.min(url.length(), url.indexOf('/', url.indexOf("//") + 2) + 1);
        return keep <= 0 ? url : url.substring(0, keep) + "…" + url.substring(Math.max(keep, url.length() - 4));
    }
}
