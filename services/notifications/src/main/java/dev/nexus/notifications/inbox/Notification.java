package dev.nexus.notifications.inbox;

import java.time.Instant;
import java.util.UUID;

/** A notification as the API and the push stream show it. */
public record Notification(UUID id, String type, UUID groupId, String title, String body, String link,
        Instant createdAt, Instant readAt) {
}
