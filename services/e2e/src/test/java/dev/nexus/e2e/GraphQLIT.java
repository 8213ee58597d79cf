package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GraphQL at the gateway over the real services: mutations, queries, subscriptions, errors, batching, limits. */
@ExtendWith(SharedPlatform.class)
class GraphQLIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String START = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withHour(17).withMinute(0)
            .withSecond(0).withNano(0).toString();

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void startPlatform(Platform shared) {
        platform = shared;
        gateway = platform.url(Platform.GATEWAY);
    }

    @Test
    void a_session_scheduled_by_mutation_reaches_a_members_subscription_and_a_resubscription_misses_nothing()
            throws Exception {
        String owner = register("Grace");
        String ada = register("Ada");
        String groupId = createGroup(owner, "GraphQL night", "PUBLIC");
        assertEquals("MEMBER", gql(ada, "mutation($id: ID!) { joinGroup(id: $id) { role } }", Map.of("id", groupId))
                .getString("data.joinGroup.role"));
        // the owner hears of the join once notifications has the membership
        await().atMost(BOUND).until(() -> gql(owner, "{ notifications { items { type } } }", Map.of())
                .getList("data.notifications.items").size() == 1);
        schedule(owner, groupId, "First night");
        await().atMost(BOUND).until(() -> gql(ada, "{ unreadCount }", Map.of()).getInt("data.unreadCount") == 1);
        String firstId = gql(ada, "{ notifications { items { id } } }", Map.of())
                .getString("data.notifications.items[0].id");

        try (GraphQLSocket socket = GraphQLSocket.open(gateway, ada)) {
            socket.subscribe("count", "subscription { unreadCountChanged }");
            assertEquals(1, socket.nextData("count").getInteger("unreadCountChanged"));
            // live: the count subscription hears of the second scheduling as it happens
            String sessionId = schedule(owner, groupId, "Second night");
            assertEquals(2, socket.nextData("count").getInteger("unreadCountChanged"));
            // replay: subscribing with the last id seen delivers what came after it
            socket.subscribe("new", "subscription { notificationReceived(after: \"" + firstId + "\") { type title body link } }");
            JsonObject received = socket.nextData("new").getJsonObject("notificationReceived");
            assertEquals("session.scheduled", received.getString("type"));
            assertTrue(received.getString("body").startsWith("Second night is scheduled for "), received.encode());
            assertEquals("/api/v1/sessions/" + sessionId, received.getString("link"));
        }
    }

    @Test
    void a_poll_opened_answered_and_closed_by_mutation_schedules_a_series_whose_reminder_fires() {
        String owner = register("Grace");
        String ada = register("Ada");
        String groupId = createGroup(owner, "Poll night", "PUBLIC");
        data(ada, "mutation($id: ID!) { joinGroup(id: $id) { role } }", Map.of("id", groupId));
        // notifications knows the membership once the owner hears of the join
        await().atMost(BOUND).until(() -> types(owner).contains("group.member-joined"));

        // the first slot starts in 10 min 20 s: the series' 10-minute reminder falls due 20 s after closing
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10).plusSeconds(20).withNano(0);
        JsonPath opened = data(owner, "mutation($g: ID!, $in: PollInput!) { openPoll(groupId: $g, input: $in)"
                + " { id status slots { id } } }", Map.of("g", groupId, "in", Map.of("title", "Kata", "timeZone",
                "Europe/Berlin", "deadline", soon.minusMinutes(1).toString(), "slots", List.of(
                        Map.of("startsAt", soon.toString(), "durationMinutes", 60),
                        Map.of("startsAt", soon.plusDays(1).toString(), "durationMinutes", 60)))));
        String pollId = opened.getString("data.openPoll.id");
        List<String> slots = opened.getList("data.openPoll.slots.id");
        await().atMost(BOUND).until(() -> types(ada).contains("poll.opened"));

        JsonPath answered = data(ada, "mutation($p: ID!, $a: [PollAnswerInput!]!) { answerPoll(pollId: $p, answers: $a)"
                + " { respondents slots { yes no yourAnswer } } }", Map.of("p", pollId, "a", List.of(
                Map.of("slotId", slots.get(0), "answer", "YES"), Map.of("slotId", slots.get(1), "answer", "NO"))));
        assertEquals(1, answered.getInt("data.answerPoll.respondents"));
        assertEquals("YES", answered.getString("data.answerPoll.slots[0].yourAnswer"));

        JsonPath closed = data(owner, "mutation($p: ID!, $in: ClosePollInput!) { closePoll(pollId: $p, input: $in)"
                + " { status chosenSlotId session { id recurrence timeZone } } }", Map.of("p", pollId, "in",
                Map.of("slotId", slots.get(0), "recurrence", "FREQ=DAILY;COUNT=3")));
        assertEquals("CLOSED", closed.getString("data.closePoll.status"));
        assertEquals("FREQ=DAILY;COUNT=3", closed.getString("data.closePoll.session.recurrence"));
        assertEquals("Europe/Berlin", closed.getString("data.closePoll.session.timeZone"));
        String sessionId = closed.getString("data.closePoll.session.id");
        await().atMost(BOUND).until(() -> types(ada).contains("poll.closed"));
        assertEquals("/api/v1/sessions/" + sessionId, data(ada, "{ notifications { items { type link } } }", Map.of())
                .getString("data.notifications.items.find { it.type == 'poll.closed' }.link"));

        data(ada, "mutation($s: ID!) { rsvp(sessionId: $s, status: GOING) { status } }", Map.of("s", sessionId));
        await().atMost(Duration.ofSeconds(90)).until(() -> types(ada).contains("session.reminder"));
    }

    private static List<String> types(String token) {
        return gql(token, "{ notifications { items { type } } }", Map.of()).getList("data.notifications.items.type");
    }

    @Test
    void queries_answer_the_same_data_as_rest() {
        String owner = register("Grace");
        String groupId = createGroup(owner, "Same data", "PRIVATE");
        String sessionId = schedule(owner, groupId, "Consistent");
        JsonPath graph = gql(owner, """
                query($g: ID!, $s: ID!) {
                  group(id: $g) { id name visibility myRole memberCount members { items { displayName role } } }
                  session(id: $s) { id title startsAt endsAt timeZone version inYourZone { timeZone startsAt }
                                    myRsvp { status } rsvps { items { status } } }
                  me { id displayName }
                }""", Map.of("g", groupId, "s", sessionId));
        JsonPath group = rest(owner, "/api/v1/groups/" + groupId);
        assertEquals(group.getString("name"), graph.getString("data.group.name"));
        assertEquals(group.getString("visibility"), graph.getString("data.group.visibility"));
        assertEquals(group.getString("myRole"), graph.getString("data.group.myRole"));
        assertEquals(group.getInt("memberCount"), graph.getInt("data.group.memberCount"));
        JsonPath members = rest(owner, "/api/v1/groups/" + groupId + "/members");
        assertEquals(members.getList("items.displayName"), graph.getList("data.group.members.items.displayName"));
        JsonPath session = rest(owner, "/api/v1/sessions/" + sessionId);
        for (String field : List.of("id", "title", "startsAt", "endsAt", "timeZone")) {
            assertEquals(session.getString(field), graph.getString("data.session." + field), field);
        }
        assertEquals(session.getInt("version"), graph.getInt("data.session.version"));
        assertEquals(session.getString("inYourZone.startsAt"), graph.getString("data.session.inYourZone.startsAt"));
        assertEquals(null, graph.getString("data.session.myRsvp"), "not answered yet");
        assertEquals(rest(owner, "/api/v1/users/me").getString("displayName"), graph.getString("data.me.displayName"));

        JsonPath invite = data(owner, "mutation($g: ID!) { createInvite(groupId: $g, maxUses: 1) { code maxUses uses } }",
                Map.of("g", groupId));
        assertEquals(1, invite.getInt("data.createInvite.maxUses"));
        assertEquals(true, data(owner, "mutation($g: ID!, $c: String!) { revokeInvite(groupId: $g, code: $c) }",
                Map.of("g", groupId, "c", invite.getString("data.createInvite.code"))).getBoolean("data.revokeInvite"));

        JsonPath answered = gql(owner, "mutation($s: ID!) { rsvp(sessionId: $s, status: GOING) { status waitlisted } }",
                Map.of("s", sessionId));
        assertEquals("GOING", answered.getString("data.rsvp.status"));
        assertEquals("GOING", gql(owner, "query($s: ID!) { session(id: $s) { myRsvp { status } } }",
                Map.of("s", sessionId)).getString("data.session.myRsvp.status"));
    }

    @Test
    void notes_problems_solutions_comments_and_the_inbox_work_through_mutations() {
        String owner = register("Grace");
        String ada = register("Ada");
        String groupId = createGroup(owner, "Algorithms", "PUBLIC");
        gql(ada, "mutation($id: ID!) { joinGroup(id: $id) { role } }", Map.of("id", groupId));
        // posting works once notes knows the group and Ada's membership
        await().atMost(BOUND).until(() -> gql(ada, "query($g: ID!) { group(id: $g) { notes { items { id } } } }",
                Map.of("g", groupId)).getString("errors") == null);

        JsonPath note = data(owner, "mutation($in: NoteInput!) { postNote(input: $in) { id html version tags } }",
                Map.of("in", Map.of("groupId", groupId, "title", "Parsing", "body", "Recursive *descent*.",
                        "tags", List.of("parsers"))));
        String noteId = note.getString("data.postNote.id");
        assertEquals("<p>Recursive <em>descent</em>.</p>\n", note.getString("data.postNote.html"));
        JsonPath edited = data(owner, "mutation($id: ID!, $v: Int) { editNote(id: $id, version: $v, input: {body: \"Again.\"})"
                + " { revision body } }", Map.of("id", noteId, "v", note.getInt("data.postNote.version")));
        assertEquals("Again.", edited.getString("data.editNote.body"));
        data(ada, "mutation($id: ID!) { addComment(target: NOTE, id: $id, body: \"Thanks @Grace\") { id } }",
                Map.of("id", noteId));
        JsonPath read = data(ada, "query($id: ID!) { note(id: $id) { title revisions { items { number body } }"
                + " comments { items { body author { displayName } } } } }", Map.of("id", noteId));
        assertEquals(List.of("Again.", "Recursive *descent*."), read.getList("data.note.revisions.items.body"));
        assertEquals(List.of("Ada"), read.getList("data.note.comments.items.author.displayName"));

        String problemId = data(owner, "mutation($in: ProblemInput!) { postProblem(input: $in) { id } }",
                Map.of("in", Map.of("groupId", groupId, "title", "Two sum", "statement", "Find two numbers.")))
                .getString("data.postProblem.id");
        String solutionId = data(ada, "mutation($p: ID!) { postSolution(problemId: $p, input: {body: \"Use a map.\","
                + " language: \"java\"}) { id withheld } }", Map.of("p", problemId)).getString("data.postSolution.id");
        assertEquals(1, data(owner, "mutation($s: ID!) { vote(solutionId: $s, value: 1) { votes } }",
                Map.of("s", solutionId)).getInt("data.vote.votes"));
        assertEquals(true, data(owner, "mutation($s: ID!) { acceptSolution(solutionId: $s) { accepted } }",
                Map.of("s", solutionId)).getBoolean("data.acceptSolution.accepted"));
        JsonPath solutions = data(owner, "query($p: ID!) { problem(id: $p) { acceptedSolutionId"
                + " solutions(sort: NEW) { items { id body votes accepted author { displayName } } } } }",
                Map.of("p", problemId));
        assertEquals(solutionId, solutions.getString("data.problem.acceptedSolutionId"));
        assertEquals(List.of("Use a map."), solutions.getList("data.problem.solutions.items.body"));
        assertEquals(true, data(owner, "mutation($p: ID!) { revealSolutions(problemId: $p) { solutionsVisible } }",
                Map.of("p", problemId)).getBoolean("data.revealSolutions.solutionsVisible"));

        // Ada hears that her solution was accepted; Grace of the comment that mentions her
        await().atMost(BOUND).until(() -> data(ada, "{ unreadCount }", Map.of()).getInt("data.unreadCount") >= 1);
        String first = data(ada, "{ notifications(unread: true) { items { id type } } }", Map.of())
                .getString("data.notifications.items[0].id");
        int before = data(ada, "{ unreadCount }", Map.of()).getInt("data.unreadCount");
        assertEquals(before - 1, data(ada, "mutation($id: ID!) { markRead(id: $id) }", Map.of("id", first))
                .getInt("data.markRead"));
        assertEquals(0, data(ada, "mutation { readAll }", Map.of()).getInt("data.readAll"));

        JsonPath preferences = data(ada, """
                mutation { updateNotificationPreferences(input: {channels: [{type: "note.posted", channel: "OFF"}],
                  digest: "DAILY", reminderLeadMinutes: [30]}) { digest reminderLeadMinutes channels { type channel } } }""",
                Map.of());
        assertEquals("DAILY", preferences.getString("data.updateNotificationPreferences.digest"));
        assertEquals(List.of(30), preferences.getList("data.updateNotificationPreferences.reminderLeadMinutes"));
        JsonPath stored = data(ada, "{ notificationPreferences { digest channels { type channel } } }", Map.of());
        assertEquals("DAILY", stored.getString("data.notificationPreferences.digest"));
        assertEquals("OFF", stored.getString("data.notificationPreferences.channels.find { it.type == 'note.posted' }.channel"));
    }

    @Test
    void a_page_of_twenty_groups_with_their_next_sessions_takes_two_calls_to_the_services() {
        String owner = register("Grace");
        String prefix = "Batch " + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 20; i++) {
            String groupId = createGroup(owner, prefix + " " + i, "PUBLIC");
            if (i % 4 == 0) {
                schedule(owner, groupId, "Session of " + i);
            }
        }
        double before = upstreamCalls();
        JsonPath page = gql(owner, "query($q: String) { groups(q: $q, first: 20) { items { name sessions(first: 2) {"
                + " items { title startsAt } } } } }", Map.of("q", prefix));
        assertEquals(2.0, upstreamCalls() - before, "one call for the groups, one for all their sessions");
        List<Map<String, Object>> groups = page.getList("data.groups.items");
        assertEquals(20, groups.size());
        int withSessions = 0;
        for (int i = 0; i < 20; i++) {
            String name = page.getString("data.groups.items[" + i + "].name");
            List<String> titles = page.getList("data.groups.items[" + i + "].sessions.items.title");
            int number = Integer.parseInt(name.substring(name.lastIndexOf(' ') + 1));
            assertEquals(number % 4 == 0 ? List.of("Session of " + number) : List.of(), titles, name);
            withSessions += titles.size();
        }
        assertEquals(5, withSessions);
    }

    @Test
    void pairs_mob_rotation_recap_and_webhooks_work_through_queries_and_mutations() {
        String owner = register("Grace");
        String ada = register("Ada");
        String bob = register("Bob");
        String groupId = createGroup(owner, "Pairs", "PUBLIC");
        String sessionId = schedule(owner, groupId, "Pairing hour");
        List<String> ids = new ArrayList<>();
        for (String member : List.of(owner, ada, bob)) {
            if (!member.equals(owner)) {
                data(member, "mutation($g: ID!) { joinGroup(id: $g) { role } }", Map.of("g", groupId));
            }
            data(member, "mutation($s: ID!) { rsvp(sessionId: $s, status: GOING) { status } }", Map.of("s", sessionId));
            ids.add(data(member, "{ me { id } }", Map.of()).getString("data.me.id"));
        }
        Map<String, Object> occurrence = Map.of("s", sessionId,
                "t", rest(owner, "/api/v1/sessions/" + sessionId).getString("startsAt"));

        JsonPath profile = data(ada, """
                mutation { setPairingProfile(input: {languages: ["Java", "Go"], level: 4,
                  free: [{day: MONDAY, fromHour: 18, toHour: 21}]}) { languages level free { day fromHour toHour } } }""",
                Map.of());
        assertEquals(List.of("go", "java"), profile.getList("data.setPairingProfile.languages"), "normalised");
        assertEquals(4, data(ada, "{ pairingProfile { level } }", Map.of()).getInt("data.pairingProfile.level"));
        assertEquals(18, data(ada, "{ pairingProfile { free { fromHour } } }", Map.of())
                .getInt("data.pairingProfile.free[0].fromHour"));

        assertEquals("PAIR", data(owner, "mutation($s: ID!) { setSessionFormat(sessionId: $s, format: PAIR) { format } }",
                Map.of("s", sessionId)).getString("data.setSessionFormat.format"));
        JsonPath proposed = data(owner, """
                query($s: ID!, $t: String!) { session(id: $s) { format { format } }
                  pairs(sessionId: $s, occurrenceStart: $t) { set groups { userId } } }""", occurrence);
        assertEquals("PAIR", proposed.getString("data.session.format.format"));
        assertEquals(false, proposed.getBoolean("data.pairs.set"));
        List<List<Object>> groups = proposed.getList("data.pairs.groups");
        assertEquals(List.of(3), groups.stream().map(List::size).toList(), "one trio of three");
        String setPairs = "mutation($s: ID!, $t: String!, $g: [[String!]!]!) { setPairs(sessionId: $s,"
                + " occurrenceStart: $t, groups: $g) { set groups { displayName } } }";
        Map<String, Object> leftOut = new HashMap<>(occurrence);
        leftOut.put("g", List.of(ids.subList(1, 3)));
        JsonPath refused = gql(owner, setPairs, leftOut);
        assertEquals("INVALID_REQUEST", refused.getString("errors[0].extensions.code"), refused.prettify());
        Map<String, Object> trio = new HashMap<>(occurrence);
        trio.put("g", List.of(ids));
        JsonPath set = data(owner, setPairs, trio);
        assertEquals(true, set.getBoolean("data.setPairs.set"));
        assertEquals(List.of("Grace", "Ada", "Bob"), set.getList("data.setPairs.groups[0].displayName"));

        data(owner, "mutation($s: ID!) { setSessionFormat(sessionId: $s, format: MOB, rotationMinutes: 20) { format } }",
                Map.of("s", sessionId));
        JsonPath preview = data(owner, "query($s: ID!, $t: String!) { rotation(sessionId: $s, occurrenceStart: $t)"
                + " { published turns { driverId } } }", occurrence);
        assertEquals(false, preview.getBoolean("data.rotation.published"));
        JsonPath published = data(owner, "mutation($s: ID!, $t: String!) { publishRotation(sessionId: $s,"
                + " occurrenceStart: $t) { published turns { driverId at } } }", occurrence);
        assertEquals(true, published.getBoolean("data.publishRotation.published"));
        assertEquals(Set.copyOf(ids), Set.copyOf(published.getList("data.publishRotation.turns.driverId")),
                "60 minutes in turns of 20: each of the three drives once");

        JsonPath recap = data(bob, "query($s: ID!, $t: String!) { recap(sessionId: $s, occurrenceStart: $t)"
                + " { title ended attended { displayName } notes { title } nextStart } }", occurrence);
        assertEquals("Pairing hour", recap.getString("data.recap.title"));
        assertEquals(false, recap.getBoolean("data.recap.ended"));
        assertEquals(List.of("Ada", "Bob", "Grace"), recap.getList("data.recap.attended.displayName"));

        assertEquals(List.of(), data(owner, "query($g: ID!) { group(id: $g) { webhooks { items { id } } } }",
                Map.of("g", groupId)).getList("data.group.webhooks.items"));
        assertEquals("FORBIDDEN", gql(ada, "query($g: ID!) { group(id: $g) { webhooks { items { id } } } }",
                Map.of("g", groupId)).getString("errors[0].extensions.code"));
        JsonPath refusedUrl = gql(owner, """
                mutation($g: ID!) { registerWebhook(input: {groupId: $g, url: "http://example.org/hook",
                  kinds: ["session.scheduled"], format: CLOUDEVENTS}) { id secret } }""", Map.of("g", groupId));
        assertEquals("INVALID_REQUEST", refusedUrl.getString("errors[0].extensions.code"), refusedUrl.prettify());
        assertEquals(List.of("url"), refusedUrl.getList("errors[0].extensions.errors.field"));
        assertEquals("NOT_FOUND", gql(owner, "mutation($w: ID!) { rotateWebhookSecret(id: $w) { secret } }",
                Map.of("w", UUID.randomUUID().toString())).getString("errors[0].extensions.code"));
    }

    @Test
    void a_services_problem_becomes_an_error_with_its_fields_and_a_hidden_group_is_just_not_found() {
        String owner = register("Grace");
        String outsider = register("Mallory");
        String groupId = createGroup(owner, "Private", "PRIVATE");
        JsonPath invalid = gql(owner, """
                mutation($g: ID!) { scheduleSession(groupId: $g, input: {title: " ", startsAt: "tomorrow",
                  durationMinutes: -5, timeZone: "Mars/Base", capacity: 0}) { id } }""", Map.of("g", groupId));
        assertEquals("INVALID_REQUEST", invalid.getString("errors[0].extensions.code"));
        assertEquals(400, invalid.getInt("errors[0].extensions.status"));
        assertTrue(invalid.getList("errors[0].extensions.errors.field").contains("startsAt"),
                invalid.prettify());

        JsonPath hidden = gql(outsider, "query($g: ID!) { group(id: $g) { name } }", Map.of("g", groupId));
        JsonPath missing = gql(outsider, "query($g: ID!) { group(id: $g) { name } }",
                Map.of("g", UUID.randomUUID().toString()));
        assertEquals("NOT_FOUND", hidden.getString("errors[0].extensions.code"));
        assertEquals(missing.getString("errors[0].message"), hidden.getString("errors[0].message"));
        assertEquals(null, hidden.getString("data.group"));

        JsonPath anonymous = gql(null, "{ me { id } }", Map.of());
        assertEquals("UNAUTHENTICATED", anonymous.getString("errors[0].extensions.code"));
    }

    @Test
    void abusive_documents_are_refused_before_any_call_to_a_service() {
        String token = register("Eve");
        double before = upstreamCalls();
        String deep = "{ __schema { types { " + "fields { type { ".repeat(24) + "name" + " } }".repeat(24) + " } } }";
        given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("query", deep))
                .when().post("/graphql").then().body("errors[0].message", containsString("maximum query depth exceeded"));
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) {
            aliases.append(" a").append(i).append(": me { id }");
        }
        given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", aliases.append(" }").toString()))
                .when().post("/graphql").then().statusCode(400)
                .body("errors[0].message", containsString("parsing has been cancelled"));
        StringBuilder some = new StringBuilder("{");
        for (int i = 0; i < 400; i++) {
            some.append(" a").append(i).append(": me { id }");
        }
        given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", some.append(" }").toString()))
                .when().post("/graphql").then().body("errors[0].message", containsString("maximum query complexity"));
        given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", "{ me { id } }" + " ".repeat(1024 * 1024)))
                .when().post("/graphql").then().statusCode(413).contentType("application/problem+json");
        assertEquals(0.0, upstreamCalls() - before);
    }

    @Test
    void the_schema_and_an_in_browser_ide_are_published() {
        given().baseUri(gateway).when().get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("notificationReceived(after: ID): Notification"))
                .body(containsString("scheduleSession(groupId: ID!, input: SessionInput!): Session"));
        given().baseUri(gateway).when().get("/q/graphql-ui/").then().statusCode(200);
    }

    private static double upstreamCalls() {
        String metrics = given().baseUri(platform.managementUrl(Platform.GATEWAY)).when().get("/q/metrics").then()
                .statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("nexus_gateway_graphql_upstream_calls_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static JsonPath gql(String token, String query, Map<String, Object> variables) {
        var request = given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    /** A GraphQL answer without errors. */
    private static JsonPath data(String token, String query, Map<String, Object> variables) {
        JsonPath answer = gql(token, query, variables);
        if (answer.get("errors") != null) {
            throw new AssertionError(query + " failed: " + answer.prettify());
        }
        return answer;
    }

    private static JsonPath rest(String token, String path) {
        return given().baseUri(gateway).auth().oauth2(token).when().get(path).then().statusCode(200).extract()
                .jsonPath();
    }

    private static String createGroup(String token, String name, String visibility) {
        return gql(token, "mutation($in: GroupInput!) { createGroup(input: $in) { id } }",
                Map.of("in", Map.of("name", name, "visibility", visibility))).getString("data.createGroup.id");
    }

    private static String schedule(String token, String groupId, String title) {
        Map<String, Object> input = new HashMap<>(Map.of("title", title, "startsAt", START, "durationMinutes", 60,
                "timeZone", "UTC"));
        JsonPath scheduled = gql(token, "mutation($g: ID!, $in: SessionInput!) { scheduleSession(groupId: $g, input: $in)"
                + " { id } }", Map.of("g", groupId, "in", input));
        String id = scheduled.getString("data.scheduleSession.id");
        if (id == null) {
            throw new IllegalStateException(scheduled.prettify());
        }
        return id;
    }

    private static String register(String name) {
        return given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("email", name.toLowerCase() + "-" + UUID.randomUUID() + "@example.org",
                        "password", "correct horse battery", "displayName", name))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract().path("accessToken");
    }
}
