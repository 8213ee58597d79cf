package dev.nexus.sessions.session;

import dev.nexus.platform.http.Params;
import dev.nexus.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Query and path parameters of the session endpoints, taken as strings and parsed here, so that a
 * malformed one is a 400 naming it (JAX-RS answers a failed conversion with a bare 404).
 */
public final class SessionParams {

    private SessionParams() {
    }

    /** A list's time window: occurrences starting in [from, to). */
    record Window(Instant from, Instant to) {
    }

    /** The window of a list: from defaults to now, to to from + 90 days; at most 366 days. */
    static Window window(String from, String to) {
        Instant start = from == null ? Instant.now() : instant("from", from);
        Instant end = to == null ? start.plus(SessionService.DEFAULT_WINDOW) : instant("to", to);
        if (!end.isAfter(start)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(SessionService.MAX_WINDOW) > 0) {
            throw ProblemException.invalidField("to", "must be at most 366 days after from");
        }
        return new Window(start, end);
    }

    /** An RFC 3339 date-time with offset from a query or path parameter; a 400 naming {@code field} otherwise. */
    public static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field,
                    "must be an RFC 3339 date-time with an offset, such as 2026-03-28T18:00:00+01:00");
        }
    }

    /** Repeated {@code groupId} parameters; a 400 naming the field when one is not a UUID. */
    static List<UUID> groupIds(List<String> values) {
        return values.stream().map(id -> Optional.ofNullable(Params.uuid("groupId", id))
                .orElseThrow(() -> ProblemException.invalidField("groupId", "is not an id (UUID)"))).toList();
    }
}
