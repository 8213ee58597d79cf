package dev.nexus.notifications.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of notification, by the key that preferences, the API and stored notifications use
 * ({@code session.scheduled} ...). Kinds that are news of a group can also go to its webhooks.
 */
public enum Kind {
    SESSION_SCHEDULED("session.scheduled", true),
    SESSION_RESCHEDULED("session.rescheduled", true),
    SESSION_CANCELLED("session.cancelled", true),
    SESSION_REMINDER("session.reminder", false),
    SESSION_WAITLIST_PROMOTED("session.waitlist-promoted", false),
    SOLUTION_POSTED("solution.posted", false),
    SOLUTION_ACCEPTED("solution.accepted", false),
    COMMENT_ADDED("comment.added", false),
    NOTE_POSTED("note.posted", true),
    GROUP_MEMBER_JOINED("group.member-joined", true),
    POLL_OPENED("poll.opened", false),
    POLL_REMINDER("poll.reminder", false),
    POLL_CLOSED("poll.closed", false),
    SESSION_CATCH_UP("session.catch-up", false),
    SESSION_RECAP("session.recap", false),
    SESSION_YOUR_TURN("session.your-turn", false),
    WEBHOOK_DISABLED("webhook.disabled", false);

    /** Longer than any key. */
    public static final int MAX_KEY = 40;
    /** Every key, for API descriptions (annotations need a constant; KindTest keeps it equal to {@link #keys}). */
    public static final String KEYS_TEXT = "session.scheduled, session.rescheduled, session.cancelled, session.reminder,"
            + " session.waitlist-promoted, solution.posted, solution.accepted, comment.added, note.posted,"
            + " group.member-joined, poll.opened, poll.reminder, poll.closed, session.catch-up,"
            + " session.recap, session.your-turn, webhook.disabled";
    /** The keys of {@link #groupNewsKeys}, for API descriptions (KindTest keeps them equal). */
    public static final String GROUP_NEWS_KEYS_TEXT = "session.scheduled, session.rescheduled, session.cancelled,"
            + " note.posted, group.member-joined";

    private final String key;
    private final boolean groupNews;

    Kind(String key, boolean groupNews) {
        this.key = key;
        this.groupNews = groupNews;
    }

    public String key() {
        return key;
    }

    /** News of a group rather than of one person: a group webhook can receive it. */
    public boolean groupNews() {
        return groupNews;
    }

    public static Optional<Kind> of(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key.equals(key)).findFirst();
    }

    /** The kind a stored notification names (only ever written from a {@link Kind}). */
    public static Kind stored(String key) {
        return of(key).orElseThrow(() -> new IllegalStateException("unknown notification kind " + key));
    }

    /** Every key, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Kind::key).toList();
    }

    /** The keys of the kinds that group webhooks can receive, in declaration order. */
    public static List<String> groupNewsKeys() {
        return Arrays.stream(values()).filter(Kind::groupNews).map(Kind::key).toList();
    }
}
