package dev.nexus.sessions.group;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Idempotency-Key (platform {@code Idempotency}) on a creating POST, against the real Redis. */
@QuarkusTest
class IdempotencyTest {

    @Test
    void the_same_key_and_body_again_replays_the_first_answer_and_creates_nothing_more() {
        Learner ada = Learner.named("Ada");
        String key = UUID.randomUUID().toString();
        Map<String, Object> group = group("Replayed " + key);

        Response first = create(ada, key, group);
        Response again = create(ada, key, group);

        assertEquals(201, first.statusCode(), first.asString());
        assertEquals(201, again.statusCode());
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(first.<String>path("id"), again.<String>path("id"));
        assertEquals(first.asString(), again.asString());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(1L, groupsNamed(group));
    }

    @Test
    void the_same_key_with_another_body_or_path_is_a_422_and_changes_nothing() {
        Learner ada = Learner.named("Ada");
        String key = UUID.randomUUID().toString();
        Map<String, Object> group = group("First " + key);
        String id = create(ada, key, group).then().statusCode(201).extract().path("id");

        create(ada, key, group("Second " + key)).then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("This Idempotency-Key was already used for a different request (another path"
                        + " or body). Use a new key for a new request."));
        ada.call().header("Idempotency-Key", key).when().post("/api/v1/groups/" + id + "/invites")
                .then().statusCode(422);
        assertEquals(0L, groupsNamed(group("Second " + key)));
        assertEquals(0L, Db.value("select count(*) from invites where group_id = ?::uuid", id));
    }

    @Test
    void concurrent_requests_with_one_key_create_one_group() throws Exception {
        Learner ada = Learner.named("Ada");
        String key = UUID.randomUUID().toString();
        Map<String, Object> group = group("Raced " + key);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Response>> answers = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return create(ada, key, group);
                    }, pool)).toList();
            start.countDown();
            List<Response> all = answers.stream().map(CompletableFuture::join).toList();
            Set<Integer> statuses = all.stream().map(Response::statusCode).collect(Collectors.toSet());
            assertTrue(Set.of(201, 409).containsAll(statuses), "201 or 409 (still in progress): " + statuses);
            assertEquals(1, all.stream().filter(r -> r.statusCode() == 201).map(r -> r.<String>path("id")).distinct().count());
            all.stream().filter(r -> r.statusCode() == 409).forEach(r -> assertEquals("1", r.header("Retry-After")));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, groupsNamed(group));
        assertEquals(201, create(ada, key, group).statusCode(), "after the race the key replays the one group");
    }

    @Test
    void keys_belong_to_their_caller_and_a_malformed_key_is_a_400() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> group = group("Shared key " + key);
        create(Learner.named("Ada"), key, group).then().statusCode(201);
        create(Learner.named("Grace"), key, group).then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertEquals(2L, groupsNamed(group));

        create(Learner.named("Ada"), "x".repeat(256), group("Too long")).then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(0L, groupsNamed(group("Too long")));
    }

    private static Response create(Learner caller, String key, Map<String, Object> body) {
        return caller.call().header("Idempotency-Key", key).body(body).when().post("/api/v1/groups");
    }

    private static Map<String, Object> group(String name) {
        return Map.of("name", name, "visibility", "PUBLIC", "timeZone", "Europe/Berlin");
    }

    private static Object groupsNamed(Map<String, Object> group) {
        return Db.value("select count(*) from groups where name = ?", group.get("name"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
