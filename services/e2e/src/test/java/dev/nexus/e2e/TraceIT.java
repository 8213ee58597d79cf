package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.e2e.OtlpReceiver.Received;
import dev.nexus.testing.StreamClient;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.restassured.http.ContentType;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace from a client's request to a WebSocket push: every instance exports its spans over OTLP
 * to the test's receiver, and the request that schedules a session carries a sampled W3C
 * traceparent, so that trace alone is recorded. The services' JSON log lines name the trace and span
 * they were written in.
 */
@ExtendWith(SharedPlatform.class)
class TraceIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Platform platform;

    @BeforeAll
    static void startPlatform(Platform shared) {
        platform = shared;
    }

    @Test
    void one_trace_runs_from_the_gateway_through_sessions_the_broker_and_notifications_to_the_push() throws Exception {
        String gateway = platform.url(Platform.GATEWAY);
        String owner = register(gateway, "Grace");
        String ada = register(gateway, "Ada");
        String groupId = given().baseUri(gateway).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Tracing", "visibility", "PUBLIC")).when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        given().baseUri(gateway).auth().oauth2(ada).contentType(ContentType.JSON)
                .when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(201);
        // the owner hears of the join once notifications has the membership
        await().atMost(BOUND).until(() -> given().baseUri(gateway).auth().oauth2(owner)
                .when().get("/api/v1/notifications").then().extract().jsonPath().getList("items").size() == 1);

        String traceId = hex(16);
        String clientSpan = hex(8);
        platform.traces().watch(traceId);
        String ticket = given().baseUri(gateway).auth().oauth2(ada).when()
                .post("/api/v1/notifications/stream-ticket").then().statusCode(200).extract().path("ticket");
        try (StreamClient adaOnB = StreamClient.open(platform.url(Platform.NOTIFICATIONS_B), "ticket=" + ticket)) {
            adaOnB.next("unread-count");
            given().baseUri(gateway).auth().oauth2(owner).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                    .body(Map.of("title", "Spans", "startsAt", "2027-03-02T18:00:00Z", "durationMinutes", 60,
                            "timeZone", "UTC"))
                    .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201);
            adaOnB.next("notification");
        }

        // the span that handed the push to Ada's socket, and its ancestors up to the client's span
        Received delivered = await().atMost(BOUND).until(
                () -> find(traceId, s -> s.name().equals("push deliver")), Optional::isPresent).orElseThrow();
        List<Received> chain = await().atMost(BOUND).until(() -> ancestors(traceId, delivered, clientSpan),
                found -> found != null);

        assertEquals(Platform.NOTIFICATIONS_B, delivered.instance(), "the replica holding the socket delivered");
        assertEquals(SpanKind.SPAN_KIND_SERVER, chain.get(0).kind());
        assertEquals(Platform.GATEWAY, chain.get(0).instance(), "the trace enters at the gateway");
        Received request = chain.stream().filter(s -> s.instance().equals("sessions")
                && s.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        Received publish = one(chain, "publish session.scheduled.v1");
        Received process = one(chain, "process session.scheduled.v1");
        Received push = one(chain, "push");
        assertEquals("sessions", publish.instance());
        assertEquals(SpanKind.SPAN_KIND_PRODUCER, publish.kind());
        assertEquals(publish.spanId(), process.parentSpanId(), "the consumer continues the message's context");
        assertEquals(SpanKind.SPAN_KIND_CONSUMER, process.kind());
        assertEquals(process.spanId(), push.parentSpanId());
        assertEquals(push.spanId(), delivered.parentSpanId());
        assertEquals(process.instance(), push.instance(), "the handling replica publishes the push");
        assertEquals(List.of(request, publish, process, push, delivered),
                chain.stream().filter(s -> List.of(request, publish, process, push, delivered).contains(s)).toList(),
                "in causal order");
    }

    @Test
    void log_lines_are_json_with_the_trace_and_span_of_the_request() throws Exception {
        String gateway = platform.url(Platform.GATEWAY);
        String email = "trace-" + UUID.randomUUID() + "@example.org";
        register(gateway, email, "Lin");
        String traceId = hex(16);

        given().baseUri(gateway).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .body(Map.of("email", email, "password", "correct horse battery"))
                .when().post("/api/v1/auth/login").then().statusCode(200);

        // the audit line of this login, written while identity handled the request
        JsonObject line = await().atMost(BOUND).until(() -> {
            // ISO-8859-1 reads any byte: other tests log what fuzzed requests sent
            for (String text : Files.readAllLines(platform.log("identity"), StandardCharsets.ISO_8859_1)) {
                if (!text.startsWith("{\"")) {
                    continue; // what the JVM or a library writes to stdout/stderr before logging is set up
                }
                JsonObject json;
                try {
                    json = new JsonObject(text);
                } catch (DecodeException e) {
                    throw new AssertionError("a log line that starts as JSON is not: " + text, e);
                }
                JsonObject mdc = json.getJsonObject("mdc", new JsonObject());
                if (json.getString("message", "").contains("\"login.succeeded\"")
                        && traceId.equals(mdc.getString("traceId"))) {
                    return json;
                }
            }
            return null;
        }, found -> found != null);
        assertEquals("nexus.audit", line.getString("loggerName"));
        assertTrue(line.getJsonObject("mdc").getString("spanId", "").matches("[0-9a-f]{16}"), line.encode());
    }

    /** The span's ancestors from the one under {@code root} down to the span itself; null while one is missing. */
    private static List<Received> ancestors(String traceId, Received span, String root) {
        List<Received> chain = new ArrayList<>();
        Received at = span;
        while (at != null) {
            chain.add(0, at);
            if (at.parentSpanId().equals(root)) {
                return chain;
            }
            String parent = at.parentSpanId();
            at = find(traceId, s -> s.spanId().equals(parent)).orElse(null);
        }
        return null;
    }

    private static Optional<Received> find(String traceId, java.util.function.Predicate<Received> which) {
        return platform.traces().spans(traceId).stream().filter(which).findFirst();
    }

    private static Received one(List<Received> chain, String name) {
        List<Received> named = chain.stream().filter(s -> s.name().equals(name)).toList();
        assertEquals(1, named.size(), name + " in " + chain);
        return named.get(0);
    }

    private static String register(String gateway, String name) {
        return register(gateway, "trace-" + UUID.randomUUID() + "@example.org", name);
    }

    private static String register(String gateway, String email, String name) {
        return given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery",
                        "displayName", name, "timeZone", "UTC"))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract().path("accessToken");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
