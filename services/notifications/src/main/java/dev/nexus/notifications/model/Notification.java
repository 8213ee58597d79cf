package dev.nexus.notifications.model;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notification as the API and the push stream show it. */
public record Notification(UUID id,
        @Schema(maxLength = Kind.MAX_KEY, description = "A notification type, as notification preferences name them")
        String type,
        UUID groupId, @Schema(maxLength = Draft.MAX_TITLE) String title,
        @Schema(maxLength = Draft.MAX_BODY) String body,
        @Schema(maxLength = Draft.MAX_LINK, description = "A path of the API to what the notification is about")
        String link,
        Instant createdAt, Instant readAt) {
}
