package dev.nexus.sessions;

import static dev.nexus.testing.Events.event;
import static dev.nexus.testing.Events.json;
import static org.awaitility.Awaitility.await;

import dev.nexus.contracts.Events.UserRegistered;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code nexus.events} deleted under the running service, as an operator's mistake could: the relay
 * declares it again and publishes on, and the service's queue is bound to it again.
 */
@QuarkusTest
class ExchangeDeletedTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void after_the_exchange_is_deleted_events_are_published_and_consumed_again() {
        try (Broker broker = Broker.open()) {
            broker.deleteExchange("nexus.events");

            UUID groupId = Learner.named("Owner").creates("PUBLIC");
            await().atMost(BOUND).until(() -> (Long) Db.value(
                    "select count(*) from outbox where envelope like ?", "%" + groupId + "%") == 0);

            // the relay published only once the queues were bound again: this one's receives at once
            UUID userId = UUID.randomUUID();
            broker.publish("user.registered.v1", json(event(new UserRegistered(userId, "Grace", "UTC", "g@example.org"))));
            await().atMost(BOUND).until(() -> Db.value("select display_name from users where id = ?", userId) != null);

            Broker.Recorder recorder = broker.record("group.#");
            UUID next = Learner.named("Next").creates("PUBLIC");
            await().atMost(BOUND).until(() -> !recorder.about(next).isEmpty());
        }
    }
}
