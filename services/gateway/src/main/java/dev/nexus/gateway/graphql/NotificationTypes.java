package dev.nexus.gateway.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** The inbox and preferences as GraphQL types: the notifications service's REST documents. */
public final class NotificationTypes {

    private NotificationTypes() {
    }

    public record Notification(@Id String id, String type, @Id String groupId, String title, String body,
            String link, String createdAt, String readAt) {
    }

    public record NotificationConnection(List<Notification> items, String nextCursor) {
    }

    @Description("How one type of notification reaches the caller: IN_APP, EMAIL or OFF")
    public record ChannelPreference(String type, String channel) {
    }

    public record NotificationPreferences(List<ChannelPreference> channels, List<String> mutedGroups, String digest,
            List<Integer> reminderLeadMinutes, String quietStart, String quietEnd,
            @Description("While in a session they have a place at, e-mail and push wait and come as one catch-up")
            boolean holdDuringSessions) {
    }

    @Input("NotificationPreferencesInput")
    @Description("Replaces the preferences: the same fields as NotificationPreferences")
    public record NotificationPreferencesInput(List<ChannelPreferenceInput> channels, List<String> mutedGroups,
            String digest, List<Integer> reminderLeadMinutes, String quietStart, String quietEnd,
            @Description("Default true") Boolean holdDuringSessions) {
    }

    @Input("ChannelPreferenceInput")
    public record ChannelPreferenceInput(String type, String channel) {
    }
}
