package dev.nexus.sessions.group;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.AuditTrail;
import dev.nexus.testing.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupResourceTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void creating_a_group_makes_the_caller_its_owner() {
        Learner ada = Learner.named("Ada");
        UUID groupId = ada.creates("PUBLIC");

        ada.call().when().get("/api/v1/groups/" + groupId)
                .then().statusCode(200)
                .body("myRole", equalTo("OWNER"))
                .body("ownerId", equalTo(ada.id().toString()))
                .body("memberCount", equalTo(1))
                .body("timeZone", equalTo("Europe/Berlin"));
        ada.call().when().get("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(200)
                .body("items.displayName", contains("Ada"))
                .body("items.role", contains("OWNER"))
                .body("nextCursor", nullValue());
    }

    @Test
    void a_join_without_body_or_content_type_works_as_a_browsers_bare_post_sends_it() throws Exception {
        Learner owner = Learner.named("Owner");
        Learner grace = Learner.named("Grace");
        UUID groupId = owner.creates("PUBLIC");

        HttpResponse<String> joined = barePost("/api/v1/groups/" + groupId + "/members", grace);
        assertEquals(201, joined.statusCode(), joined.body());
        grace.call().when().get("/api/v1/groups/" + groupId).then().body("myRole", equalTo("MEMBER"));
    }

    @Test
    void a_required_body_left_out_is_a_400_naming_the_body() throws Exception {
        HttpResponse<String> created = barePost("/api/v1/groups", Learner.named("Ada"));
        assertEquals(400, created.statusCode(), created.body());
        JsonObject problem = new JsonObject(created.body());
        assertEquals("body", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals("is required: send a JSON object",
                problem.getJsonArray("errors").getJsonObject(0).getString("message"));
    }

    @Test
    void role_changes_removals_and_invites_are_in_the_audit_trail_with_who_and_from_where() {
        Learner owner = Learner.named("Owner");
        Learner grace = Learner.named("Grace");
        Learner linus = Learner.named("Linus");
        UUID groupId = owner.creates("PRIVATE");
        try (AuditTrail trail = AuditTrail.record()) {
            String code = owner.call().header("X-Forwarded-For", "198.51.100.23").when()
                    .post("/api/v1/groups/" + groupId + "/invites").then().statusCode(201).extract().path("code");
            grace.joinsWith(groupId, code);
            linus.joinsWith(groupId, code);
            owner.makes(grace, "ORGANIZER", groupId);
            owner.call().when().delete("/api/v1/groups/" + groupId + "/members/" + linus.id()).then().statusCode(204);
            grace.call().when().delete("/api/v1/groups/" + groupId + "/invites/" + code).then().statusCode(204);

            JsonObject invite = trail.of("group.invite-created").get(0);
            assertEquals(owner.id().toString(), invite.getString("actor"));
            assertEquals("198.51.100.23", invite.getString("ip"));
            assertEquals(groupId.toString(), invite.getString("group"));
            JsonObject role = trail.of("group.role-changed").get(0);
            assertEquals(List.of(owner.id().toString(), grace.id().toString(), "ORGANIZER"),
                    List.of(role.getString("actor"), role.getString("member"), role.getString("role")));
            JsonObject removed = trail.of("group.member-removed").get(0);
            assertEquals(List.of(owner.id().toString(), linus.id().toString()),
                    List.of(removed.getString("actor"), removed.getString("member")));
            assertEquals(grace.id().toString(), trail.of("group.invite-revoked").get(0).getString("actor"));
            trail.lines().forEach(line -> assertTrue(!line.contains(code), "the whole invite code in " + line));
        }
    }

    /** Like fetch(url, {method: 'POST'}): Content-Length 0 and no Content-Type. */
    private HttpResponse<String> barePost(String path, Learner caller) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(root.resolve(path)).header("Authorization", "Bearer " + caller.token())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_public_group_is_seen_and_joined_by_anyone_and_joining_twice_is_harmless() {
        Learner owner = Learner.named("Owner");
        Learner grace = Learner.named("Grace");
        UUID groupId = owner.creates("PUBLIC");

        grace.call().when().get("/api/v1/groups/" + groupId).then().statusCode(200).body("myRole", nullValue());
        grace.call().when().post("/api/v1/groups/" + groupId + "/members").then().statusCode(201)
                .body("displayName", equalTo("Grace")).body("role", equalTo("MEMBER"));
        grace.call().when().post("/api/v1/groups/" + groupId + "/members").then().statusCode(200)
                .body("role", equalTo("MEMBER"));

        grace.call().when().get("/api/v1/groups/" + groupId)
                .then().body("myRole", equalTo("MEMBER")).body("memberCount", equalTo(2));
    }

    @Test
    void simultaneous_joins_by_one_user_make_one_membership_and_no_500() {
        Learner owner = Learner.named("Owner");
        Learner eager = Learner.named("Eager");
        UUID groupId = owner.creates("PUBLIC");

        List<Integer> statuses = IntStream.range(0, 6).parallel()
                .mapToObj(i -> eager.call().when().post("/api/v1/groups/" + groupId + "/members").statusCode())
                .toList();

        assertTrue(statuses.contains(201), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 200 || s == 409), statuses.toString());
        assertEquals(1L, Db.value("select count(*) from memberships where group_id = ? and user_id = ?", groupId, eager.id()));
    }

    @Test
    void a_private_group_is_404_to_non_members_on_every_endpoint() {
        Learner owner = Learner.named("Owner");
        Learner outsider = Learner.named("Outsider");
        UUID groupId = owner.creates("PRIVATE");
        String base = "/api/v1/groups/" + groupId;

        outsider.call().when().get(base).then().statusCode(404).contentType("application/problem+json");
        outsider.call().when().get(base + "/members").then().statusCode(404);
        outsider.call().body(Map.of("name", "Mine now")).when().patch(base).then().statusCode(404);
        outsider.call().when().post(base + "/invites").then().statusCode(404);
        outsider.call().when().post(base + "/members").then().statusCode(404);
        outsider.call().when().delete(base + "/members/" + owner.id()).then().statusCode(404);
        outsider.call().body(Map.of("role", "OWNER")).when().put(base + "/members/" + outsider.id() + "/role")
                .then().statusCode(404);
        outsider.call().when().get("/api/v1/groups").then().body("items.id", not(hasItem(groupId.toString())));
    }

    @Test
    void a_private_group_is_joined_only_with_its_own_valid_invite() {
        Learner owner = Learner.named("Owner");
        Learner invited = Learner.named("Invited");
        UUID groupId = owner.creates("PRIVATE");
        String otherGroupsCode = owner.invites(owner.creates("PRIVATE"));

        invited.call().body(Map.of("inviteCode", "made-up")).when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(404);
        invited.call().body(Map.of("inviteCode", otherGroupsCode)).when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(404);

        invited.joinsWith(groupId, owner.invites(groupId));
        invited.call().when().get("/api/v1/groups/" + groupId).then().statusCode(200).body("myRole", equalTo("MEMBER"));
    }

    @Test
    void an_expired_invite_is_refused_with_410() {
        Learner owner = Learner.named("Owner");
        Learner late = Learner.named("Late");
        UUID groupId = owner.creates("PRIVATE");
        String code = owner.invites(groupId);
        Db.execute("update invites set expires_at = ? where code = ?", OffsetDateTime.now().minusMinutes(1), code);

        late.call().body(Map.of("inviteCode", code)).when().post("/api/v1/groups/" + groupId + "/members")
                .then().statusCode(410).contentType("application/problem+json");
        assertEquals(0L, Db.value("select count(*) from memberships where user_id = ?", late.id()));
    }

    @Test
    void an_invite_limited_to_two_uses_admits_two_and_a_revoked_one_nobody() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PRIVATE");
        String members = "/api/v1/groups/" + groupId + "/members";
        String limited = owner.call().body(Map.of("maxUses", 2)).when().post("/api/v1/groups/" + groupId + "/invites")
                .then().statusCode(201).body("maxUses", equalTo(2)).body("uses", equalTo(0)).extract().path("code");
        Learner.named("First").joinsWith(groupId, limited);
        Learner.named("Second").joinsWith(groupId, limited);
        Learner third = Learner.named("Third");
        third.call().body(Map.of("inviteCode", limited)).when().post(members).then().statusCode(410)
                .contentType("application/problem+json").body("detail", containsString("used 2 times"));

        String open = owner.invites(groupId);
        owner.call().when().delete("/api/v1/groups/" + groupId + "/invites/" + open).then().statusCode(204);
        owner.call().when().delete("/api/v1/groups/" + groupId + "/invites/" + open).then().statusCode(204);
        third.call().body(Map.of("inviteCode", open)).when().post(members).then().statusCode(410)
                .body("detail", containsString("revoked"));
        assertEquals(0L, Db.value("select count(*) from memberships where user_id = ?", third.id()));

        owner.call().body(Map.of("maxUses", 0)).when().post("/api/v1/groups/" + groupId + "/invites")
                .then().statusCode(400).body("errors.field", hasItem("maxUses"));
        third.call().when().delete("/api/v1/groups/" + groupId + "/invites/" + limited).then().statusCode(404);
        owner.call().when().delete("/api/v1/groups/" + groupId + "/invites/nosuchcode").then().statusCode(404);
    }

    @Test
    void members_cannot_edit_the_group_or_invite_but_organizers_can() {
        Learner owner = Learner.named("Owner");
        Learner member = Learner.named("Member");
        Learner organizer = Learner.named("Organizer");
        UUID groupId = owner.creates("PUBLIC");
        member.joins(groupId);
        organizer.joins(groupId);
        owner.makes(organizer, "ORGANIZER", groupId);

        member.call().body(Map.of("name", "Renamed")).when().patch("/api/v1/groups/" + groupId)
                .then().statusCode(403).contentType("application/problem+json");
        member.call().when().post("/api/v1/groups/" + groupId + "/invites").then().statusCode(403);

        organizer.call().body(Map.of("name", "Renamed", "visibility", "PRIVATE")).when().patch("/api/v1/groups/" + groupId)
                .then().statusCode(200).body("name", equalTo("Renamed")).body("visibility", equalTo("PRIVATE"))
                .body("description", equalTo(""));
    }

    @Test
    void only_the_owner_changes_roles_and_handing_over_keeps_exactly_one_owner() {
        Learner owner = Learner.named("Owner");
        Learner organizer = Learner.named("Organizer");
        Learner heir = Learner.named("Heir");
        UUID groupId = owner.creates("PUBLIC");
        organizer.joins(groupId);
        heir.joins(groupId);
        owner.makes(organizer, "ORGANIZER", groupId);

        organizer.call().body(Map.of("role", "ORGANIZER")).when()
                .put("/api/v1/groups/" + groupId + "/members/" + heir.id() + "/role")
                .then().statusCode(403);

        owner.makes(heir, "OWNER", groupId);

        heir.call().when().get("/api/v1/groups/" + groupId)
                .then().body("myRole", equalTo("OWNER")).body("ownerId", equalTo(heir.id().toString()));
        owner.call().when().get("/api/v1/groups/" + groupId).then().body("myRole", equalTo("ORGANIZER"));
        assertEquals(1L, Db.value("select count(*) from memberships where group_id = ? and role = 'OWNER'", groupId));
    }

    @Test
    void the_owner_cannot_leave_but_a_member_can() {
        Learner owner = Learner.named("Owner");
        Learner member = Learner.named("Member");
        UUID groupId = owner.creates("PUBLIC");
        member.joins(groupId);

        owner.call().when().delete("/api/v1/groups/" + groupId + "/members/" + owner.id())
                .then().statusCode(409).contentType("application/problem+json");
        member.call().when().delete("/api/v1/groups/" + groupId + "/members/" + member.id()).then().statusCode(204);

        owner.call().when().get("/api/v1/groups/" + groupId + "/members")
                .then().body("items.userId", contains(owner.id().toString()));
    }

    @Test
    void organizers_remove_members_but_not_other_organizers_or_the_owner() {
        Learner owner = Learner.named("Owner");
        Learner organizer = Learner.named("Organizer");
        Learner other = Learner.named("Other organizer");
        Learner member = Learner.named("Member");
        UUID groupId = owner.creates("PUBLIC");
        for (Learner l : new Learner[] { organizer, other, member }) {
            l.joins(groupId);
        }
        owner.makes(organizer, "ORGANIZER", groupId);
        owner.makes(other, "ORGANIZER", groupId);
        String members = "/api/v1/groups/" + groupId + "/members/";

        organizer.call().when().delete(members + other.id()).then().statusCode(403);
        organizer.call().when().delete(members + owner.id()).then().statusCode(403);
        member.call().when().delete(members + organizer.id()).then().statusCode(403);
        organizer.call().when().delete(members + member.id()).then().statusCode(204);
        owner.call().when().delete(members + other.id()).then().statusCode(204);

        owner.call().when().get("/api/v1/groups/" + groupId).then().body("memberCount", equalTo(2));
    }

    @Test
    void the_list_searches_by_name_filters_mine_and_pages_with_a_cursor() {
        Learner ada = Learner.named("Ada");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            ada.call().body(Map.of("name", "Rust " + marker + " #" + i, "visibility", "PUBLIC"))
                    .when().post("/api/v1/groups").then().statusCode(201);
        }
        Learner other = Learner.named("Other");
        other.call().body(Map.of("name", "Secret " + marker, "visibility", "PRIVATE"))
                .when().post("/api/v1/groups").then().statusCode(201);

        String cursor = ada.call().queryParam("q", marker.toUpperCase()).queryParam("limit", 2)
                .when().get("/api/v1/groups")
                .then().statusCode(200)
                .body("items.name", contains("Rust " + marker + " #2", "Rust " + marker + " #1"))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        ada.call().queryParam("q", marker).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/groups")
                .then().body("items.name", contains("Rust " + marker + " #0")).body("nextCursor", nullValue());

        other.call().queryParam("q", marker).queryParam("mine", true).when().get("/api/v1/groups")
                .then().body("items.name", contains("Secret " + marker));
    }

    @Test
    void bad_list_parameters_are_400_problems() {
        Learner ada = Learner.named("Ada");
        ada.call().queryParam("limit", 0).when().get("/api/v1/groups").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        ada.call().queryParam("limit", 101).when().get("/api/v1/groups").then().statusCode(400);
        ada.call().queryParam("cursor", "garbage").when().get("/api/v1/groups").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
    }

    @Test
    void bad_group_input_is_a_400_with_field_errors() {
        Learner ada = Learner.named("Ada");
        ada.call().body(Map.of("visibility", "PUBLIC")).when().post("/api/v1/groups")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        ada.call().body(Map.of("name", "X", "visibility", "PUBLIC", "timeZone", "Moon/Base"))
                .when().post("/api/v1/groups").then().statusCode(400).body("errors.field", hasItem("timeZone"));
        ada.call().body(Map.of("name", "X", "visibility", "SECRET")).when().post("/api/v1/groups")
                .then().statusCode(400).body("errors.field", hasItem("visibility"));
        ada.call().body(Map.of("name", "X", "visibility", "PUBLIC")).when().get("/api/v1/groups/not-a-uuid")
                .then().statusCode(404);
    }

    @Test
    void a_role_change_names_a_member_or_is_a_404() {
        Learner owner = Learner.named("Owner");
        UUID groupId = owner.creates("PUBLIC");
        owner.call().body(Map.of("role", "ORGANIZER"))
                .when().put("/api/v1/groups/" + groupId + "/members/" + UUID.randomUUID() + "/role")
                .then().statusCode(404);
        owner.call().body(Map.of("role", "CAPTAIN"))
                .when().put("/api/v1/groups/" + groupId + "/members/" + owner.id() + "/role")
                .then().statusCode(400).body("errors.field", hasSize(1));
    }
}
