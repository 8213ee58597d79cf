package dev.nexus.identity.auth;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Each test logs in from an address of its own (X-Forwarded-For, as the gateway sends it). */
@QuarkusTest
class LoginThrottleTest {

    @Test
    void after_five_wrong_passwords_even_the_right_one_is_refused_with_429_and_retry_after() {
        Accounts account = anAccount();
        account.register();
        String address = anAddress();
        for (int i = 0; i < 5; i++) {
            login(account.email(), "wrong password " + i, address).statusCode(401);
        }
        ExtractableResponse<Response> locked = login(account.email(), account.password(), address).statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://nexus.dev/problems/rate-limited"))
                .extract();
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "first lock is 2 s in tests: " + retryAfter);
        // the lock is on the account, not only on this client
        login(account.email(), account.password(), anAddress()).statusCode(429);
    }

    @Test
    void an_unknown_address_is_locked_exactly_like_an_account_so_answers_reveal_nothing() {
        Accounts known = anAccount();
        known.register();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.org";
        for (int i = 0; i < 5; i++) {
            String knownDetail = login(known.email(), "wrong password", anAddress()).statusCode(401).extract().path("detail");
            String unknownDetail = login(unknown, "wrong password", anAddress()).statusCode(401).extract().path("detail");
            assertEquals(knownDetail, unknownDetail);
        }
        String knownLocked = login(known.email(), "wrong password", anAddress()).statusCode(429).extract().path("detail");
        String unknownLocked = login(unknown, "wrong password", anAddress()).statusCode(429).extract().path("detail");
        assertEquals(knownLocked, unknownLocked);
    }

    @Test
    void the_lock_ends_by_itself_and_each_further_failure_doubles_it() {
        Accounts account = anAccount();
        account.register();
        String address = anAddress();
        for (int i = 0; i < 5; i++) {
            login(account.email(), "wrong password", address).statusCode(401);
        }
        login(account.email(), "wrong password", address).statusCode(429);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> login(account.email(), "wrong password", address).extract().statusCode() == 401);
        long retryAfter = Long.parseLong(login(account.email(), account.password(), address).statusCode(429)
                .extract().header("Retry-After"));
        assertTrue(retryAfter > 2 && retryAfter <= 4, "second lock is twice the first: " + retryAfter);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> login(account.email(), account.password(), address).extract().statusCode() == 200);
    }

    @Test
    void a_successful_login_clears_the_accounts_failures() {
        Accounts account = anAccount();
        account.register();
        String address = anAddress();
        for (int i = 0; i < 4; i++) {
            login(account.email(), "wrong password", address).statusCode(401);
        }
        login(account.email(), account.password(), address).statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(account.email(), "wrong password", address).statusCode(401);
        }
        login(account.email(), account.password(), address).statusCode(200);
    }

    @Test
    void twenty_failures_from_one_client_address_lock_that_address_for_every_account() {
        Accounts account = anAccount();
        account.register();
        String address = anAddress();
        for (int i = 0; i < 20; i++) {
            login("guess-" + i + "-" + UUID.randomUUID() + "@example.org", "wrong password", address).statusCode(401);
        }
        login(account.email(), account.password(), address).statusCode(429).header("Retry-After", Long::parseLong,
                org.hamcrest.Matchers.greaterThan(0L));
        login(account.email(), account.password(), anAddress()).statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse login(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login").then();
    }

    /** A random client address, so that no two tests share a per-address count. */
    private static String anAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
