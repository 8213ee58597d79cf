package dev.nexus.platform.openapi;

import dev.nexus.platform.http.Idempotency;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.problem.Problem;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What holds for every operation of every service, written into each OpenAPI document here once
 * instead of on every resource (registered as {@code mp.openapi.filter} in the shared configuration):
 * <ul>
 * <li>errors are RFC 9457 problems: the {@code Problem} schema, and it as the content of every
 * 4xx and 5xx response (the platform's {@code Problems} answers every failure so);</li>
 * <li>{@code 400} on operations that take a body or query parameters, {@code 401} on those that
 * need a bearer token, {@code 500} on all;</li>
 * <li>what the gateway in front of every service adds: {@code 429} with {@code Retry-After}, the
 * {@code RateLimit-*} headers on every answer, and {@code Access-Control-Allow-Origin} for allowed
 * origins;</li>
 * <li>length limits that follow from a format (UUIDs, RFC 3339 times), from the platform's paging
 * ({@code limit}, {@code cursor}) and, for other parameters, from the HTTP layer.</li>
 * </ul>
 */
public class ApiDocumentFilter implements OASFilter {

    /** A UUID in its canonical text form. */
    static final int UUID_LENGTH = 36;
    /** The longest RFC 3339 time Java writes or reads: 2026-03-17T18:00:00.123456789+01:00. */
    static final int DATE_TIME_LENGTH = 35;
    /** Quarkus' defaults (not changed by Nexus): a longer request line or header block is refused. */
    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADERS = 20 * 1024;
    /** A serialised origin: scheme, "://", a host name of at most 253 characters, ":" and a port. */
    static final int MAX_ORIGIN = 8 + 253 + 6;

    private static final String PROBLEM = "Problem";
    private static final String RETRY_AFTER = "Retry-After";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final List<String> EVERY_ANSWER = List.of("RateLimit-Limit", "RateLimit-Remaining",
            "RateLimit-Reset", ALLOW_ORIGIN);

    @Override
    public Schema filterSchema(Schema schema) {
        if (isString(schema) && schema.getMaxLength() == null) {
            if ("uuid".equals(schema.getFormat())) {
                schema.setMaxLength(UUID_LENGTH);
            } else if ("date-time".equals(schema.getFormat())) {
                schema.setMaxLength(DATE_TIME_LENGTH);
            }
        }
        // An integer without a smaller maximum is bounded by its Java type, which its format names;
        // spelled out because clients and linters read maximum, not format. Its minimum is always a
        // fact of the domain (0 for a count, 1 for a position), so that one is left to the field.
        if (schema.getType() != null && schema.getType().contains(SchemaType.INTEGER)
                && schema.getMaximum() == null && schema.getExclusiveMaximum() == null) {
            if ("int32".equals(schema.getFormat())) {
                schema.setMaximum(BigDecimal.valueOf(Integer.MAX_VALUE));
            } else if ("int64".equals(schema.getFormat())) {
                schema.setMaximum(BigDecimal.valueOf(Long.MAX_VALUE));
            }
        }
        return schema;
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null || schema.getRef() != null || parameter.getIn() == null) {
            return parameter;
        }
        if (parameter.getIn() == Parameter.In.QUERY && "limit".equals(parameter.getName())) {
            // Cursor.limit: the platform's page size
            schema.minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(Cursor.MAX_LIMIT));
        } else if (parameter.getIn() == Parameter.In.QUERY && "cursor".equals(parameter.getName())) {
            schema.maxLength(Cursor.MAX_LENGTH);
        }
        int max = parameter.getIn() == Parameter.In.HEADER ? MAX_HEADERS : MAX_REQUEST_LINE;
        limitText(schema, max);
        if (schema.getItems() != null && schema.getItems().getRef() == null) {
            limitText(schema.getItems(), max);
        }
        return parameter;
    }

    /** A text parameter without a limit of its own is still bounded by what the HTTP layer accepts. */
    private static void limitText(Schema schema, int max) {
        if (isString(schema) && schema.getMaxLength() == null && schema.getEnumeration() == null) {
            schema.setMaxLength(max);
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        addComponents(openAPI.getComponents());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().forEach((method, operation) -> {
            APIResponses responses = operation.getResponses();
            if (responses == null) {
                responses = OASFactory.createAPIResponses();
                operation.setResponses(responses);
            }
            if (method == PathItem.HttpMethod.POST) {
                operation.addParameter(OASFactory.createParameter().ref(Idempotency.HEADER));
                putIfAbsent(responses, "409", "A request with the same Idempotency-Key is still being processed;"
                        + " retry after Retry-After seconds to get its answer");
                putIfAbsent(responses, "422", "The Idempotency-Key was already used for a different request");
            }
            if (takesInput(operation)) {
                putIfAbsent(responses, "400", "Invalid request: errors[] names each invalid field");
            }
            if (needsToken(operation, openAPI)) {
                putIfAbsent(responses, "401", "No valid bearer token (WWW-Authenticate: Bearer)");
            }
            putIfAbsent(responses, "429", "Too many requests (counted by the gateway): wait Retry-After seconds");
            putIfAbsent(responses, "500", "The server could not complete the request; it has been logged");
            responses.getAPIResponses().forEach((status, response) -> describe(status, response));
        }));
    }

    private static void describe(String status, APIResponse response) {
        EVERY_ANSWER.forEach(name -> response.addHeader(name, OASFactory.createHeader().ref(name)));
        if (status.equals("429")) {
            response.addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
        }
        if ((status.startsWith("4") || status.startsWith("5")) && response.getContent() == null) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
        }
    }

    private static void putIfAbsent(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** A body or query parameters: what the services validate into a 400 (path ids that fail are 404s). */
    private static boolean takesInput(Operation operation) {
        return operation.getRequestBody() != null || operation.getParameters() != null && operation.getParameters()
                .stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
    }

    private static boolean needsToken(Operation operation, OpenAPI openAPI) {
        var security = operation.getSecurity() != null ? operation.getSecurity() : openAPI.getSecurity();
        return security != null && !security.isEmpty() && security.stream()
                .allMatch(requirement -> requirement.getSchemes() != null && !requirement.getSchemes().isEmpty());
    }

    private static void addComponents(Components components) {
        components.addSchema(PROBLEM, problemSchema());
        components.addHeader("RateLimit-Limit", header("Calls allowed in the caller's most restrictive rate-limit"
                + " window (sent by the gateway; absent when it could not count the call)", 0, Integer.MAX_VALUE));
        components.addHeader("RateLimit-Remaining", header("Calls left in that window (sent by the gateway)", 0,
                Integer.MAX_VALUE));
        components.addHeader("RateLimit-Reset", header("Seconds until that window ends (sent by the gateway)", 1,
                Long.MAX_VALUE));
        components.addParameter(Idempotency.HEADER, OASFactory.createParameter().name(Idempotency.HEADER)
                .in(Parameter.In.HEADER).required(false).schema(text(Idempotency.MAX_KEY).pattern("^[!-~]+$"))
                .description("Makes the POST safe to repeat: the same key with the same path and body within 24 hours"
                        + " answers the first response again (status, body, Location, ETag; header Idempotent-Replayed:"
                        + " true) and changes nothing more; with another path or body it is a 422. Keys belong to the"
                        + " caller; use a new random one (a UUID) per intended change."));
        components.addHeader(RETRY_AFTER, header("Seconds to wait before calling again", 1, Long.MAX_VALUE));
        components.addHeader(ALLOW_ORIGIN, OASFactory.createHeader()
                .description("The request's Origin, when it is on the gateway's CORS allow-list (NEXUS_CORS_ORIGINS)")
                .schema(text(MAX_ORIGIN).format("uri")));
    }

    private static Header header(String description, long minimum, long maximum) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema()
                .addType(SchemaType.INTEGER).format(maximum > Integer.MAX_VALUE ? "int64" : "int32")
                .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum)));
    }

    private static Schema problemSchema() {
        Map<String, Schema> fieldError = new LinkedHashMap<>();
        fieldError.put("field", text(Problem.FieldError.MAX_FIELD)
                .description("JSON path of the invalid value in the request: title, tags[0], items[0].name; or a"
                        + " parameter's name"));
        fieldError.put("message", text(Problem.FieldError.MAX_MESSAGE));
        Map<String, Schema> problem = new LinkedHashMap<>();
        problem.put("type", text(Problem.MAX_TYPE).format("uri")
                .description("https://nexus.dev/problems/<kind>, or about:blank when the status says it all"));
        problem.put("title", text(Problem.MAX_TITLE));
        problem.put("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)));
        problem.put("detail", text(Problem.MAX_DETAIL));
        problem.put("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).maxItems(Problem.MAX_ERRORS)
                .description("For an invalid request: one entry per invalid value")
                .items(OASFactory.createSchema().addType(SchemaType.OBJECT).properties(fieldError)
                        .required(List.of("field", "message"))));
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem (application/problem+json)")
                .properties(problem).required(List.of("type", "title", "status"));
    }

    private static Schema text(int maxLength) {
        return OASFactory.createSchema().addType(SchemaType.STRING).maxLength(maxLength);
    }

    private static boolean isString(Schema schema) {
        return schema.getType() != null && schema.getType().contains(SchemaType.STRING);
    }
}
