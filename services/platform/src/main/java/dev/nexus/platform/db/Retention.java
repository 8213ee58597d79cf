package dev.nexus.platform.db;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes rows that only grow and are no longer needed, every {@code nexus.retention.interval}
 * (default 1 h), a bounded batch per table and run: the inbox's processed-event ids older than
 * {@code nexus.inbox.retention} (default 14 days: far longer than any redelivery, which comes within
 * minutes, or a republished outbox row, within hours), and whatever a service adds as a
 * {@link Rule} (identity: expired refresh tokens). Deleting is idempotent, so replicas may run it
 * at the same moment.
 */
@ApplicationScoped
public class Retention {

    /** One table's purge: rows whose {@code column} (a timestamptz) is more than {@code age} ago. */
    public interface Rule {
        String table();

        String column();

        Duration age();
    }

    static final int BATCH = 10_000;
    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final Pool pool;
    private final Vertx vertx;
    private final Duration interval;
    private final Duration inboxAge;
    private final Instance<Rule> rules;
    private long timer = -1;

    Retention(Pool pool, Vertx vertx, Instance<Rule> rules,
            @ConfigProperty(name = "nexus.retention.interval", defaultValue = "1h") Duration interval,
            @ConfigProperty(name = "nexus.inbox.retention", defaultValue = "14d") Duration inboxAge) {
        this.pool = pool;
        this.vertx = vertx;
        this.rules = rules;
        this.interval = interval;
        this.inboxAge = inboxAge;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> purge().subscribe().with(
                deleted -> LOG.debugf("retention: %d rows deleted", deleted),
                e -> LOG.warnf("retention: purge failed, tried again in %s: %s", interval, e.getMessage())));
    }

    void stop(@Observes ShutdownEvent ignored) {
        vertx.cancelTimer(timer);
    }

    /** One run over every table; answers how many rows were deleted. */
    public Uni<Long> purge() {
        Uni<Long> total = delete("inbox", "received_at", inboxAge);
        for (Rule rule : rules) {
            total = total.chain(sum -> delete(rule.table(), rule.column(), rule.age()).map(n -> sum + n));
        }
        return total;
    }

    private Uni<Long> delete(String table, String column, Duration age) {
        // ctid batch: a bounded delete that needs no key of its own
        return pool.preparedQuery("delete from " + table + " where ctid = any(array(select ctid from " + table
                        + " where " + column + " < now() - make_interval(secs => $1) limit " + BATCH + "))")
                .execute(Tuple.of((double) age.toSeconds()))
                .map(rows -> (long) rows.rowCount());
    }
}
