package dev.nexus.notes.problem;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.notes.Member;
import dev.nexus.testing.Db;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SolutionTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "nexus.cache.prefix")
    String prefix;

    @Test
    void other_members_solutions_are_withheld_on_every_read_path_until_the_caller_solves_the_problem() {
        Member poser = Member.named("Poser");
        Member ada = Member.named("Ada");
        Member bob = Member.named("Bob");
        UUID groupId = poser.owns();
        ada.joins(groupId);
        bob.joins(groupId);
        UUID problemId = poser.poses(groupId, "Two sum", "Find two numbers adding up to a target.");
        UUID adas = ada.solves(problemId, "Use a hash map of complements.");
        ada.call().body(Map.of("body", "Mind the duplicates.")).when().post("/api/v1/solutions/" + adas + "/comments")
                .then().statusCode(201);
        String solutions = "/api/v1/problems/" + problemId + "/solutions";

        // Bob has not solved it: metadata yes, bodies no, on every path
        for (String sort : List.of("top", "new")) {
            bob.call().queryParam("sort", sort).when().get(solutions).then().statusCode(200)
                    .body("items.id", contains(adas.toString()))
                    .body("items[0].author.displayName", equalTo("Ada"))
                    .body("items[0].language", equalTo("java"))
                    .body("items[0].votes", is(0))
                    .body("items[0].withheld", is(true))
                    .body("items[0].body", nullValue())
                    .body("items[0].html", nullValue());
        }
        bob.call().when().get("/api/v1/solutions/" + adas).then().statusCode(200)
                .body("withheld", is(true)).body("body", nullValue()).body("author.displayName", equalTo("Ada"));
        bob.call().when().get("/api/v1/solutions/" + adas + "/comments").then().statusCode(200)
                .body("items[0].withheld", is(true)).body("items[0].body", nullValue());
        bob.call().queryParam("q", "complements").when().get("/api/v1/problems").then().body("items", empty());
        bob.call().when().get("/api/v1/problems/" + problemId).then().body("solutionsVisible", is(false));

        // the author, the problem's poser see it; once Bob posts his own, he sees Ada's
        ada.call().when().get("/api/v1/solutions/" + adas).then().body("body", equalTo("Use a hash map of complements."));
        poser.call().when().get("/api/v1/solutions/" + adas).then().body("withheld", is(false));
        bob.solves(problemId, "Sort, then two pointers.");
        bob.call().when().get(solutions).then().body("items.withheld", everyItem(is(false)));
        bob.call().when().get("/api/v1/solutions/" + adas).then().body("body", equalTo("Use a hash map of complements."));
        bob.call().when().get("/api/v1/solutions/" + adas + "/comments").then()
                .body("items[0].body", equalTo("Mind the duplicates."));
    }

    @Test
    void reveal_unlocks_the_solutions_and_organizers_see_everything() {
        Member poser = Member.named("Poser");
        Member ada = Member.named("Ada");
        Member carl = Member.named("Carl");
        Member olga = Member.named("Olga");
        UUID groupId = poser.owns();
        ada.joins(groupId);
        carl.joins(groupId);
        olga.joins(groupId, "ORGANIZER");
        UUID problemId = poser.poses(groupId, "FizzBuzz", "You know it.");
        UUID adas = ada.solves(problemId, "if (i % 15 == 0) ...");

        olga.call().when().get("/api/v1/solutions/" + adas).then().body("withheld", is(false));
        carl.call().when().get("/api/v1/solutions/" + adas).then().body("withheld", is(true));
        carl.call().when().get("/api/v1/problems/" + problemId + "/solutions").then() // cached: not unlocked
                .body("items[0].withheld", is(true));
        carl.call().when().post("/api/v1/problems/" + problemId + "/reveal").then().statusCode(200)
                .body("solutionsVisible", is(true));
        carl.call().when().post("/api/v1/problems/" + problemId + "/reveal").then().statusCode(200);
        carl.call().when().get("/api/v1/solutions/" + adas).then().body("withheld", is(false))
                .body("body", equalTo("if (i % 15 == 0) ..."));
        carl.call().when().get("/api/v1/problems/" + problemId + "/solutions").then()
                .body("items[0].withheld", is(false));
    }

    @Test
    void a_vote_counts_once_can_be_taken_back_and_ranks_the_top_list() {
        Member poser = Member.named("Poser");
        Member ada = Member.named("Ada");
        Member bob = Member.named("Bob");
        UUID groupId = poser.owns();
        ada.joins(groupId);
        bob.joins(groupId);
        UUID problemId = poser.poses(groupId, "Reverse a list", "In place.");
        UUID first = ada.solves(problemId, "Two indices.");
        UUID second = bob.solves(problemId, "Recursion.");
        String top = "/api/v1/problems/" + problemId + "/solutions";

        ada.call().when().get(top).then().body("items.id", contains(first.toString(), second.toString()));
        for (int i = 0; i < 2; i++) {
            ada.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + second + "/vote")
                    .then().statusCode(200).body("votes", is(1)).body("value", is(1));
        }
        ada.call().when().get(top).then().body("items.id", contains(second.toString(), first.toString()))
                .body("items.votes", contains(1, 0));
        ada.call().when().get("/api/v1/solutions/" + second).then().body("votes", is(1));
        assertEquals(1.0, score(problemId, second), 0.5);

        ada.call().body(Map.of("value", 0)).when().put("/api/v1/solutions/" + second + "/vote")
                .then().statusCode(200).body("votes", is(0));
        ada.call().body(Map.of("value", 0)).when().put("/api/v1/solutions/" + second + "/vote")
                .then().statusCode(200).body("votes", is(0));
        ada.call().when().get(top).then().body("items.id", contains(first.toString(), second.toString()));
        assertEquals(0, Db.value("select votes from solutions where id = ?", second));
    }

    @Test
    void concurrent_votes_are_all_counted_in_postgres_and_in_the_redis_board() throws Exception {
        Member poser = Member.named("Poser");
        UUID groupId = poser.owns();
        UUID problemId = poser.poses(groupId, "Popular", "Everyone votes.");
        Member author = Member.named("Author").joins(groupId);
        UUID solution = author.solves(problemId, "The answer.");
        poser.call().when().get("/api/v1/problems/" + problemId + "/solutions").then().statusCode(200); // builds the board
        List<Member> voters = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            voters.add(Member.named("Voter " + i).joins(groupId));
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CompletableFuture.allOf(voters.stream().map(v -> CompletableFuture.runAsync(() -> {
                v.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + solution + "/vote")
                        .then().statusCode(200);
                v.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + solution + "/vote")
                        .then().statusCode(200);
            }, pool)).toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }

        assertEquals(16, Db.value("select votes from solutions where id = ?", solution));
        assertEquals(16L, Db.value("select count(*) from votes where solution_id = ?", solution));
        assertEquals(16.0, score(problemId, solution), 0.5);
        poser.call().when().get("/api/v1/solutions/" + solution).then().body("votes", is(16));
    }

    @Test
    void a_missing_board_is_rebuilt_from_postgres() {
        Member poser = Member.named("Poser");
        Member ada = Member.named("Ada");
        Member bob = Member.named("Bob");
        UUID groupId = poser.owns();
        ada.joins(groupId);
        bob.joins(groupId);
        UUID problemId = poser.poses(groupId, "Rebuild", "Board lost.");
        UUID low = ada.solves(problemId, "Low.");
        UUID high = bob.solves(problemId, "High.");
        ada.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + high + "/vote").then().statusCode(200);

        redis.key().del(boardKey(problemId));
        poser.call().header("Cache-Control", "no-cache").when().get("/api/v1/problems/" + problemId + "/solutions")
                .then().body("items.id", contains(high.toString(), low.toString()));
        assertEquals(1.0, score(problemId, high), 0.5);
        assertEquals(0.0, score(problemId, low), 0.5);
    }

    @Test
    void votes_for_ones_own_solution_from_outside_the_group_or_of_unknown_values_are_refused() {
        Member poser = Member.named("Poser");
        Member ada = Member.named("Ada");
        Member mallory = Member.named("Mallory");
        UUID groupId = poser.owns();
        ada.joins(groupId);
        UUID problemId = poser.poses(groupId, "Votes", "Rules.");
        UUID adas = ada.solves(problemId, "Mine.");

        poser.call().body(Map.of("value", 2)).when().put("/api/v1/solutions/" + adas + "/vote")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("value"));
        poser.call().body(Map.of()).when().put("/api/v1/solutions/" + adas + "/vote")
                .then().statusCode(400).body("errors.field", contains("value"));
        ada.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + adas + "/vote")
                .then().statusCode(403).contentType("application/problem+json");
        mallory.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + adas + "/vote")
                .then().statusCode(404);
        assertEquals(0L, Db.value("select count(*) from votes where solution_id = ?", adas));
    }

    @Test
    void the_poser_or_an_organizer_accepts_one_solution_and_it_comes_first() {
        Member poser = Member.named("Poser");
        Member ada = Member.named("Ada");
        Member bob = Member.named("Bob");
        Member olga = Member.named("Olga");
        UUID groupId = UUID.randomUUID();
        olga.joins(groupId, "OWNER");
        poser.joins(groupId);
        ada.joins(groupId);
        bob.joins(groupId);
        UUID problemId = poser.poses(groupId, "Accept", "Pick one.");
        UUID adas = ada.solves(problemId, "First.");
        UUID bobs = bob.solves(problemId, "Second.");
        poser.call().body(Map.of("value", 1)).when().put("/api/v1/solutions/" + adas + "/vote").then().statusCode(200);
        String solutions = "/api/v1/problems/" + problemId + "/solutions";

        ada.call().when().post("/api/v1/solutions/" + bobs + "/accept").then().statusCode(403);
        poser.call().when().post("/api/v1/solutions/" + bobs + "/accept").then().statusCode(200)
                .body("accepted", is(true));
        poser.call().when().get(solutions).then().body("items.id", contains(bobs.toString(), adas.toString()))
                .body("items.accepted", contains(true, false));
        poser.call().queryParam("sort", "new").when().get(solutions)
                .then().body("items.id", contains(bobs.toString(), adas.toString()));
        poser.call().when().get("/api/v1/problems/" + problemId).then().body("acceptedSolutionId", equalTo(bobs.toString()));

        olga.call().when().post("/api/v1/solutions/" + adas + "/accept").then().statusCode(200);
        poser.call().when().get("/api/v1/solutions/" + bobs).then().body("accepted", is(false));
        poser.call().when().get(solutions).then().body("items.id", contains(adas.toString(), bobs.toString()));
    }

    @Test
    void solutions_page_with_a_cursor_in_both_orders() {
        Member poser = Member.named("Poser");
        UUID groupId = poser.owns();
        UUID problemId = poser.poses(groupId, "Many", "Many answers.");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Member.named("Solver " + i).joins(groupId).solves(problemId, "Answer " + i).toString());
        }
        for (String sort : List.of("top", "new")) {
            List<String> expected = new ArrayList<>(ids);
            if (sort.equals("new")) {
                Collections.reverse(expected);
            }
            assertEquals(expected, pages(poser, problemId, sort, 2), sort);
        }
        // the accepted solution leads every order, and is not repeated further on
        poser.call().when().post("/api/v1/solutions/" + ids.get(2) + "/accept").then().statusCode(200);
        for (String sort : List.of("top", "new")) {
            List<String> expected = new ArrayList<>(ids);
            if (sort.equals("new")) {
                Collections.reverse(expected);
            }
            expected.remove(ids.get(2));
            expected.add(0, ids.get(2));
            for (int limit : List.of(1, 2, 20)) {
                assertEquals(expected, pages(poser, problemId, sort, limit), sort + " by " + limit);
            }
        }
        poser.call().queryParam("sort", "best").when().get("/api/v1/problems/" + problemId + "/solutions")
                .then().statusCode(400).body("errors.field", contains("sort"));
    }

    @Test
    void a_crafted_top_cursor_far_past_the_end_is_an_empty_last_page_not_a_500() {
        Member poser = Member.named("Poser");
        UUID problemId = poser.poses(poser.owns(), "Overflow", "Offsets near the largest int.");
        poser.solves(problemId, "The only answer.");
        for (int offset : List.of(Integer.MAX_VALUE, Integer.MAX_VALUE - 5, 1_000_000)) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("top|" + offset).getBytes(StandardCharsets.UTF_8));
            poser.call().queryParam("sort", "top").queryParam("limit", 100).queryParam("cursor", cursor)
                    .when().get("/api/v1/problems/" + problemId + "/solutions")
                    .then().statusCode(200).body("items", empty()).body("nextCursor", nullValue());
        }
    }

    /** Every item of every page, following nextCursor. */
    private static List<String> pages(Member caller, UUID problemId, String sort, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = caller.call().queryParam("sort", sort).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/problems/" + problemId + "/solutions").then().statusCode(200);
            seen.addAll(page.extract().path("items.id"));
            cursor = page.extract().path("nextCursor");
        } while (cursor != null);
        return seen;
    }

    @Test
    void problems_are_404_to_non_members_on_every_endpoint() {
        Member poser = Member.named("Poser");
        Member mallory = Member.named("Mallory");
        UUID groupId = poser.owns();
        UUID problemId = poser.poses(groupId, "Members only", "Secret.");
        UUID solution = poser.solves(problemId, "Secret answer.");
        String problem = "/api/v1/problems/" + problemId;

        mallory.call().when().get(problem).then().statusCode(404).contentType("application/problem+json");
        mallory.call().when().post(problem + "/reveal").then().statusCode(404);
        mallory.call().when().get(problem + "/solutions").then().statusCode(404);
        mallory.call().body(Map.of("body", "x", "language", "go")).when().post(problem + "/solutions").then()
                .statusCode(404);
        mallory.call().when().get("/api/v1/solutions/" + solution).then().statusCode(404);
        mallory.call().when().post("/api/v1/solutions/" + solution + "/accept").then().statusCode(404);
        mallory.call().when().get("/api/v1/solutions/" + solution + "/comments").then().statusCode(404);
        mallory.call().body(Map.of("body", "hi")).when().post("/api/v1/solutions/" + solution + "/comments")
                .then().statusCode(404);
        mallory.call().queryParam("groupId", groupId).when().get("/api/v1/problems").then().statusCode(404);
        mallory.call().queryParam("q", "secret").when().get("/api/v1/problems").then().body("items", empty());
        mallory.call().body(Map.of("groupId", groupId, "title", "x", "statement", "y")).when().post("/api/v1/problems")
                .then().statusCode(404);
        assertEquals(1L, Db.value("select count(*) from solutions where problem_id = ?", problemId));
    }

    @Test
    void problem_search_finds_a_word_of_the_statement_and_bad_problems_are_refused() {
        Member poser = Member.named("Poser");
        UUID groupId = poser.owns();
        UUID problemId = poser.poses(groupId, "Knapsack", "Maximise the value of items within a weight limit.");
        poser.call().queryParam("q", "weights").queryParam("groupId", groupId).when().get("/api/v1/problems")
                .then().body("items.id", contains(problemId.toString()));

        poser.call().body(Map.of("groupId", groupId, "title", "", "statement", "s")).when().post("/api/v1/problems")
                .then().statusCode(400).body("errors.field", contains("title"));
        poser.call().body(Map.of("groupId", groupId, "title", "t", "statement", "s", "link", "javascript:alert(1)"))
                .when().post("/api/v1/problems").then().statusCode(400).body("errors.field", contains("link"));
        poser.call().body(Map.of("groupId", UUID.randomUUID(), "title", "t", "statement", "s"))
                .when().post("/api/v1/problems").then().statusCode(404);
        poser.call().body(Map.of("body", "x", "language", "not a language!")).when()
                .post("/api/v1/problems/" + problemId + "/solutions").then().statusCode(400)
                .body("errors.field", contains("language"));
        poser.call().when().get("/api/v1/problems/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(1L, Db.value("select count(*) from problems where group_id = ?", groupId));
    }

    @Test
    void a_cached_solution_answers_304_and_shows_a_vote_right_after_it() {
        Member poser = Member.named("Poser");
        Member ada = Member.named("Ada");
        UUID groupId = poser.owns();
        ada.joins(groupId);
        UUID problemId = poser.poses(groupId, "Cache", "ETags.");
        UUID adas = ada.solves(problemId, "Cached.");
        String path = "/api/v1/solutions/" + adas;

        String etag = poser.call().when().get(path).then().statusCode(200).extract().header("ETag");
        poser.call().header("If-None-Match", etag).when().get(path).then().statusCode(304);
        poser.call().body(Map.of("value", 1)).when().put(path + "/vote").then().statusCode(200);
        poser.call().header("If-None-Match", etag).when().get(path).then().statusCode(200).body("votes", is(1))
                .header("ETag", not(equalTo(etag)));
    }

    private double score(UUID problemId, UUID solutionId) {
        OptionalDouble score = redis.sortedSet(String.class).zscore(boardKey(problemId), solutionId.toString());
        return score.isPresent() ? Math.floor(score.getAsDouble()) : -1;
    }

    private String boardKey(UUID problemId) {
        return prefix + "problem:" + problemId + ":votes";
    }
}
