package dev.nexus.notifications.notify;

import java.util.UUID;

/**
 * A notification before the recipient's preferences decide whether and how it is delivered.
 *
 * @param type the preference key: {@code session.scheduled}, {@code session.reminder}, ...
 */
public record Draft(UUID recipientId, String type, UUID groupId, String title, String body, String link) {
}
