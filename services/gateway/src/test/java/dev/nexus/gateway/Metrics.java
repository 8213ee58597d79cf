package dev.nexus.gateway;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.Arrays;

/** Reads one value from the gateway's Prometheus metrics ({@code /q/metrics} on the management port). */
final class Metrics {

    private Metrics() {
    }

    /** The value of the first sample named {@code name} carrying every {@code label="value"} given; 0 if none. */
    static double value(URI q, String name, String... labels) {
        String metrics = given().baseUri(q.toString()).when().get("metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
