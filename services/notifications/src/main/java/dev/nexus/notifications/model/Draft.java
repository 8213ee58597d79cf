package dev.nexus.notifications.model;

import java.util.UUID;

/**
 * A notification before the recipient's preferences decide whether and how it is delivered. Title
 * and body are built from names, titles and reasons other services limit, and from error texts that
 * nothing limits; they are cut here so that every notification stays within the published limits.
 *
 * @param link a path of the API (a constant and ids)
 */
public record Draft(UUID recipientId, Kind kind, UUID groupId, String title, String body, String link) {

    public static final int MAX_TITLE = 400;
    public static final int MAX_BODY = 2000;
    public static final int MAX_LINK = 200;

    public Draft {
        title = Texts.clip(title, MAX_TITLE);
        body = Texts.clip(body, MAX_BODY);
    }
}
