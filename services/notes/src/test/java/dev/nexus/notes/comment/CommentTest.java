package dev.nexus.notes.comment;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.notes.Member;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CommentTest {

    @Test
    void comments_resolve_mentions_of_members_render_safely_and_list_oldest_first_with_a_cursor() {
        Member ada = Member.named("Ada Lovelace");
        Member bob = Member.named("Bob");
        Member outsider = Member.named("Eve");
        outsider.owns();
        UUID groupId = ada.owns();
        bob.joins(groupId);
        UUID noteId = ada.posts(groupId, "Notes", "text");
        String comments = "/api/v1/notes/" + noteId + "/comments";

        bob.call().body(Map.of("body", "Great work @Ada Lovelace! <script>x()</script> @Eve")).when().post(comments)
                .then().statusCode(201)
                .body("author.displayName", equalTo("Bob"))
                .body("mentionedUserIds", contains(ada.id().toString()))
                .body("html", containsString("&lt;script&gt;"))
                .body("withheld", is(false));
        ada.call().body(Map.of("body", "Thanks!")).when().post(comments).then().statusCode(201);
        ada.call().body(Map.of("body", " ")).when().post(comments).then().statusCode(400)
                .body("errors.field", contains("body"));

        String cursor = ada.call().queryParam("limit", 1).when().get(comments).then().statusCode(200)
                .body("items.author.displayName", contains("Bob")).extract().path("nextCursor");
        ada.call().queryParam("limit", 1).queryParam("cursor", cursor).when().get(comments).then()
                .body("items.body", contains("Thanks!")).body("nextCursor", nullValue());
    }

    @Test
    void deleting_a_note_deletes_its_comments() {
        Member ada = Member.named("Ada");
        UUID groupId = ada.owns();
        UUID noteId = ada.posts(groupId, "Short-lived", "text");
        ada.call().body(Map.of("body", "first")).when().post("/api/v1/notes/" + noteId + "/comments")
                .then().statusCode(201);
        ada.call().when().delete("/api/v1/notes/" + noteId).then().statusCode(204);
        ada.call().when().get("/api/v1/notes/" + noteId + "/comments").then().statusCode(404);
        ada.call().queryParam("groupId", groupId).when().get("/api/v1/notes").then().body("items", empty());
        assertEquals(0L, Db.value("select count(*) from comments where target_id = ?", noteId));
    }
}
