package dev.nexus.platform.http;

import dev.nexus.platform.problem.ProblemException;
import java.util.UUID;

/**
 * Query parameters taken as strings and parsed here, so that a malformed one is a 400 naming it
 * (JAX-RS answers a failed conversion with a bare 404).
 */
public final class Params {

    /** The longest free-text search ({@code ?q=}) a list takes; services declare it with {@code @Size}. */
    public static final int MAX_QUERY = 200;
    public static final String MAX_QUERY_MESSAGE = "must be at most 200 characters";

    private Params() {
    }

    /** Null when absent. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "is not an id (UUID)");
        }
    }

    /** {@code Cache-Control: no-cache} from the client: read past the cache. */
    public static boolean noCache(String cacheControl) {
        return cacheControl != null && cacheControl.toLowerCase().contains("no-cache");
    }
}
