package dev.nexus.notes.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.notes.Member;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Requests that wait for one shared cache load (HotCache's single flight) go on on their own
 * context: a page reads a problem and its solutions at once, and both used to share the first
 * request's Hibernate session, which one of them found closed (a 500).
 */
@QuarkusTest
class ConcurrentReadsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void a_members_first_reads_of_a_problem_and_its_solutions_at_once_are_both_answered() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int round = 0; round < 20; round++) {
            Member poser = Member.named("Poser");
            UUID groupId = poser.owns();
            Member reader = Member.named("Reader").joins(groupId);
            UUID problemId = poser.poses(groupId, "Two sum " + round, "Find the pair.");
            List<CompletableFuture<HttpResponse<String>>> reads = List.of("", "/solutions").stream()
                    .map(path -> http.sendAsync(HttpRequest.newBuilder(base.resolve("api/v1/problems/" + problemId + path))
                            .header("Authorization", "Bearer " + reader.token()).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            for (CompletableFuture<HttpResponse<String>> read : reads) {
                assertEquals(200, read.get().statusCode(), "round " + round + ": " + read.get().body());
            }
        }
    }
}
