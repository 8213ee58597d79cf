package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./nexus demo}'s script (tools/demo/demo.mjs) against the platform's gateway: it prints four
 * log-ins, and what it made is there for them through the API, notifications included.
 */
@ExtendWith(SharedPlatform.class)
class DemoIT {

    private static final Path SCRIPT = Path.of("../../tools/demo/demo.mjs").toAbsolutePath().normalize();
    private static final Pattern LOGIN = Pattern.compile("^ {4}(\\w+) +(\\S+@demo\\.nexus\\.dev) +(\\S+)$",
            Pattern.MULTILINE);
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void the_demo_fills_a_group_and_prints_log_ins_that_see_it(Platform platform) throws Exception {
        String output = run(platform.url(Platform.GATEWAY));
        Matcher logins = LOGIN.matcher(output);
        Map<String, String> emails = new LinkedHashMap<>();
        while (logins.find()) {
            emails.put(logins.group(1), logins.group(2));
        }
        assertEquals(List.of("Olga", "Ada", "Bob", "Chen"), List.copyOf(emails.keySet()), output);
        Matcher password = Pattern.compile("password: (\\S+)\\)").matcher(output);
        assertTrue(password.find(), output);

        Supplier<RequestSpecification> bob = as(platform, emails.get("Bob"), password.group(1));
        JsonPath groups = bob.get().queryParam("mine", true).when().get("/api/v1/groups").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, groups.getList("items").size(), "Bob is in the demo group");
        String groupId = groups.getString("items[0].id");

        // the series: 8 Tuesdays, the 2nd cancelled, the 3rd moved a day later
        List<Map<String, Object>> dates = bob.get().queryParam("limit", 10).when().get("/api/v1/groups/" + groupId + "/sessions")
                .then().statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> series = dates.stream().filter(d -> d.get("title").equals("Weekly graph session"))
                .toList();
        assertEquals(7, series.size(), "8 dates less the cancelled one: " + dates);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate first = OffsetDateTime.parse((String) series.get(0).get("startsAt")).atZoneSameInstant(berlin).toLocalDate();
        assertEquals(first.plusDays(15), OffsetDateTime.parse((String) series.get(1).get("startsAt"))
                .atZoneSameInstant(berlin).toLocalDate(), "the third Tuesday moved to Wednesday");
        assertTrue(dates.stream().anyMatch(d -> d.get("title").equals("Max-flow deep dive")), "the poll's session");

        JsonPath polls = bob.get().when().get("/api/v1/groups/" + groupId + "/polls").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("CLOSED", polls.getString("items[0].status"));
        assertEquals(4, polls.getInt("items[0].respondents"));

        JsonPath problems = bob.get().queryParam("groupId", groupId).when().get("/api/v1/problems").then().statusCode(200)
                .extract().jsonPath();
        String problemId = problems.getString("items[0].id");
        List<Map<String, Object>> solutions = bob.get().when().get("/api/v1/problems/" + problemId + "/solutions")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(3, solutions.size());
        assertEquals(1, solutions.stream().filter(s -> Boolean.TRUE.equals(s.get("accepted"))).count(), "one accepted");

        // Chen's comment mentions Bob; the series, the poll and the notes reached him too
        await().atMost(BOUND).until(() -> bob.get().when().get("/api/v1/notifications").then().extract().jsonPath()
                .getList("items.type").contains("comment.added"));
        List<String> types = bob.get().when().get("/api/v1/notifications").then().extract().jsonPath().getList("items.type");
        assertTrue(types.containsAll(List.of("session.scheduled", "poll.closed", "note.posted")), types.toString());
        assertTrue(bob.get().when().get("/api/v1/notifications/unread-count").then().extract().jsonPath().getInt("count") > 0);
    }

    /** Requests as the person, logged in with the printed address and password (a new one each call). */
    private static Supplier<RequestSpecification> as(Platform platform, String email, String password) {
        String token = given().baseUri(platform.url(Platform.GATEWAY)).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).when().post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
        return () -> given().baseUri(platform.url(Platform.GATEWAY)).auth().oauth2(token);
    }

    private static String run(String gateway) throws IOException, InterruptedException {
        Process demo = new ProcessBuilder("node", SCRIPT.toString(), gateway).redirectErrorStream(true).start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(demo.waitFor(2, TimeUnit.MINUTES), "the demo did not finish");
        assertEquals(0, demo.exitValue(), output);
        return output;
    }
}
