package dev.nexus.gateway.graphql;

import static dev.nexus.gateway.graphql.Paths.path;
import static dev.nexus.gateway.graphql.Paths.query;

import dev.nexus.gateway.graphql.NotificationTypes.ChannelPreference;
import dev.nexus.gateway.graphql.NotificationTypes.NotificationConnection;
import dev.nexus.gateway.graphql.NotificationTypes.NotificationPreferences;
import dev.nexus.gateway.graphql.NotificationTypes.NotificationPreferencesInput;
import dev.nexus.gateway.graphql.NotificationTypes.Recap;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The caller's inbox and preferences, and session recaps, resolved through the notifications service's REST API. */
@GraphQLApi
public class NotificationsApi {

    /** The REST document: channels as a map from notification type to channel. */
    record PreferencesDocument(Map<String, String> channels, List<String> mutedGroups, String digest,
            List<Integer> reminderLeadMinutes, String quietStart, String quietEnd, Boolean holdDuringSessions) {

        NotificationPreferences toGraph() {
            return new NotificationPreferences(channels.entrySet().stream()
                    .map(e -> new ChannelPreference(e.getKey(), e.getValue())).toList(),
                    mutedGroups, digest, reminderLeadMinutes, quietStart, quietEnd, !Boolean.FALSE.equals(holdDuringSessions));
        }

        static PreferencesDocument of(NotificationPreferencesInput input) {
            Map<String, String> channels = new LinkedHashMap<>();
            if (input.channels() != null) {
                input.channels().forEach(c -> channels.put(c.type(), c.channel()));
            }
            return new PreferencesDocument(channels, input.mutedGroups(), input.digest(), input.reminderLeadMinutes(),
                    input.quietStart(), input.quietEnd(), input.holdDuringSessions());
        }
    }

    record UnreadCount(int count) {
    }

    private final Rest rest;
    private final Caller caller;

    NotificationsApi(Rest rest, Caller caller) {
        this.rest = rest;
        this.caller = caller;
    }

    @Query
    @Description("The caller's notifications, newest first; unread: only those not read yet")
    public Uni<NotificationConnection> notifications(Boolean unread, Integer first, String after) {
        return rest.get(caller.authorization(),
                "/api/v1/notifications" + query("unread", unread, "limit", first, "cursor", after),
                NotificationConnection.class);
    }

    @Query
    @Description("How many of the caller's notifications are unread")
    public Uni<Integer> unreadCount() {
        return unreadCount(caller.authorization());
    }

    private Uni<Integer> unreadCount(String authorization) {
        return rest.get(authorization, "/api/v1/notifications/unread-count", UnreadCount.class)
                .map(UnreadCount::count);
    }

    @Query
    @Description("The caller's notification preferences (the defaults until they set any)")
    public Uni<NotificationPreferences> notificationPreferences() {
        return rest.get(caller.authorization(), "/api/v1/notification-preferences", PreferencesDocument.class)
                .map(PreferencesDocument::toGraph);
    }

    @Query
    @Description("What an occurrence of a session produced (members of its group); occurrenceStart: RFC 3339, as a"
            + " recap notification's link or an occurrence list gives it")
    public Uni<Recap> recap(@NonNull @Id String sessionId, @NonNull String occurrenceStart) {
        return rest.get(caller.authorization(), path("/api/v1/recaps/%s/%s", sessionId, occurrenceStart), Recap.class);
    }

    @Mutation
    @Description("Marks one notification read; answers the unread count after it")
    public Uni<Integer> markRead(@NonNull @Id String id) {
        String authorization = caller.authorization();
        return rest.send(HttpMethod.POST, authorization, path("/api/v1/notifications/%s/read", id), null, Void.class)
                .chain(() -> unreadCount(authorization));
    }

    @Mutation
    @Description("Marks every notification read; answers the unread count after it (0)")
    public Uni<Integer> readAll() {
        String authorization = caller.authorization();
        return rest.send(HttpMethod.POST, authorization, "/api/v1/notifications/read-all", null, Void.class)
                .chain(() -> unreadCount(authorization));
    }

    @Mutation
    @Description("Replaces the caller's notification preferences")
    public Uni<NotificationPreferences> updateNotificationPreferences(@NonNull NotificationPreferencesInput input) {
        return rest.send(HttpMethod.PUT, caller.authorization(), "/api/v1/notification-preferences",
                PreferencesDocument.of(input), PreferencesDocument.class).map(PreferencesDocument::toGraph);
    }
}
