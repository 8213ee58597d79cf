package dev.nexus.notes.note;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.notes.Member;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NoteResourceTest {

    @Test
    void a_member_posts_a_note_and_reads_it_back_with_markdown_and_html() {
        Member ada = Member.named("Ada");
        UUID groupId = ada.owns();
        String body = "# Binary search\n\n| n | steps |\n|---|---|\n| 8 | 3 |\n\n~~linear~~ see https://example.org\n\n"
                + "```java\nint mid = lo + (hi - lo) / 2;\n```\n";

        String id = ada.call().body(Map.of("groupId", groupId, "title", " Halving ", "body", body,
                        "tags", List.of("Search", "arrays", "search")))
                .when().post("/api/v1/notes")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/notes/"))
                .header("ETag", "\"v0\"")
                .body("title", equalTo("Halving"))
                .body("author.displayName", equalTo("Ada"))
                .body("tags", contains("arrays", "search"))
                .body("revision", is(1))
                .extract().path("id");

        ada.call().when().get("/api/v1/notes/" + id)
                .then().statusCode(200)
                .header("ETag", "\"v0\"")
                .body("body", equalTo(body))
                .body("html", containsString("<h1>Binary search</h1>"))
                .body("html", containsString("<table>"))
                .body("html", containsString("<del>linear</del>"))
                .body("html", containsString("<a href=\"https://example.org\" rel=\"nofollow\">https://example.org</a>"))
                .body("html", containsString("<code class=\"language-java\">"));
    }

    @Test
    void script_tags_event_handlers_javascript_links_and_raw_html_come_out_inert() {
        Member ada = Member.named("Ada");
        UUID groupId = ada.owns();
        String body = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n"
                + "<a href=\"javascript:alert(4)\">raw</a> <b onmouseover=alert(5)>bold</b>\n\n"
                + "![img](javascript:alert(6))\n\n<iframe src=https://evil.example></iframe>\n\n"
                + "```html\" onmouseover=\"alert(7)\n<script>alert(8)</script>\n```\n";
        UUID id = ada.posts(groupId, "XSS", body);

        String html = ada.call().when().get("/api/v1/notes/" + id).then().statusCode(200).extract().path("html");
        Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
        while (tags.find()) {
            String tag = tags.group().toLowerCase();
            assertFalse(tag.matches("<(script|iframe|object|embed|style|b)\\b.*"), "live element " + tag);
            assertFalse(tag.matches(".*\\son[a-z]+=.*"), "event handler in " + tag);
            assertFalse(tag.contains("javascript:"), "javascript: URL in " + tag);
        }
        // the raw HTML is still there for the reader, as text
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    }

    @Test
    void lists_filter_by_group_session_tag_and_full_text_and_page_with_a_cursor() {
        Member ada = Member.named("Ada");
        UUID groupId = ada.owns();
        UUID other = ada.owns();
        UUID sessionId = UUID.randomUUID();
        Db.execute("insert into group_sessions (session_id, group_id) values (?, ?)", sessionId, groupId);
        UUID linked = UUID.fromString(ada.call().body(Map.of("groupId", groupId, "sessionId", sessionId,
                        "title", "Session recap", "body", "We covered memoization.", "tags", List.of("dp")))
                .when().post("/api/v1/notes").then().statusCode(201).extract().path("id"));
        UUID graphs = ada.posts(groupId, "Graphs", "Dijkstra relaxes edges greedily.", "graphs");
        UUID elsewhere = ada.posts(other, "Other group", "Dijkstra again.", "graphs");

        ada.call().queryParam("groupId", groupId).when().get("/api/v1/notes")
                .then().statusCode(200).body("items.id", contains(graphs.toString(), linked.toString()))
                .body("items[0].excerpt", equalTo("Dijkstra relaxes edges greedily."))
                .body("items[0].body", nullValue());
        ada.call().queryParam("sessionId", sessionId).when().get("/api/v1/notes")
                .then().body("items.id", contains(linked.toString()));
        ada.call().queryParam("groupId", groupId).queryParam("tag", "GRAPHS").when().get("/api/v1/notes")
                .then().body("items.id", contains(graphs.toString()));
        // a word of the body, found by its stem, in every group of the caller
        ada.call().queryParam("q", "relaxing").when().get("/api/v1/notes")
                .then().body("items.id", contains(graphs.toString()));
        ada.call().queryParam("q", "dijkstra").when().get("/api/v1/notes")
                .then().body("items.id", contains(elsewhere.toString(), graphs.toString()));

        String cursor = ada.call().queryParam("groupId", groupId).queryParam("limit", 1).when().get("/api/v1/notes")
                .then().body("items.id", contains(graphs.toString())).extract().path("nextCursor");
        ada.call().queryParam("groupId", groupId).queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/api/v1/notes")
                .then().body("items.id", contains(linked.toString())).body("nextCursor", nullValue());
    }

    @Test
    void full_text_search_respects_membership() {
        Member ada = Member.named("Ada");
        Member grace = Member.named("Grace");
        UUID adasGroup = ada.owns();
        ada.posts(adasGroup, "Secret", "The zebracorn trick.");

        grace.owns();
        grace.call().queryParam("q", "zebracorn").when().get("/api/v1/notes")
                .then().statusCode(200).body("items", empty());
        grace.call().queryParam("q", "zebracorn").queryParam("groupId", adasGroup).when().get("/api/v1/notes")
                .then().statusCode(404);
    }

    @Test
    void everything_about_a_note_is_404_to_non_members() {
        Member ada = Member.named("Ada");
        Member mallory = Member.named("Mallory");
        mallory.owns();
        UUID groupId = ada.owns();
        UUID id = ada.posts(groupId, "Private", "Only for members.");
        String note = "/api/v1/notes/" + id;

        mallory.call().when().get(note).then().statusCode(404)
                .contentType("application/problem+json");
        mallory.call().header("If-Match", "*").body(Map.of("title", "Mine")).when().patch(note).then().statusCode(404);
        mallory.call().when().delete(note).then().statusCode(404);
        mallory.call().when().get(note + "/revisions").then().statusCode(404);
        mallory.call().when().get(note + "/comments").then().statusCode(404);
        mallory.call().body(Map.of("body", "hi")).when().post(note + "/comments").then().statusCode(404);
        mallory.call().queryParam("groupId", groupId).when().get("/api/v1/notes").then().statusCode(404);
        mallory.call().body(Map.of("groupId", groupId, "title", "x", "body", "y")).when().post("/api/v1/notes")
                .then().statusCode(404);
        assertEquals("Private", Db.value("select title from notes where id = ?", id));
    }

    @Test
    void the_author_and_organizers_edit_and_delete_other_members_may_not() {
        Member ada = Member.named("Ada");
        Member bob = Member.named("Bob");
        Member olga = Member.named("Olga");
        UUID groupId = ada.owns();
        bob.joins(groupId);
        olga.joins(groupId, "ORGANIZER");
        UUID id = bob.posts(groupId, "Bob's", "text");
        String note = "/api/v1/notes/" + id;

        Member carol = Member.named("Carol").joins(groupId);
        carol.call().header("If-Match", "*").body(Map.of("title", "Carol's")).when().patch(note)
                .then().statusCode(403).contentType("application/problem+json");
        carol.call().when().delete(note).then().statusCode(403);
        bob.call().header("If-Match", "\"v0\"").body(Map.of("title", "Bob's, edited")).when().patch(note)
                .then().statusCode(200).header("ETag", "\"v1\"");
        olga.call().header("If-Match", "\"v1\"").body(Map.of("body", "tidied")).when().patch(note)
                .then().statusCode(200).body("title", equalTo("Bob's, edited")).body("body", equalTo("tidied"));
        olga.call().when().delete(note).then().statusCode(204);
        bob.call().when().get(note).then().statusCode(404);
        assertEquals(0L, Db.value("select count(*) from note_revisions where note_id = ?", id));
    }

    @Test
    void three_edits_make_four_revisions_with_author_and_time_and_a_stale_edit_is_refused() {
        Member ada = Member.named("Ada");
        Member olga = Member.named("Olga");
        UUID groupId = ada.owns();
        olga.joins(groupId, "ORGANIZER");
        UUID id = ada.posts(groupId, "Draft", "one");
        String note = "/api/v1/notes/" + id;

        ada.call().body(Map.of("body", "two")).when().patch(note).then().statusCode(428)
                .contentType("application/problem+json");
        ada.call().header("If-Match", "\"v0\"").body(Map.of("body", "two")).when().patch(note).then().statusCode(200);
        ada.call().header("If-Match", "\"v0\"").body(Map.of("body", "lost")).when().patch(note).then().statusCode(412)
                .contentType("application/problem+json");
        olga.call().header("If-Match", "\"v1\"").body(Map.of("body", "three", "tags", List.of("x")))
                .when().patch(note).then().statusCode(200);
        ada.call().header("If-Match", "\"v2\"").body(Map.of("title", "Final")).when().patch(note).then().statusCode(200)
                .body("revision", is(4));

        ValidatableResponse revisions = ada.call().when().get(note + "/revisions").then().statusCode(200);
        revisions.body("items.number", contains(4, 3, 2, 1))
                .body("items.author.displayName", contains("Ada", "Olga", "Ada", "Ada"))
                .body("items.body", contains("three", "three", "two", "one"))
                .body("items.title", contains("Final", "Draft", "Draft", "Draft"))
                .body("items[0].createdAt", not(equalTo(null)));
        ada.call().queryParam("limit", 3).when().get(note + "/revisions")
                .then().body("items", hasSize(3)).body("nextCursor", not(nullValue()));
    }

    @Test
    void bad_input_is_a_problem_and_writes_nothing() {
        Member ada = Member.named("Ada");
        UUID groupId = ada.owns();

        ada.call().body(Map.of("groupId", groupId, "title", " ", "body", "x")).when().post("/api/v1/notes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("title"));
        ada.call().body(Map.of("groupId", groupId, "title", "t", "body", "x", "tags", List.of("no spaces")))
                .when().post("/api/v1/notes")
                .then().statusCode(400).body("errors.field", contains("tags[0]"));
        ada.call().body(Map.of("groupId", UUID.randomUUID(), "title", "t", "body", "x")).when().post("/api/v1/notes")
                .then().statusCode(404).contentType("application/problem+json");
        ada.call().body(Map.of("groupId", groupId, "sessionId", UUID.randomUUID(), "title", "t", "body", "x"))
                .when().post("/api/v1/notes")
                .then().statusCode(400).body("errors.field", contains("sessionId"));
        ada.call().body(Map.of("groupId", groupId, "title", "big", "body", "x".repeat(1024 * 1024)))
                .when().post("/api/v1/notes")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("at most"));
        ada.call().body(Map.of("groupId", groupId, "title", "long", "body", "x".repeat(NoteViews.MAX_BODY + 1)))
                .when().post("/api/v1/notes")
                .then().statusCode(400).body("errors.field", contains("body"));
        ada.call().queryParam("groupId", "not-a-uuid").when().get("/api/v1/notes")
                .then().statusCode(400).body("errors.field", contains("groupId"));

        assertEquals(0L, Db.value("select count(*) from notes where group_id = ?", groupId));
    }
}
