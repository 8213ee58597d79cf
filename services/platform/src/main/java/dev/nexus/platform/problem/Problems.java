package dev.nexus.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into an RFC 9457 problem response: validation, malformed JSON,
 * authentication, authorization, the services' own {@link ProblemException}s, and anything
 * unexpected (a 500 that names no internals).
 */
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://nexus.dev/problems/";

    public static String typeOf(int status) {
        return switch (status) {
            case 400 -> TYPE_BASE + "invalid-request";
            case 401 -> TYPE_BASE + "unauthenticated";
            case 403 -> TYPE_BASE + "forbidden";
            case 404 -> TYPE_BASE + "not-found";
            case 409 -> TYPE_BASE + "conflict";
            case 410 -> TYPE_BASE + "gone";
            case 412 -> TYPE_BASE + "precondition-failed";
            case 413 -> TYPE_BASE + "payload-too-large";
            case 422 -> TYPE_BASE + "unprocessable";
            case 428 -> TYPE_BASE + "precondition-required";
            case 429 -> TYPE_BASE + "rate-limited";
            case 503 -> TYPE_BASE + "service-unavailable";
            default -> "about:blank";
        };
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Response response(int status, String detail) {
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return response(new Problem(typeOf(status), title, status, detail, List.of()));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = response(e.toProblem());
        return e.retryAfterSeconds() < 0 ? response
                : Response.fromResponse(response).header("Retry-After", String.valueOf(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> isMissingBody(v) ? new Problem.FieldError("body", "is required: send a JSON object")
                        : new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return response(new Problem(typeOf(400), "Invalid request", 400, detail, errors));
    }

    /** MismatchedInputException is named too: Quarkus maps it itself unless a closer mapper exists. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : mapping.getPath()) {
                if (r.getFieldName() == null) {
                    path.append('[').append(r.getIndex()).append(']');
                } else {
                    path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                }
            }
            String field = path.toString();
            String message = formatMessage(mapping instanceof InvalidFormatException invalid ? invalid.getTargetType() : null);
            return response(new Problem(typeOf(400), "Invalid request", 400, field + ": " + message,
                    List.of(new Problem.FieldError(field, message))));
        }
        if (e instanceof JsonMappingException) {
            // valid JSON of the wrong shape (an array, a string ...): Jackson's text names Java types
            return response(400, "The request body must be a JSON object");
        }
        JsonLocation at = e.getLocation();
        return response(400, "The request body is not valid JSON" + (at == null || at.getLineNr() < 1 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    /** What a value of {@code target} must look like, for a value Jackson could not convert. */
    static String formatMessage(Class<?> target) {
        if (target != null && target.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
        }
        if (target != null && target.getPackageName().equals("java.time")) {
            return "must be an RFC 3339 date-time with an offset, such as 2026-03-28T18:00:00+01:00";
        }
        if (target != null && (target == Integer.class || target == Long.class || target == int.class || target == long.class)) {
            return "must be a whole number";
        }
        if (target == java.util.UUID.class) {
            return "must be a UUID";
        }
        return "has the wrong type or format";
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(response(401, "A valid bearer token is required: send 'Authorization: Bearer <accessToken>'."))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(403, "Your role does not allow this action.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return response(status, "The server could not complete the request.");
        }
        return response(status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isConcurrentModification(e)) {
            return response(409, "Someone else changed this at the same moment. Read it again and retry.");
        }
        if (isConstraintViolation(e)) {
            return response(409, "This conflicts with a change made at the same moment. Read the current state and retry.");
        }
        if (isDatabaseUnreachable(e)) {
            LOG.warnf("PostgreSQL unreachable: %s", e.getMessage());
            return Response.fromResponse(response(503, "The database cannot be reached right now; try again in a few"
                    + " seconds.")).header("Retry-After", "5").build();
        }
        LOG.error("unexpected failure", e);
        return response(500, "The server could not complete the request. It has been logged.");
    }

    /**
     * The database is restarting or away: its connection was refused or dropped. A 503 the client can
     * retry, not a 500; the pool opens new connections by itself once PostgreSQL answers again.
     */
    public static boolean isDatabaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** Optimistic locking lost a race ({@code @Version}): a conflict, not a server error. */
    public static boolean isConcurrentModification(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A database constraint refused the write (unique, exclusion...): two requests raced past the
     * service's own checks. Input problems are caught before the database, so this is a conflict.
     */
    public static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request body itself is absent: the violation is on a method parameter (no field of it) of one
     * of our own types, which only a JSON body is (query and path parameters are strings, numbers, ids).
     */
    static boolean isMissingBody(ConstraintViolation<?> violation) {
        if (violation.getInvalidValue() != null) {
            return false;
        }
        List<Class<?>> types = null;
        Integer index = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                types = node.as(Path.MethodNode.class).getParameterTypes();
            } else if (node.getKind() == ElementKind.PARAMETER) {
                index = node.as(Path.ParameterNode.class).getParameterIndex();
            } else {
                return false;
            }
        }
        return types != null && index != null && !types.get(index).getName().startsWith("java.");
    }

    /** The JSON path of the invalid value in the body ({@code tags[1]}, {@code items[0].name}), or the parameter's name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return !field.isEmpty() ? field.toString() : last == null ? "body" : last;
    }
}
