package dev.nexus.identity.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.nexus.contracts.Events.UserUpdated;
import dev.nexus.platform.events.Outbox;
import dev.nexus.testing.Db;
import dev.nexus.testing.Servers;
import dev.nexus.testing.TcpProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ goes away while events are being published and comes back (a proxy in front of the real
 * broker drops every connection and refuses new ones, as a broker restart does): the relay resumes
 * by itself and publishes every row written meanwhile, without restarting the service, and the
 * service stays ready throughout, reporting the relay as degraded.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.ThroughProxy.class)
class BrokerOutageTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    public static class ThroughProxy implements QuarkusTestProfile {
        static final TcpProxy BROKER = TcpProxy.to("amqp://" + Servers.get().rabbitHost() + ":" + Servers.get().rabbitPort());

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rabbitmq-host", "localhost", "rabbitmq-port", String.valueOf(BROKER.port()),
                    "nexus.outbox.confirm-timeout", "2s", "nexus.outbox.sweep-interval", "1s");
        }
    }

    @Inject
    Outbox outbox;

    @Test
    void after_the_broker_comes_back_the_relay_publishes_what_was_written_meanwhile() throws Throwable {
        UUID before = UUID.randomUUID();
        publish(before);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(before) == 0);

        ThroughProxy.BROKER.cut();
        List<UUID> during = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try {
            for (UUID userId : during) {
                publish(userId); // the write succeeds: the event waits in the outbox
            }
            // the service stays ready: the relay is reported as degraded, not the service as down
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(management.toString()).when().get("health/ready")
                    .then().statusCode(200)
                    .body("checks.find { it.name == 'Outbox relay' }.data.mode", startsWith("degraded")));
        } finally {
            ThroughProxy.BROKER.restore();
        }
        // the connector reconnects within its reconnect interval; the relay must not stay stuck on a
        // send that the outage swallowed
        await().atMost(Duration.ofSeconds(90)).until(() -> during.stream().allMatch(id -> pending(id) == 0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(management.toString()).when().get("health/ready")
                .then().statusCode(200).body("checks.find { it.name == 'Outbox relay' }.data.mode", equalTo("publishing")));
    }

    private void publish(UUID userId) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.publish(
                new UserUpdated(userId, "Outage " + userId, "UTC", "outage@example.org"))));
    }

    private static long pending(UUID userId) {
        return (Long) Db.value("select count(*) from outbox where envelope like ?", "%" + userId + "%");
    }
}
