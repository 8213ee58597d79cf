package dev.nexus.gateway.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's problem+json answer as a GraphQL error: the message is the problem's detail, and
 * {@code extensions} carry {@code code} (from the status), {@code status} and the field
 * {@code errors}. A 404 stays "not found" whether the object is missing or hidden from the caller.
 */
public final class UpstreamProblem extends RuntimeException implements GraphQLError {

    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private UpstreamProblem(String message, int status, List<Map<String, Object>> errors) {
        super(message, null, false, false);
        extensions.put("code", code(status));
        extensions.put("status", status);
        if (!errors.isEmpty()) {
            extensions.put("errors", errors);
        }
    }

    /** From a service's answer with a status of 400 or more, whatever its body. */
    static UpstreamProblem of(String service, int status, String body) {
        String detail = null;
        List<Map<String, Object>> errors = new ArrayList<>();
        try {
            JsonObject problem = new JsonObject(body);
            detail = problem.getString("detail", problem.getString("title"));
            JsonArray fields = problem.getJsonArray("errors", new JsonArray());
            for (int i = 0; i < fields.size(); i++) {
                JsonObject field = fields.getJsonObject(i);
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("field", field.getString("field"));
                error.put("message", field.getString("message"));
                errors.add(error);
            }
        } catch (RuntimeException notAProblem) {
            // not problem+json: the status says it
        }
        if (detail == null) {
            detail = status >= 500 ? "the " + service + " service failed (" + status + ")" : "request failed (" + status + ")";
        }
        return new UpstreamProblem(detail, status, errors);
    }

    static UpstreamProblem unauthenticated() {
        return new UpstreamProblem("a valid access token is required (Authorization: Bearer ...)", 401, List.of());
    }

    static UpstreamProblem unavailable(String service) {
        return new UpstreamProblem("the " + service + " service is not reachable; try again shortly", 503, List.of());
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "INVALID_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            case 410 -> "GONE";
            case 412 -> "PRECONDITION_FAILED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 428 -> "PRECONDITION_REQUIRED";
            case 429 -> "RATE_LIMITED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "UPSTREAM_FAILED" : "REQUEST_FAILED";
        };
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return null;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
