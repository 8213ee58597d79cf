package dev.nexus.sessions.pairing;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nexus.sessions.Learner;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pair sessions: profiles, a proposal by shared language that avoids last time's pairs, and the organizers' say. */
@QuarkusTest
class PairsTest {

    /** In two days at 18:00 UTC. */
    private static final OffsetDateTime FIRST = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withHour(18)
            .withMinute(0).withSecond(0).withNano(0);

    private static String pairs(UUID sessionId, OffsetDateTime start) {
        return "/api/v1/sessions/" + sessionId + "/occurrences/" + start + "/pairs";
    }

    private static void profile(Learner who, String language, int level) {
        who.call().body(Map.of("languages", List.of(language), "level", level)).when()
                .put("/api/v1/me/pairing-profile").then().statusCode(200);
    }

    /** A weekly pair session of the owner's new group, with these members going. */
    private static UUID pairSession(Learner owner, Learner... going) {
        UUID groupId = owner.creates("PUBLIC");
        UUID sessionId = UUID.fromString(owner.call().body(Map.of("title", "Pairing night", "startsAt", FIRST.toString(),
                        "durationMinutes", 60, "timeZone", "Europe/Berlin", "recurrence", "FREQ=WEEKLY;COUNT=4"))
                .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201).extract().path("id"));
        owner.call().body(Map.of("format", "PAIR")).when().put("/api/v1/sessions/" + sessionId + "/format").then()
                .statusCode(200);
        for (Learner member : going) {
            member.joins(groupId);
            member.call().body(Map.of("status", "GOING")).when().put("/api/v1/sessions/" + sessionId + "/rsvp").then()
                    .statusCode(200);
        }
        return sessionId;
    }

    @Test
    void a_profile_keeps_free_hours_in_the_members_zone_and_stores_them_in_utc() {
        Learner ada = Learner.named("Ada");
        ada.call().body(Map.of("languages", List.of("Python", "Rust"), "level", 2,
                        "free", List.of(Map.of("day", "MONDAY", "fromHour", 18, "toHour", 21))))
                .when().put("/api/v1/me/pairing-profile").then().statusCode(200);

        ada.call().when().get("/api/v1/me/pairing-profile").then().statusCode(200)
                .body("languages", contains("python", "rust")).body("level", equalTo(2))
                .body("free[0].day", equalTo("MONDAY")).body("free[0].fromHour", equalTo(18))
                .body("free[0].toHour", equalTo(21)).body("timeZone", equalTo("Europe/Berlin"));
        int offset = ZoneId.of("Europe/Berlin").getRules().getOffset(Instant.now()).getTotalSeconds() / 3600;
        assertEquals(18 - offset + "," + (19 - offset) + "," + (20 - offset), Db.value(
                "select array_to_string(free_hours, ',') from pairing_profiles where user_id = ?", ada.id()));

        ada.call().body(Map.of("languages", List.of(), "level", 7,
                        "free", List.of(Map.of("day", "MONDAY", "fromHour", 20, "toHour", 20))))
                .when().put("/api/v1/me/pairing-profile").then().statusCode(400)
                .body("errors.field", hasItem("languages")).body("errors.field", hasItem("level"));
        ada.call().body(Map.of("languages", List.of("go"), "level", 3,
                        "free", List.of(Map.of("day", "MONDAY", "fromHour", 20, "toHour", 20))))
                .when().put("/api/v1/me/pairing-profile").then().statusCode(400)
                .body("errors.field", contains("free[0].toHour"));
        ada.call().body(Map.of("languages", List.of("go", "   ", "x".repeat(31)), "level", 3)).when()
                .put("/api/v1/me/pairing-profile").then().statusCode(400)
                .body("errors.field", contains("languages[1]", "languages[2]"))
                .body("errors.message", contains("must be letters, digits, spaces or + # . -, not only spaces",
                        "size must be between 0 and 30"));
        ada.call().when().get("/api/v1/me/pairing-profile").then().body("languages", contains("python", "rust"));
    }

    @Test
    void the_proposal_pairs_shared_languages_and_next_week_avoids_the_pairs_an_organizer_set() {
        Learner owner = Learner.named("Owner");
        Learner ada = Learner.named("Ada");
        Learner bob = Learner.named("Bob");
        Learner carl = Learner.named("Carl");
        Learner dana = Learner.named("Dana");
        profile(ada, "python", 2);
        profile(carl, "go", 4);
        profile(bob, "python", 3);
        profile(dana, "go", 4);
        UUID sessionId = pairSession(owner, ada, carl, bob, dana);

        List<List<String>> proposed = ada.call().when().get(pairs(sessionId, FIRST)).then().statusCode(200)
                .body("set", equalTo(false)).extract().path("groups.userId");
        assertEquals(Set.of(Set.of(ada.id().toString(), bob.id().toString()),
                Set.of(carl.id().toString(), dana.id().toString())), groups(proposed), "by shared language");

        owner.call().body(Map.of("groups", proposed)).when().put(pairs(sessionId, FIRST)).then().statusCode(200)
                .body("set", equalTo(true));
        ada.call().when().get(pairs(sessionId, FIRST)).then().body("set", equalTo(true))
                .body("groups.displayName", containsInAnyOrder(List.of("Ada", "Bob"), List.of("Carl", "Dana")));

        List<List<String>> next = ada.call().when().get(pairs(sessionId, FIRST.plusWeeks(1))).then().statusCode(200)
                .body("set", equalTo(false)).extract().path("groups.userId");
        Set<Set<String>> nextGroups = groups(next);
        assertEquals(2, nextGroups.size());
        assertFalse(nextGroups.contains(Set.of(ada.id().toString(), bob.id().toString())), "no pair repeats: " + next);
        assertFalse(nextGroups.contains(Set.of(carl.id().toString(), dana.id().toString())), "no pair repeats: " + next);
    }

    @Test
    void pairs_that_leave_someone_out_twice_over_or_alone_are_400s_and_only_pair_sessions_have_pairs() {
        Learner owner = Learner.named("Owner");
        Learner ada = Learner.named("Ada");
        Learner bob = Learner.named("Bob");
        Learner carl = Learner.named("Carl");
        UUID sessionId = pairSession(owner, ada, bob, carl);
        String a = ada.id().toString();
        String b = bob.id().toString();
        String c = carl.id().toString();

        set(owner, sessionId, List.of(List.of(a, b), List.of(b, c))).statusCode(400)
                .body("errors.field", contains("groups[1][0]"));
        set(owner, sessionId, List.of(List.of(a, b))).statusCode(400).body("errors.field", contains("groups"));
        set(owner, sessionId, List.of(List.of(a, b), List.of(c))).statusCode(400)
                .body("errors.field", contains("groups[1]"));
        set(owner, sessionId, List.of(List.of(a, b, c, owner.id().toString()))).statusCode(400);
        set(owner, sessionId, List.of(List.of(a, b, owner.id().toString()), List.of(c))).statusCode(400)
                .body("errors.field", contains("groups[0][2]"));
        set(ada, sessionId, List.of(List.of(a, b, c))).statusCode(403);
        set(owner, sessionId, List.of(List.of(a, b, c))).statusCode(200);
        assertEquals(1L, Db.value("select count(*) from occurrence_pairs where session_id = ?", sessionId));

        owner.call().body(Map.of("format", "MOB")).when().put("/api/v1/sessions/" + sessionId + "/format").then()
                .statusCode(200);
        ada.call().when().get(pairs(sessionId, FIRST)).then().statusCode(409)
                .body("detail", equalTo("This is not a pair session: set its format to PAIR first."));
    }

    private static io.restassured.response.ValidatableResponse set(Learner who, UUID sessionId, List<List<String>> groups) {
        return who.call().body(Map.of("groups", groups)).when().put(pairs(sessionId, FIRST)).then();
    }

    private static Set<Set<String>> groups(List<List<String>> groups) {
        Set<Set<String>> out = new HashSet<>();
        groups.forEach(g -> out.add(new HashSet<>(g)));
        return out;
    }
}
