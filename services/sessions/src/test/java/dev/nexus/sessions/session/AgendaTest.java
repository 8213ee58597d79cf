package dev.nexus.sessions.session;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.nexus.sessions.Learner;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgendaTest {

    private static final OffsetDateTime TOMORROW = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.HOURS);

    private static void schedule(Learner owner, UUID groupId, String title, int hoursFromTomorrow) {
        owner.call().body(Map.of("title", title, "startsAt", TOMORROW.plusHours(hoursFromTomorrow).toString(),
                        "durationMinutes", 30, "timeZone", "UTC"))
                .when().post("/api/v1/groups/" + groupId + "/sessions").then().statusCode(201);
    }

    @Test
    void my_agenda_merges_my_groups_in_time_order_and_leaves_out_the_others() {
        Learner me = Learner.named("Me");
        Learner other = Learner.named("Other");
        UUID mine = me.creates("PUBLIC");
        UUID joined = other.creates("PUBLIC");
        UUID notMine = other.creates("PUBLIC");
        me.joins(joined);
        schedule(me, mine, "Mine, later", 3);
        schedule(other, joined, "Joined, earlier", 1);
        schedule(other, notMine, "Not mine", 2);

        me.call().when().get("/api/v1/me/sessions")
                .then().statusCode(200).body("items.title", contains("Joined, earlier", "Mine, later"));
        me.call().queryParam("from", TOMORROW.plusHours(2).toString()).when().get("/api/v1/me/sessions")
                .then().statusCode(200).body("items.title", contains("Mine, later"));
    }

    @Test
    void the_cached_agenda_follows_new_sessions_joins_and_leaves_at_once() {
        Learner me = Learner.named("Me");
        Learner organizer = Learner.named("Organizer");
        UUID groupId = organizer.creates("PUBLIC");
        schedule(organizer, groupId, "Before I joined", 1);
        me.call().when().get("/api/v1/me/sessions").then().body("items", empty());

        me.joins(groupId);
        me.call().when().get("/api/v1/me/sessions").then().body("items.title", contains("Before I joined"));

        schedule(organizer, groupId, "After I joined", 2);
        me.call().when().get("/api/v1/me/sessions").then().body("items.title", hasItem("After I joined"));

        me.call().when().delete("/api/v1/groups/" + groupId + "/members/" + me.id()).then().statusCode(204);
        me.call().when().get("/api/v1/me/sessions").then().body("items.title", not(hasItem("After I joined")));
    }
}
