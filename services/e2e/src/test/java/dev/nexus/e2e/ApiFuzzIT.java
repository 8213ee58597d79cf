package dev.nexus.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes every operation of every service from its own OpenAPI document, as a careless or hostile
 * client would: each path, query and header parameter and each body property in turn gets a wrong
 * type, a huge or negative number, a long string or bytes that are not UTF-8; whole bodies are
 * replaced by other JSON shapes, broken JSON and other content types. The caller holds a valid
 * token, so requests reach validation. No answer may be a 5xx, and every request must be answered.
 */
@ExtendWith(SharedPlatform.class)
class ApiFuzzIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Invalid UTF-8 (a lead byte followed by an ASCII byte), percent-encoded for a URL. */
    private static final String BAD_UTF8_IN_URL = "%C3%28";
    private static final List<String> BAD_PARAMETERS = List.of("-1", "0", "99999999999999999999", "1.5", "abc", "",
            "null", "x".repeat(3000), BAD_UTF8_IN_URL, "%00", "..%2F..%2F", UUID.randomUUID().toString());
    private static final List<Object> BAD_VALUES = List.of(new JsonObject(), new JsonArray().add(1), -1,
            Long.MAX_VALUE, "9".repeat(40), 1e308, 2147483648L, true, "", "x".repeat(100_000), "\u0000",
            "2030-02-30T25:61:00", "Mars/Base", "not-a-uuid");

    private static Platform platform;
    private static String token;

    @BeforeAll
    static void startPlatform(Platform shared) throws Exception {
        platform = shared;
        String email = "fuzz-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.url("identity") + "/api/v1/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email)
                        .put("password", "correct horse battery").put("displayName", "Fuzz").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        token = new JsonObject(registered.body()).getString("accessToken");
    }

    @ParameterizedTest
    @ValueSource(strings = { "identity", "sessions", "notes", "notifications" })
    void no_input_to_any_operation_is_answered_with_a_5xx(String service) throws Exception {
        String base = platform.url(service);
        JsonObject document = new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        Fuzzer fuzzer = new Fuzzer(base, document);
        document.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(operation.getKey())) {
                fuzzer.operation(operation.getKey().toUpperCase(), path.getKey(), (JsonObject) operation.getValue());
            }
        }));
        System.out.printf("fuzzed %s: %d requests, %d operations%n", service, fuzzer.sent, fuzzer.operations);
        assertTrue(fuzzer.sent > 100, "too few requests: " + fuzzer.sent);
        assertTrue(fuzzer.failures.isEmpty(), fuzzer.failures.size() + " answers were 5xx or never came:\n"
                + String.join("\n", fuzzer.failures.subList(0, Math.min(40, fuzzer.failures.size()))));
    }

    /** Builds and sends the requests of one service. */
    private static final class Fuzzer {
        private final String base;
        private final JsonObject document;
        private final List<String> failures = new ArrayList<>();
        private int sent;
        private int operations;

        Fuzzer(String base, JsonObject document) {
            this.base = base;
            this.document = document;
        }

        void operation(String method, String template, JsonObject operation) {
            operations++;
            List<JsonObject> parameters = new ArrayList<>();
            JsonArray declared = operation.getJsonArray("parameters", new JsonArray());
            for (Object p : declared) {
                parameters.add(resolve((JsonObject) p));
            }
            Map<String, String> valid = new LinkedHashMap<>();
            parameters.forEach(p -> valid.put(p.getString("name"), validParameter(p)));
            JsonObject body = bodySchema(operation);
            String validBody = body == null ? null : sample(body, 0).toString();

            send(method, template, parameters, valid, validBody, "application/json", "valid input");
            for (JsonObject parameter : parameters) {
                for (String bad : BAD_PARAMETERS) {
                    Map<String, String> values = new LinkedHashMap<>(valid);
                    values.put(parameter.getString("name"), bad);
                    send(method, template, parameters, values, validBody, "application/json",
                            parameter.getString("in") + " " + parameter.getString("name") + "=" + abbreviate(bad));
                }
            }
            if (body == null) {
                return;
            }
            JsonObject properties = resolveSchema(body).getJsonObject("properties", new JsonObject());
            for (String property : properties.fieldNames()) {
                for (Object bad : BAD_VALUES) {
                    JsonObject mutated = ((JsonObject) sample(body, 0)).copy();
                    mutated.put(property, bad);
                    send(method, template, parameters, valid, mutated.encode(), "application/json",
                            "body " + property + "=" + abbreviate(String.valueOf(bad)));
                }
                // bytes that are not UTF-8 inside a string value
                send(method, template, parameters, valid, "{\"" + property + "\":\"\u00c3(\"}", "application/json",
                        "body " + property + " with bad UTF-8");
            }
            for (String whole : List.of("[]", "\"x\"", "null", "42", "{", "{\"a\":", "", "{}".repeat(3))) {
                send(method, template, parameters, valid, whole, "application/json", "body " + whole);
            }
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=latin1")) {
                send(method, template, parameters, valid, validBody, type, "content type " + type);
            }
        }

        private void send(String method, String template, List<JsonObject> parameters, Map<String, String> values,
                String body, String contentType, String what) {
            String path = template;
            StringBuilder query = new StringBuilder();
            HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token);
            for (JsonObject parameter : parameters) {
                String name = parameter.getString("name");
                String value = values.get(name);
                switch (parameter.getString("in")) {
                    case "path" -> path = path.replace("{" + name + "}", urlPart(value));
                    case "query" -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(urlPart(value));
                    case "header" -> {
                        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !value.isEmpty()) {
                            request.header(name, value);
                        }
                    }
                    default -> {
                    }
                }
            }
            String url = base + path + query;
            try {
                request.uri(URI.create(url));
            } catch (IllegalArgumentException e) {
                return; // not a URL a client can send
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(what.contains("bad UTF-8")
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            if (body != null || !method.equals("GET") && !method.equals("DELETE")) {
                request.header("Content-Type", contentType);
            }
            request.method(method, body == null && (method.equals("GET") || method.equals("DELETE"))
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
            sent++;
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    failures.add(response.statusCode() + " " + method + " " + abbreviate(url) + " (" + what + "): "
                            + abbreviate(response.body()));
                }
            } catch (Exception e) {
                failures.add("no answer to " + method + " " + abbreviate(url) + " (" + what + "): " + e);
            }
        }

        private JsonObject bodySchema(JsonObject operation) {
            JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
            if (content == null) {
                return null;
            }
            JsonObject json = content.getJsonObject("application/json");
            return json == null ? null : json.getJsonObject("schema");
        }

        /** A plausible value of a schema: enough for a body to pass parsing, so the mutations reach validation. */
        private Object sample(JsonObject schema, int depth) {
            JsonObject s = resolveSchema(schema);
            String type = typeOf(s);
            if (s.containsKey("enum")) {
                return s.getJsonArray("enum").getValue(0);
            }
            return switch (type) {
                case "object" -> {
                    JsonObject object = new JsonObject();
                    if (depth < 4) {
                        s.getJsonObject("properties", new JsonObject()).forEach(p ->
                                object.put(p.getKey(), sample((JsonObject) p.getValue(), depth + 1)));
                    }
                    yield object;
                }
                case "array" -> new JsonArray();
                case "integer", "number" -> s.getValue("minimum") instanceof Number min ? min : 1;
                case "boolean" -> true;
                default -> switch (s.getString("format", "")) {
                    case "date-time" -> OffsetDateTime.now().plusDays(2).withNano(0).toString();
                    case "uuid" -> UUID.randomUUID().toString();
                    case "uri" -> "https://meet.example.org/room";
                    default -> "Fuzz";
                };
            };
        }

        private String validParameter(JsonObject parameter) {
            Object value = sample(parameter.getJsonObject("schema", new JsonObject()), 0);
            return value instanceof JsonObject || value instanceof JsonArray ? "" : String.valueOf(value);
        }

        private static String typeOf(JsonObject schema) {
            Object type = schema.getValue("type");
            if (type instanceof JsonArray types) {
                return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("string");
            }
            return type == null ? (schema.containsKey("properties") ? "object" : "string") : type.toString();
        }

        private JsonObject resolve(JsonObject maybeRef) {
            String ref = maybeRef.getString("$ref");
            if (ref == null) {
                return maybeRef;
            }
            JsonObject target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.getJsonObject(part);
            }
            return target;
        }

        private JsonObject resolveSchema(JsonObject schema) {
            JsonObject resolved = resolve(schema);
            JsonArray allOf = resolved.getJsonArray("allOf");
            return allOf != null && !allOf.isEmpty() ? resolve(allOf.getJsonObject(0)) : resolved;
        }

        /** A value as it goes into a URL: percent-encoded, except the raw escapes the list holds on purpose. */
        private static String urlPart(String value) {
            return value.contains("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        private static String abbreviate(String text) {
            return text == null || text.length() <= 120 ? text : text.substring(0, 120) + "…";
        }
    }
}
