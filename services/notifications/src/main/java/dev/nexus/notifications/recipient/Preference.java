package dev.nexus.notifications.recipient;

import dev.nexus.notifications.model.Kind;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A user's notification preferences and the rules that apply them to one notification.
 *
 * @param channels per notification kind (its key); a kind not listed is {@link Channel#IN_APP}
 * @param quietStart with {@code quietEnd}: a daily window in the user's zone (may span midnight)
 *        without e-mail or push; the in-app inbox still records
 * @param holdInSessions while the user is in a session they have a place at, e-mail and push wait
 *        until it ends (see {@code SessionHolds})
 */
public record Preference(Map<String, Channel> channels, Set<UUID> mutedGroups, Digest digest,
        List<Integer> reminderLeads, LocalTime quietStart, LocalTime quietEnd, boolean holdInSessions) {

    public static final List<Integer> DEFAULT_LEADS = List.of(60, 10);
    public static final Preference DEFAULTS = new Preference(Map.of(), Set.of(), Digest.OFF, DEFAULT_LEADS, null, null,
            true);

    public enum Channel {
        /** The inbox and live push. */
        IN_APP,
        /** The inbox, live push and an e-mail (or the daily digest). */
        EMAIL,
        /** Nothing at all. */
        OFF
    }

    public enum Digest {
        OFF, DAILY
    }

    /** How one notification reaches the user. */
    public record Delivery(boolean store, boolean push, boolean email) {
    }

    public Channel channel(Kind kind) {
        return channels.getOrDefault(kind.key(), Channel.IN_APP);
    }

    /**
     * Muted groups and OFF types get nothing; quiet hours hold back push and e-mail; with a daily
     * digest, e-mail waits for the digest.
     */
    public Delivery delivery(Kind kind, UUID groupId, ZoneId zone, Instant now) {
        Channel channel = channel(kind);
        boolean store = channel != Channel.OFF && (groupId == null || !mutedGroups.contains(groupId));
        boolean loud = store && !quiet(zone, now);
        return new Delivery(store, loud, loud && channel == Channel.EMAIL && digest == Digest.OFF);
    }

    public boolean quiet(ZoneId zone, Instant now) {
        if (quietStart == null || quietEnd == null || quietStart.equals(quietEnd)) {
            return false;
        }
        LocalTime local = now.atZone(zone).toLocalTime();
        return quietStart.isBefore(quietEnd)
                ? !local.isBefore(quietStart) && local.isBefore(quietEnd)
                : !local.isBefore(quietStart) || local.isBefore(quietEnd);
    }
}
