package dev.nexus.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.testing.Servers;
import dev.nexus.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the gateway itself decides: rate limits, CORS, security headers, what it does not expose, Redis down. */
@QuarkusTest
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = false)
class EdgeTest {

    @Inject
    Vertx vertx;

    /** The management interface's {@code /q/} (health, metrics). */
    @TestHTTPResource(value = "/", management = true)
    URI q;

    private static String newAddress() {
        return "10.2." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    private static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    private static int identityRequests() {
        return FakeServices.REQUESTS.computeIfAbsent("identity", n -> new AtomicInteger()).get();
    }

    @Test
    void the_call_after_the_auth_limit_is_a_429_with_retry_after_and_the_headers_count_down_before_it() {
        String address = newAddress();
        int before = identityRequests();
        for (int i = 1; i <= 5; i++) {
            Response response = from(address).contentType(ContentType.JSON)
                    .body("{\"email\":\"new" + i + "@example.org\"}").when().post("/api/v1/auth/register");
            assertEquals(200, response.statusCode());
            assertEquals("5", response.header("RateLimit-Limit"));
            assertEquals(String.valueOf(5 - i), response.header("RateLimit-Remaining"));
            int reset = Integer.parseInt(response.header("RateLimit-Reset"));
            assertTrue(reset >= 1 && reset <= 60, "reset " + reset);
        }
        Response refused = from(address).contentType(ContentType.JSON).body("{}").when().post("/api/v1/auth/refresh");
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("https://nexus.dev/problems/rate-limited", refused.jsonPath().getString("type"));
        assertEquals("0", refused.header("RateLimit-Remaining"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(before + 5, identityRequests(), "the refused call never reached identity");
        // another address has its own bucket
        from(newAddress()).contentType(ContentType.JSON).body("{}").when().post("/api/v1/auth/login")
                .then().statusCode(200);
    }

    @Test
    void logins_for_one_email_are_limited_whatever_address_they_come_from() {
        String email = "ada-" + UUID.randomUUID() + "@example.org";
        for (int i = 0; i < 3; i++) {
            from(newAddress()).contentType(ContentType.JSON)
                    .body("{\"email\":\"" + (i == 1 ? email.toUpperCase() : email) + "\",\"password\":\"wrong\"}")
                    .when().post("/api/v1/auth/login").then().statusCode(200)
                    .body("body", containsString("\"password\":\"wrong\"")); // the body read for the bucket still arrives
        }
        from(newAddress()).contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"right\"}")
                .when().post("/api/v1/auth/login").then().statusCode(429)
                .body("detail", containsString("'login-email'"));
    }

    @Test
    void calls_with_a_valid_token_count_per_user_whatever_address_they_come_from() {
        String ada = "Bearer " + Tokens.forUser(UUID.randomUUID(), "Ada");
        for (int i = 1; i <= 8; i++) {
            from(newAddress()).header("Authorization", ada).when().get("/api/v1/groups").then().statusCode(200)
                    .header("RateLimit-Limit", "8").header("RateLimit-Remaining", String.valueOf(8 - i));
        }
        from(newAddress()).header("Authorization", ada).when().get("/api/v1/groups").then().statusCode(429);
        String bob = "Bearer " + Tokens.forUser(UUID.randomUUID(), "Bob");
        from(newAddress()).header("Authorization", bob).when().get("/api/v1/groups").then().statusCode(200)
                .header("RateLimit-Remaining", "7");
        // a forged token counts as anonymous, per address
        from(newAddress()).header("Authorization", "Bearer " + Tokens.unsigned(UUID.randomUUID()))
                .when().get("/api/v1/groups").then().statusCode(200).header("RateLimit-Limit", "30");
    }

    @Test
    void anonymous_calls_are_limited_per_address() {
        String address = newAddress();
        for (int i = 1; i <= 30; i++) {
            from(address).when().get("/api/v1/groups").then().statusCode(200);
        }
        from(address).when().get("/api/v1/groups").then().statusCode(429).header("RateLimit-Limit", "30");
        from(newAddress()).when().get("/api/v1/groups").then().statusCode(200).header("RateLimit-Remaining", "29");
    }

    @Test
    void graphql_documents_count_the_fields_they_select_against_the_graphql_limit() {
        String address = newAddress();
        String fifteenFields = IntStream.rangeClosed(1, 5).mapToObj(i -> "m" + i + ": me { id displayName }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        for (int remaining : new int[] { 25, 10 }) {
            from(address).contentType(ContentType.JSON).body(Map.of("query", fifteenFields))
                    .when().post("/graphql").then().statusCode(200)
                    .header("RateLimit-Limit", "40").header("RateLimit-Remaining", String.valueOf(remaining));
        }
        from(address).contentType(ContentType.JSON).body(Map.of("query", fifteenFields))
                .when().post("/graphql").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("'graphql'"));
    }

    @Test
    void calls_are_still_counted_after_redis_forgets_the_script() {
        String address = newAddress();
        from(address).when().get("/api/v1/groups").then().header("RateLimit-Remaining", "29");
        Redis redis = Redis.createClient(vertx, Servers.get().redisUrl());
        try {
            redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).toCompletionStage().toCompletableFuture().join();
        } finally {
            redis.close();
        }
        from(address).when().get("/api/v1/groups").then().statusCode(200).header("RateLimit-Remaining", "28");
    }

    @Test
    void an_allowed_origin_gets_cors_headers_and_a_preflight_browsers_may_cache() {
        from(newAddress()).header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .when().options("/api/v1/sessions/1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Max-Age", "86400")
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("if-match"));
        from(newAddress()).header("Origin", "http://localhost:5173").when().get("/api/v1/groups")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsString("ratelimit-remaining"));
    }

    @Test
    void an_origin_not_on_the_list_gets_no_cors_headers() {
        Response simple = from(newAddress()).header("Origin", "https://evil.example").when().get("/api/v1/groups");
        assertNull(simple.header("Access-Control-Allow-Origin"));
        Response preflight = from(newAddress()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE").when().options("/api/v1/groups/1");
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        assertNull(preflight.header("Access-Control-Allow-Methods"));
    }

    @Test
    void every_answer_carries_the_security_headers_proxied_or_the_gateways_own() {
        for (Response response : new Response[] {
                from(newAddress()).when().get("/api/v1/groups"), // a service's answer
                from(newAddress()).when().get("/api/v1/nothing"), // the gateway's 404
                from(newAddress()).when().get("/api/v1/notes/1"), // the gateway's 503
                from(newAddress()).header("Origin", "https://evil.example").when().get("/api/v1/groups") }) {
            assertEquals("nosniff", response.header("X-Content-Type-Options"));
            assertEquals("no-referrer", response.header("Referrer-Policy"));
            assertEquals("DENY", response.header("X-Frame-Options"));
            assertEquals("default-src 'none'; frame-ancestors 'none'", response.header("Content-Security-Policy"));
            assertNull(response.header("Strict-Transport-Security"), "HSTS only when configured behind TLS");
        }
    }

    @Test
    void every_services_openapi_document_and_the_docs_page_are_served_at_this_origin() {
        from(newAddress()).when().get("/openapi/sessions.json").then().statusCode(200)
                .contentType("application/json").body("uri", equalTo("/q/openapi?format=json"));
        from(newAddress()).when().get("/openapi/notes.json").then().statusCode(503)
                .contentType("application/problem+json");
        from(newAddress()).when().get("/openapi/billing.json").then().statusCode(404)
                .contentType("application/problem+json");
        from(newAddress()).redirects().follow(false).when().get("/docs").then().statusCode(302)
                .header("Location", endsWith("/docs/"));
        from(newAddress()).when().get("/docs/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", not(containsString("script-src")));
        from(newAddress()).when().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
    }

    @Test
    void metrics_and_health_are_served_on_the_management_port_only() {
        from(newAddress()).when().get("/q/metrics").then().statusCode(404);
        from(newAddress()).when().get("/q/health/ready").then().statusCode(404);
        given().baseUri(q.toString()).when().get("health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'upstreams' }.data.identity", equalTo("1 of 2 replicas ready"))
                .body("checks.find { it.name == 'upstreams' }.data.sessions", equalTo("2 of 2 replicas ready"))
                .body("checks.find { it.name == 'upstreams' }.data.notes", equalTo("0 of 1 replicas ready"))
                .body("checks.find { it.name == 'upstreams' }.data.unavailable", equalTo("notes"))
                .body("checks.find { it.name == 'rate limits' }.data.redis", equalTo("UP"));
    }

    @Test
    void with_redis_down_calls_go_through_uncounted_and_readiness_says_degraded() {
        double failOpenBefore = failOpen();
        FakeServices.redis.cut();
        try {
            Response response = from(newAddress()).when().get("/api/v1/groups");
            assertEquals(200, response.statusCode());
            assertNull(response.header("RateLimit-Limit"));
            assertTrue(failOpen() > failOpenBefore, "fail-open counted");
            given().baseUri(q.toString()).when().get("health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'rate limits' }.data.redis", equalTo("DOWN"))
                    .body("checks.find { it.name == 'rate limits' }.data.mode",
                            equalTo("degraded: calls are not counted (fail open)"));
        } finally {
            FakeServices.redis.restore();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                from(newAddress()).when().get("/api/v1/groups").header("RateLimit-Limit") != null);
    }

    @Test
    void with_redis_not_answering_calls_go_through_uncounted_after_the_timeout() {
        double failOpenBefore = failOpen();
        FakeServices.redis.stall();
        try {
            // without the timeout the call would wait for Redis as long as it is stalled
            Response response = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> from(newAddress()).when().get("/api/v1/groups"));
            assertEquals(200, response.statusCode());
            assertNull(response.header("RateLimit-Limit"));
            assertTrue(failOpen() > failOpenBefore, "fail-open counted");
        } finally {
            FakeServices.redis.restore();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                from(newAddress()).when().get("/api/v1/groups").header("RateLimit-Limit") != null);
    }

    private double failOpen() {
        return Metrics.value(q, "nexus_gateway_rate_limit_fail_open_total");
    }
}
