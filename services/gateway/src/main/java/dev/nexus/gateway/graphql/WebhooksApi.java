package dev.nexus.gateway.graphql;

import static dev.nexus.gateway.graphql.Paths.path;
import static dev.nexus.gateway.graphql.Paths.query;

import dev.nexus.gateway.graphql.NotificationTypes.Webhook;
import dev.nexus.gateway.graphql.NotificationTypes.WebhookConnection;
import dev.nexus.gateway.graphql.NotificationTypes.WebhookInput;
import dev.nexus.gateway.graphql.SessionTypes.Group;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** Group webhooks, resolved through the notifications service's REST API. */
@GraphQLApi
public class WebhooksApi {

    private final Rest rest;
    private final Caller caller;

    WebhooksApi(Rest rest, Caller caller) {
        this.rest = rest;
        this.caller = caller;
    }

    @Description("The group's webhooks, oldest first (owner and organizers)")
    public Uni<WebhookConnection> webhooks(@Source Group group, Integer first, String after) {
        return rest.get(caller.authorization(),
                "/api/v1/webhooks" + query("groupId", group.id(), "limit", first, "cursor", after),
                WebhookConnection.class);
    }

    @Mutation
    @Description("Registers a webhook for a group's news (owner and organizers). The URL must be https and resolve"
            + " to public addresses; a CLOUDEVENTS webhook's answer holds its signing secret, shown only here")
    public Uni<Webhook> registerWebhook(@NonNull WebhookInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), "/api/v1/webhooks", input, Webhook.class);
    }

    @Mutation
    @Description("A new signing secret for a CLOUDEVENTS webhook, shown once; the old one also signs for a day")
    public Uni<Webhook> rotateWebhookSecret(@NonNull @Id String id) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/webhooks/%s/rotate-secret", id), null,
                Webhook.class);
    }

    @Mutation
    @Description("Removes a webhook (owner and organizers)")
    public Uni<Boolean> deleteWebhook(@NonNull @Id String id) {
        return rest.send(HttpMethod.DELETE, caller.authorization(), path("/api/v1/webhooks/%s", id), null, Void.class)
                .replaceWith(true);
    }
}
