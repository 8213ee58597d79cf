package dev.nexus.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app (services/web, on the gateway's classpath as nexus-web) at the gateway's origin. */
@QuarkusTest
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = false)
class WebAppTest {

    private static RequestSpecification client() {
        return given().header("X-Forwarded-For", "10.2." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250));
    }

    @Test
    void every_page_address_answers_the_app_uncached_under_the_page_policy() {
        for (String page : List.of("/", "/login", "/groups/7f0c", "/invite/abc-DEF_1")) {
            client().when().get(page).then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .header("Cache-Control", "no-cache")
                    .header("Content-Security-Policy", startsWith("default-src 'self'"))
                    .body(containsString("<div id=\"app\""));
        }
    }

    @Test
    void the_apps_scripts_are_served_compressed_and_cached_for_a_year() {
        String index = client().when().get("/").then().extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertTrue(script.find(), "no script in " + index);
        client().header("Accept-Encoding", "gzip").when().get(script.group(1)).then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Encoding", "gzip")
                .header("Cache-Control", "public, max-age=31536000, immutable");
    }

    @Test
    void api_tool_and_file_addresses_are_not_the_app() {
        client().when().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        client().when().get("/docs/").then().statusCode(200).body(containsString("/openapi/identity.json"));
        client().when().get("/assets/missing.js").then().statusCode(404);
        client().when().get("/robots.txt").then().statusCode(404);
        client().when().get("/openapi/nope.json").then().statusCode(404)
                .body("detail", equalTo("no OpenAPI document named nope.json; there are identity, sessions, notes, notifications"));
    }
}
