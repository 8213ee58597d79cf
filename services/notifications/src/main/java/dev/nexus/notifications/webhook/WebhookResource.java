package dev.nexus.notifications.webhook;

import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.webhook.Webhooks.CreateWebhook;
import dev.nexus.notifications.webhook.Webhooks.WebhookView;
import dev.nexus.platform.audit.AuditLog;
import dev.nexus.platform.http.Params;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/webhooks")
@Authenticated
@Tag(name = "Group webhooks")
@SecurityRequirement(name = "bearer")
public class WebhookResource {

    private final Webhooks webhooks;
    private final Caller caller;
    private final AuditLog audit;

    public WebhookResource(Webhooks webhooks, Caller caller, AuditLog audit) {
        this.webhooks = webhooks;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createWebhook",
            summary = "Register a webhook for a group's news (owner and organizers): a Discord/Slack incoming"
                    + " webhook, or an endpoint of your own that gets signed CloudEvents",
            description = "kinds: any of " + Kind.GROUP_NEWS_KEYS_TEXT + ". The URL must be https and resolve to"
                    + " public addresses; redirects are never followed. format CHAT (default): the URL must be on an"
                    + " allowed host (by default discord.com, discordapp.com, hooks.slack.com) and Nexus POSTs"
                    + " {\"content\": …, \"text\": …}. format CLOUDEVENTS: any host; Nexus POSTs each event as a"
                    + " CloudEvent (application/cloudevents+json) signed the Standard Webhooks way (headers"
                    + " webhook-id, webhook-timestamp, webhook-signature = v1,base64(HMAC-SHA256(key, id.timestamp.body)),"
                    + " the key being the base64 after whsec_ in the secret); the answer holds the secret, shown only"
                    + " here. Every post carries webhook-id, the same on retries. After repeated failures the"
                    + " webhook is disabled and its organizer notified.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "A refused URL (field url) or an unknown kind")
    @APIResponse(responseCode = "403", description = "The caller is a member but does not organize the group")
    @APIResponse(responseCode = "404", description = "No such group, or the caller is not a member")
    public Uni<Response> create(@Valid @NotNull CreateWebhook request) {
        UUID me = caller.id();
        return webhooks.create(me, request)
                // the URL holds the webhook's secret: the trail names its host only
                .invoke(view -> audit.record("webhook.created", me, Map.of("webhook", view.id().toString(),
                        "group", view.groupId().toString(), "host", String.valueOf(URI.create(request.url()).getHost()))))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "A group's webhooks, oldest first (owner and organizers)",
            description = "Cursor pagination: limit 1 to 100 (default 20); nextCursor is null on the last page.")
    public Uni<Page<WebhookView>> list(@QueryParam("groupId") String groupId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        UUID group = Params.uuid("groupId", groupId);
        if (group == null) {
            throw ProblemException.invalidField("groupId", "is required");
        }
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        return webhooks.list(caller.id(), group, after, size);
    }

    @POST
    @Path("/{webhookId}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret",
            summary = "A new signing secret for a CLOUDEVENTS webhook, shown once (owner and organizers)",
            description = "For a day the old secret signs too: webhook-signature then holds two v1 signatures,"
                    + " so the receiver can switch to the new secret without losing a post.")
    @APIResponse(responseCode = "200", description = "The webhook with its new secret")
    @APIResponse(responseCode = "403", description = "The caller is a member but does not organize the group")
    @APIResponse(responseCode = "404", description = "No such webhook, or the caller is not a member of its group")
    @APIResponse(responseCode = "409", description = "A chat webhook has no secret to rotate")
    public Uni<WebhookView> rotateSecret(@RestPath UUID webhookId) {
        UUID me = caller.id();
        return webhooks.rotate(me, webhookId)
                .invoke(() -> audit.record("webhook.secret-rotated", me, Map.of("webhook", webhookId.toString())));
    }

    @DELETE
    @Path("/{webhookId}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook (owner and organizers of its group)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> delete(@RestPath UUID webhookId) {
        UUID me = caller.id();
        return webhooks.delete(me, webhookId)
                .invoke(() -> audit.record("webhook.deleted", me, Map.of("webhook", webhookId.toString())))
                .map(ignored -> Response.noContent().build());
    }

}
