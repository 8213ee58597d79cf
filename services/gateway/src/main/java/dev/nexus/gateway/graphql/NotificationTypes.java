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

    public record RecapAttendee(@Id String userId, String displayName) {
    }

    @Description("A note or problem posted for an occurrence")
    public record RecapItem(@Id String id, String title) {
    }

    @Description("How many solutions to a problem of the session were posted for the occurrence")
    public record RecapSolutions(@Id String problemId, String problemTitle, int count) {
    }

    @Description("What an occurrence produced: who had a place, what was posted for it (titles only), the next"
            + " occurrence (null: none); ended false: so far")
    public record Recap(@Id String sessionId, @Id String groupId, String title, String occurrenceStart,
            String occurrenceEnd, boolean ended, List<RecapAttendee> attended, List<RecapItem> notes,
            List<RecapItem> problems, List<RecapSolutions> solutions, String nextStart) {
    }

    public enum WebhookFormat { CHAT, CLOUDEVENTS }

    @Description("A group webhook: CHAT posts text to a Discord/Slack incoming webhook, CLOUDEVENTS posts signed"
            + " CloudEvents to any public https endpoint")
    public record Webhook(@Id String id, @Id String groupId, String url, List<String> kinds, WebhookFormat format,
            String createdAt, boolean disabled, int consecutiveFailures,
            @Description("The signing secret (whsec_…): only in the answer of registerWebhook and rotateWebhookSecret")
            String secret) {
    }

    public record WebhookConnection(List<Webhook> items, String nextCursor) {
    }

    @Input("WebhookInput")
    @Description("groupId, url (https), kinds (group news types) and format (default CHAT)")
    public record WebhookInput(@Id String groupId, String url, List<String> kinds, WebhookFormat format) {
    }
}
