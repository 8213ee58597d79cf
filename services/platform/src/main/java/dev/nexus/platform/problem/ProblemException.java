package dev.nexus.platform.problem;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * Thrown by services to answer with a problem response. The message is the {@code detail} shown to
 * the client, so it must be safe and helpful to show.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private long retryAfterSeconds = -1;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail) {
        return of(Status.BAD_REQUEST, detail);
    }

    /** A 400 naming the one field that is wrong. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException unauthorized(String detail) {
        return of(Status.UNAUTHORIZED, detail);
    }

    public static ProblemException forbidden(String detail) {
        return of(Status.FORBIDDEN, detail);
    }

    public static ProblemException notFound(String detail) {
        return of(Status.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return of(Status.CONFLICT, detail);
    }

    public static ProblemException of(Status status, String detail) {
        return new ProblemException(status.getStatusCode(), status.getReasonPhrase(), detail, List.of());
    }

    /** Answers with {@code Retry-After: seconds} (a 429 or 503 the client may repeat later). */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return new Problem(Problems.typeOf(status), title, status, getMessage(), errors);
    }

    public int status() {
        return status;
    }
}
