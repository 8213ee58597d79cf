package dev.nexus.identity.events;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static org.awaitility.Awaitility.await;

import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exchange is deleted under a running service: the relay declares it again and publishes on. */
@QuarkusTest
class ExchangeDeletedTest {

    @Test
    void after_the_exchange_is_deleted_the_relay_declares_it_again_and_publishes() {
        try (Broker broker = Broker.open()) {
            broker.deleteExchange("nexus.events");
            String userId = anAccount().register().getString("user.id");
            await().atMost(Duration.ofSeconds(30)).until(() -> (Long) Db.value(
                    "select count(*) from outbox where envelope like ?", "%" + userId + "%") == 0);
            Broker.Recorder recorder = broker.record("user.#");
            String next = anAccount().register().getString("user.id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !recorder.about(next).isEmpty());
        }
    }
}
