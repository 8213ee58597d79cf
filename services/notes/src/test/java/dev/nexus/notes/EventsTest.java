package dev.nexus.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.testing.Broker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every write of the notes service is announced once on nexus.events, with what consumers need. */
@QuarkusTest
class EventsTest {

    private Broker broker;
    private Broker.Recorder recorder;

    @BeforeEach
    void listen() {
        broker = Broker.open();
        recorder = broker.record("note.#", "problem.#", "solution.#", "comment.#");
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void notes_problems_solutions_and_comments_each_publish_one_event_with_their_payload() {
        Member ada = Member.named("Ada");
        Member bob = Member.named("Bob Stone");
        UUID groupId = ada.owns();
        bob.joins(groupId);

        UUID noteId = ada.posts(groupId, "Recap", "text");
        ada.call().header("If-Match", "\"v0\"").body(Map.of("title", "Recap 2")).when().patch("/api/v1/notes/" + noteId)
                .then().statusCode(200);
        ada.call().header("If-Match", "*").body(Map.of("title", "Recap 2")).when().patch("/api/v1/notes/" + noteId)
                .then().statusCode(200); // no change: no event
        String commentId = bob.call().body(Map.of("body", "Thanks @Ada! cc @bob stone and @Nobody"))
                .when().post("/api/v1/notes/" + noteId + "/comments")
                .then().statusCode(201).extract().path("id");
        UUID problemId = ada.poses(groupId, "Two sum", "Find them.");
        UUID solutionId = bob.solves(problemId, "Hash map.");
        ada.call().when().post("/api/v1/solutions/" + solutionId + "/accept").then().statusCode(200);
        ada.call().when().post("/api/v1/solutions/" + solutionId + "/accept").then().statusCode(200); // again: no event

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.all().size() >= 6);
        assertEquals(List.of("note.posted.v1", "note.updated.v1"), keys(noteId));
        assertEquals(Map.of("noteId", noteId.toString(), "groupId", groupId.toString(), "authorId", ada.id().toString(),
                "title", "Recap 2"), data(noteId, 1));
        assertEquals(List.of("comment.added.v1"), keys(commentId));
        JsonObject comment = recorder.about(commentId).get(0).event().getJsonObject("data");
        assertEquals("NOTE", comment.getString("targetType"));
        assertEquals(noteId.toString(), comment.getString("targetId"));
        assertEquals(ada.id().toString(), comment.getString("targetAuthorId"));
        assertEquals(bob.id().toString(), comment.getString("authorId"));
        assertEquals(groupId.toString(), comment.getString("groupId"));
        assertEquals(new JsonArray(List.of(ada.id().toString(), bob.id().toString())),
                comment.getJsonArray("mentionedUserIds"));
        assertEquals(List.of("problem.posted.v1"), keys(problemId));
        assertEquals(Map.of("problemId", problemId.toString(), "groupId", groupId.toString(),
                "authorId", ada.id().toString(), "title", "Two sum"), data(problemId, 0));
        assertEquals(List.of("solution.posted.v1", "solution.accepted.v1"), keys(solutionId));
        Map<String, Object> solution = Map.of("solutionId", solutionId.toString(), "problemId", problemId.toString(),
                "groupId", groupId.toString(), "authorId", bob.id().toString());
        assertEquals(solution, data(solutionId, 0));
        Map<String, Object> accepted = new HashMap<>(solution);
        accepted.put("acceptedBy", ada.id().toString());
        assertEquals(accepted, data(solutionId, 1));
        assertEquals(6, recorder.all().size(), "nothing else was published");
    }

    private List<String> keys(Object subject) {
        return recorder.about(subject).stream().map(Broker.Received::routingKey).toList();
    }

    /** The event's data without null fields (sessionId is absent when not linked). */
    private Map<String, Object> data(Object subject, int index) {
        Map<String, Object> data = recorder.about(subject).get(index).event().getJsonObject("data").getMap();
        data.values().removeIf(v -> v == null);
        return data;
    }
}
