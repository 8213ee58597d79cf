package dev.nexus.gateway.route;

import java.util.List;
import java.util.Optional;

/**
 * Which service owns a path: the disjoint prefixes of DESIGN §6. A prefix matches the path itself
 * and everything below it ({@code /api/v1/groups}, {@code /api/v1/groups/42}), never a longer
 * name ({@code /api/v1/groupsX}).
 */
public final class Routes {

    public static final List<String> SERVICES = List.of("identity", "sessions", "notes", "notifications");

    private record Prefix(String path, String service) {
        boolean matches(String requested) {
            return requested.startsWith(path)
                    && (requested.length() == path.length() || requested.charAt(path.length()) == '/');
        }
    }

    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("/api/v1/auth", "identity"),
            new Prefix("/api/v1/users", "identity"),
            new Prefix("/.well-known/jwks.json", "identity"),
            new Prefix("/api/v1/groups", "sessions"),
            new Prefix("/api/v1/sessions", "sessions"),
            new Prefix("/api/v1/me/sessions", "sessions"),
            new Prefix("/api/v1/me/pairing-profile", "sessions"),
            new Prefix("/api/v1/polls", "sessions"),
            new Prefix("/api/v1/calendar", "sessions"),
            new Prefix("/api/v1/notes", "notes"),
            new Prefix("/api/v1/problems", "notes"),
            new Prefix("/api/v1/solutions", "notes"),
            new Prefix("/api/v1/notifications", "notifications"),
            new Prefix("/api/v1/notification-preferences", "notifications"),
            new Prefix("/api/v1/recaps", "notifications"),
            new Prefix("/api/v1/webhooks", "notifications"));

    private Routes() {
    }

    /** The service that serves {@code path} (without query), if any. */
    public static Optional<String> serviceOf(String path) {
        return PREFIXES.stream().filter(p -> p.matches(path)).map(Prefix::service).findFirst();
    }
}
