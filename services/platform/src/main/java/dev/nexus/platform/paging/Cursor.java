package dev.nexus.platform.paging;

import dev.nexus.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position for lists ordered by (time, id): opaque to clients, stable under inserts.
 *
 * @param at the time of the last row shown
 * @param id the id of the last row shown (tie-breaker)
 */
public record Cursor(Instant at, UUID id) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /**
     * The longest cursor {@link #encode} makes: base64 of the widest instant Java writes (38
     * characters), "|" and a UUID (36).
     */
    public static final int MAX_LENGTH = 100;
    /** A position before every row of a newest-first list (for a first page that showed something else). */
    public static final Cursor START = new Cursor(Instant.parse("9999-12-31T23:59:59Z"),
            new UUID(-1L, -1L));

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page; a 400 naming {@code cursor} when it was not made by {@link #encode}. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw notACursor();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw notACursor();
        }
    }

    /** The 400 for a {@code ?cursor=} a list did not make (also for services' own cursor formats). */
    public static ProblemException notACursor() {
        return ProblemException.invalidField("cursor", "is not a cursor this list returned; start again without it");
    }

    /** {@code ?limit=}: default {@value #DEFAULT_LIMIT}, 1 to {@value #MAX_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
