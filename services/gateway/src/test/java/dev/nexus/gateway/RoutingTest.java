package dev.nexus.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The gateway in front of stand-in services ({@link FakeServices}): what passes through, and how failures look. */
@QuarkusTest
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = false)
class RoutingTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    /** The management interface's {@code /q/} (metrics). */
    @TestHTTPResource(value = "/", management = true)
    URI q;

    @Inject
    Vertx vertx;

    /** A client address of its own per call, so that no test shares another's anonymous bucket. */
    private static RequestSpecification client() {
        return given().header("X-Forwarded-For", "10.1." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250));
    }

    @Test
    void each_prefix_reaches_the_service_that_owns_it() {
        Map<String, String> owners = Map.ofEntries(
                Map.entry("/api/v1/users/me", "identity"),
                Map.entry("/.well-known/jwks.json", "identity"),
                Map.entry("/api/v1/me/sessions", "sessions-"),
                Map.entry("/api/v1/me/pairing-profile", "sessions-"),
                Map.entry("/api/v1/calendar/abc.ics", "sessions-"),
                Map.entry("/api/v1/groups", "sessions-"),
                Map.entry("/api/v1/polls/p1", "sessions-"),
                Map.entry("/api/v1/notifications/unread-count", "notifications"),
                Map.entry("/api/v1/notification-preferences", "notifications"),
                Map.entry("/api/v1/recaps/s1/2026-03-02T17:00:00Z", "notifications"),
                Map.entry("/api/v1/webhooks", "notifications"));
        owners.forEach((path, service) -> {
            String answered = client().when().get(path).then().statusCode(200).extract().path("service");
            assertTrue(answered.startsWith(service), path + " was answered by " + answered);
        });
    }

    @Test
    void method_path_query_headers_body_and_status_pass_through_unchanged() {
        client().urlEncodingEnabled(false).header("Authorization", "Bearer not-checked-here").header("If-Match", "\"v6\"")
                .header("If-None-Match", "\"v5\"").header("Cache-Control", "no-cache").header("x-test-status", "412")
                .contentType(ContentType.JSON).body("{\"title\":\"Graphs\"}")
                .when().patch("/api/v1/sessions/42?notify=true&x=%20y")
                .then().statusCode(412)
                .header("ETag", "\"v7\"")
                .header("Cache-Control", "private, max-age=5")
                .contentType("application/json")
                .body("method", equalTo("PATCH"))
                .body("uri", equalTo("/api/v1/sessions/42?notify=true&x=%20y"))
                .body("body", equalTo("{\"title\":\"Graphs\"}"))
                .body("headers.authorization", equalTo("Bearer not-checked-here"))
                .body("headers.if-match", equalTo("\"v6\""))
                .body("headers.if-none-match", equalTo("\"v5\""))
                .body("headers.cache-control", equalTo("no-cache"))
                .body("headers.content-type", equalTo("application/json"));
    }

    @Test
    void the_host_the_client_used_reaches_the_service_so_links_name_the_gateway() {
        client().when().get("/api/v1/groups").then().statusCode(200)
                .body("headers.host", equalTo(base.getHost() + ":" + base.getPort()));
    }

    @Test
    void requests_are_spread_over_the_replicas_of_a_service() {
        int a = FakeServices.REQUESTS.computeIfAbsent("sessions-a", n -> new java.util.concurrent.atomic.AtomicInteger()).get();
        int b = FakeServices.REQUESTS.computeIfAbsent("sessions-b", n -> new java.util.concurrent.atomic.AtomicInteger()).get();
        for (int i = 0; i < 10; i++) {
            client().when().get("/api/v1/sessions/" + i).then().statusCode(200);
        }
        assertEquals(5, FakeServices.REQUESTS.get("sessions-a").get() - a);
        assertEquals(5, FakeServices.REQUESTS.get("sessions-b").get() - b);
    }

    @Test
    void a_replica_that_refuses_connections_is_skipped() {
        for (int i = 0; i < 4; i++) {
            client().when().get("/api/v1/users/me").then().statusCode(200).body("service", equalTo("identity"));
        }
    }

    @Test
    void a_service_with_no_reachable_replica_answers_503_naming_it() {
        client().when().get("/api/v1/notes/1").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("https://nexus.dev/problems/service-unavailable"))
                .body("status", equalTo(503))
                .body("service", equalTo("notes"))
                .body("detail", equalTo("the notes service is not reachable; try again shortly"));
    }

    @Test
    void a_service_that_does_not_answer_is_a_504_naming_it_after_the_request_timeout() {
        client().when().get("/api/v1/groups/hang").then().statusCode(504)
                .contentType("application/problem+json")
                .body("service", equalTo("sessions"))
                .body("detail", equalTo("the sessions service did not answer within 1000 ms"));
    }

    @Test
    void a_path_no_service_serves_is_a_404_problem() {
        client().when().get("/api/v1/groupsX").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no Nexus API serves /api/v1/groupsX"));
        client().when().get("/api/v2/groups").then().statusCode(404);
    }

    @Test
    void dot_segments_are_refused_rather_than_routed() {
        client().urlEncodingEnabled(false).when().get("/api/v1/groups/../../../q/metrics").then().statusCode(404);
        client().urlEncodingEnabled(false).when().get("/api/v1/groups/%2e%2e/sessions/1").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void a_response_body_reaches_the_client_before_the_service_has_finished_it() throws Exception {
        FakeServices.finishDownload = Promise.promise();
        HttpClient http = vertx.createHttpClient();
        AtomicLong received = new AtomicLong();
        Promise<Void> ended = Promise.promise();
        // handlers set on the event loop, as the response arrives: none of its chunks can come before them
        http.request(HttpMethod.GET, base.getPort(), base.getHost(), "/api/v1/groups/download")
                .compose(request -> request.send().onSuccess(response -> {
                    response.handler(chunk -> received.addAndGet(chunk.length()));
                    response.endHandler(v -> ended.complete());
                }));
        // the service holds the rest back until the first chunk came through: a buffering proxy would wait forever
        await().atMost(BOUND).until(() -> received.get() >= "first;".length());
        FakeServices.finishDownload.complete();
        ended.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals("first;".length() + FakeServices.DOWNLOAD_REST, received.get());
        http.close();
    }

    @Test
    void a_request_body_reaches_the_service_while_the_client_is_still_sending() throws Exception {
        FakeServices.UPLOADED.set(0);
        HttpClient http = vertx.createHttpClient();
        var request = http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                .setPort(base.getPort()).setURI("/api/v1/groups/upload"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        request.setChunked(true);
        CompletableFuture<Buffer> body = request.response().compose(HttpClientResponse::body).toCompletionStage()
                .toCompletableFuture();
        request.write(Buffer.buffer(new byte[64 * 1024]));
        await().atMost(BOUND).until(() -> FakeServices.UPLOADED.get() > 0);
        request.end(Buffer.buffer(new byte[4 * 1024 * 1024]));
        assertEquals(64 * 1024 + 4 * 1024 * 1024, body.get(30, TimeUnit.SECONDS).toJsonObject().getLong("bytes"));
        http.close();
    }

    @Test
    void the_notification_stream_websocket_is_tunnelled() throws Exception {
        AtomicReference<String> echoed = new AtomicReference<>();
        URI stream = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/v1/notifications/stream?ticket=t");
        WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(stream, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        echoed.set(data.toString());
                        return WebSocket.Listener.super.onText(ws, data, last);
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("hello", true);
        await().atMost(BOUND).until(() -> echoed.get() != null);
        assertEquals("notifications: hello", echoed.get());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void a_websocket_upgrade_to_an_unreachable_service_is_a_503_naming_it() {
        client().header("Connection", "Upgrade").header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .when().get("/api/v1/notes/stream").then().statusCode(503)
                .contentType("application/problem+json").body("service", equalTo("notes"));
    }

    @Test
    void the_gateway_says_who_the_client_is() {
        given().header("X-Forwarded-For", "10.9.8.7").when().get("/api/v1/groups").then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo("10.9.8.7"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-port", equalTo(String.valueOf(RestAssured.port)))
                .body("headers.upgrade", nullValue());
    }

    @Test
    void every_call_is_timed_by_its_service_and_status() {
        double before = timed("notifications", "409");
        for (int i = 0; i < 2; i++) {
            client().header("x-test-status", "409").when().get("/api/v1/webhooks").then().statusCode(409);
        }
        await().atMost(BOUND).until(() -> timed("notifications", "409") == before + 2);
    }

    /** How many calls {@code nexus_gateway_upstream_seconds} counted for a service and status. */
    private double timed(String service, String status) {
        return Metrics.value(q, "nexus_gateway_upstream_seconds_count",
                "service=\"" + service + "\"", "status=\"" + status + "\"");
    }
}
