package dev.nexus.identity.events;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.platform.db.Retention;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tables that only grew: processed-event ids and expired refresh tokens are purged, recent rows kept. */
@QuarkusTest
class RetentionTest {

    @Inject
    Retention retention;

    @Test
    void old_inbox_rows_and_refresh_tokens_a_day_past_expiry_are_purged_and_recent_ones_kept() throws Throwable {
        UUID oldEvent = UUID.randomUUID();
        UUID recentEvent = UUID.randomUUID();
        Db.execute("insert into inbox (event_id, type, received_at) values (?, 'test', ?)", oldEvent,
                OffsetDateTime.now().minusDays(15));
        Db.execute("insert into inbox (event_id, type, received_at) values (?, 'test', ?)", recentEvent,
                OffsetDateTime.now().minusDays(13));
        UUID expired = UUID.fromString(anAccount().register().getString("user.id"));
        UUID live = UUID.fromString(anAccount().register().getString("user.id"));
        Db.execute("update refresh_tokens set expires_at = ? where account_id = ?", OffsetDateTime.now().minusDays(2),
                expired);

        VertxContextSupport.subscribeAndAwait(() -> retention.purge());

        assertEquals(0L, Db.value("select count(*) from inbox where event_id = ?", oldEvent));
        assertEquals(1L, Db.value("select count(*) from inbox where event_id = ?", recentEvent));
        assertEquals(0L, Db.value("select count(*) from refresh_tokens where account_id = ?", expired));
        assertEquals(1L, Db.value("select count(*) from refresh_tokens where account_id = ?", live));
    }
}
