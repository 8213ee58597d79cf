package dev.nexus.platform.http;

import dev.nexus.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * Optimistic concurrency over HTTP: a mutable document's ETag is its version, {@code "v3"}, and an
 * edit names the version it was based on in {@code If-Match}.
 */
public final class Versions {

    /** {@code If-Match: *}: the caller accepts whatever version is current. */
    public static final long ANY = -1;

    private Versions() {
    }

    /** The ETag of a version: {@code "v3"}. */
    public static String etag(long version) {
        return "\"v" + version + "\"";
    }

    /**
     * {@code If-Match: "v3"} (weak, or with a {@code ;suffix} a service adds) → 3; {@code *} →
     * {@link #ANY}; missing → 428; anything else → 412.
     */
    public static long ifMatch(String header, String what) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "Precondition Required", "Send the " + what
                    + "'s ETag in If-Match, so that you do not overwrite someone else's change.", List.of());
        }
        String tag = header.trim().replaceFirst("^W/", "").replace("\"", "").replaceFirst(";.*$", "");
        if (tag.equals("*")) {
            return ANY;
        }
        try {
            if (!tag.startsWith("v")) {
                throw new NumberFormatException(tag);
            }
            return Long.parseLong(tag.substring(1));
        } catch (RuntimeException e) {
            throw ProblemException.of(Status.PRECONDITION_FAILED, "If-Match is not an ETag of this " + what + ".");
        }
    }

    /** 412 unless {@code expected} is {@link #ANY} or the current version. */
    public static void require(long expected, long current, String what) {
        if (expected != ANY && expected != current) {
            throw ProblemException.of(Status.PRECONDITION_FAILED, "The " + what + " changed since you read it (now "
                    + etag(current) + "). Read it again and re-apply your change.");
        }
    }
}
