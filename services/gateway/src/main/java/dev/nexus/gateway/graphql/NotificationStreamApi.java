package dev.nexus.gateway.graphql;

import dev.nexus.gateway.graphql.NotificationTypes.Notification;
import dev.nexus.gateway.route.GatewayConfig;
import dev.nexus.gateway.route.Upstream;
import dev.nexus.gateway.route.Upstreams;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import graphql.schema.DataFetchingEnvironment;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;

/**
 * Subscriptions fed by the notifications service's WebSocket stream: for each subscription the
 * gateway takes a one-use ticket with the caller's token and opens the stream on a notifications
 * replica, passing {@code after} on so that what was missed since is replayed first. The token
 * comes from the {@code connection_init} payload ({@code {"Authorization": "Bearer ..."}}, which a
 * browser can send) or the upgrade request's {@code Authorization} header.
 */
@GraphQLApi
public class NotificationStreamApi {

    record Ticket(String ticket) {
    }

    private final Rest rest;
    private final Upstream notifications;
    private final WebSocketClient sockets;
    private final ObjectMapper json;
    private final Context context;

    NotificationStreamApi(Rest rest, Upstreams upstreams, Vertx vertx, GatewayConfig config, ObjectMapper json,
            Context context) {
        this.rest = rest;
        this.notifications = upstreams.of("notifications");
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
        this.json = json;
        this.context = context;
    }

    @Subscription
    @Description("The caller's new notifications as they arrive. after: the id of the last one seen, to receive"
            + " what arrived since first (after a reconnect nothing is missed; some made just before it may come"
            + " again: drop ids you have).")
    public Multi<Notification> notificationReceived(@Id String after) {
        return stream(authorization(), after, (frame, emitter) -> {
            if ("notification".equals(frame.getString("type"))) {
                emitter.emit(json.convertValue(frame.getJsonObject("notification").getMap(), Notification.class));
            }
        });
    }

    @Subscription
    @Description("The caller's unread count: now, then after every change")
    public Multi<Integer> unreadCountChanged() {
        return stream(authorization(), null, (frame, emitter) -> {
            if ("unread-count".equals(frame.getString("type"))) {
                emitter.emit(frame.getInteger("count"));
            }
        });
    }

    private <T> Multi<T> stream(String authorization, String after, BiConsumer<JsonObject, MultiEmitter<? super T>> frames) {
        Uni<String> ticket = rest.send(HttpMethod.POST, authorization, "/api/v1/notifications/stream-ticket", null,
                Ticket.class).map(Ticket::ticket);
        return ticket.onItem().transformToMulti(t -> Multi.createFrom().<T>emitter(emitter -> {
            String query = Paths.query("ticket", t, "after", after);
            notifications.<WebSocket>inTurn(url -> sockets.connect(new WebSocketConnectOptions()
                            .setHost(url.getHost()).setPort(url.getPort())
                            .setURI("/api/v1/notifications/stream" + query)))
                    .onSuccess(socket -> {
                        emitter.onTermination(() -> socket.close());
                        socket.textMessageHandler(text -> frames.accept(new JsonObject(text), emitter));
                        socket.closeHandler(v -> emitter.fail(new IllegalStateException(
                                "the notification stream closed; subscribe again (with after: the last id seen)")));
                    })
                    .onFailure(e -> emitter.fail(UpstreamProblem.unavailable("notifications")));
        }));
    }

    /** connection_init's Authorization, else the upgrade request's header. */
    @SuppressWarnings("unchecked")
    private String authorization() {
        var graphQlContext = context.unwrap(DataFetchingEnvironment.class).getGraphQlContext();
        Map<String, Object> init = graphQlContext.get("init-payload");
        if (init != null) {
            for (Map.Entry<String, Object> entry : init.entrySet()) {
                if (entry.getKey().equalsIgnoreCase("authorization")) {
                    Object value = entry.getValue();
                    return value instanceof JsonString text ? text.getString()
                            : value instanceof JsonValue other ? other.toString() : String.valueOf(value);
                }
            }
        }
        Map<String, List<String>> headers = graphQlContext.get("httpHeaders");
        if (headers != null) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase("authorization") && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
        }
        return null;
    }
}
