package dev.nexus.platform.events;

import dev.nexus.contracts.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to {@code nexus.events} with publisher confirms, then deletes them.
 *
 * <p>It wakes the moment a transaction that wrote an outbox row commits: an insert trigger sends a
 * PostgreSQL NOTIFY, which PostgreSQL delivers only on commit (and never on rollback). A periodic
 * sweep catches what a notification could not: rows left while the broker was down or this process
 * was not running. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work,
 * and deleted only after the broker confirmed them: delivery is at least once, duplicates are
 * absorbed by the consumers' inbox.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String NOTIFY_CHANNEL = "nexus_outbox";
    private static final String TYPE_PREFIX = "nexus.";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final int batchSize;
    private final Duration sweepInterval;
    private final Duration confirmTimeout;
    private final PgConnectOptions listenOptions;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final Timer publishLatency;
    private volatile boolean paused;
    /** Why the last drain failed, and since when drains fail; null while publishing works. */
    private volatile String failure;
    private volatile Instant failingSince;
    private PgSubscriber subscriber;
    private long sweepTimer = -1;

    public OutboxRelay(Pool pool, @Channel(Channels.EVENTS_OUT) MutinyEmitter<String> emitter, Vertx vertx,
            MeterRegistry metrics,
            @ConfigProperty(name = "nexus.outbox.batch-size", defaultValue = "100") int batchSize,
            @ConfigProperty(name = "nexus.outbox.sweep-interval", defaultValue = "5s") Duration sweepInterval,
            @ConfigProperty(name = "nexus.outbox.confirm-timeout", defaultValue = "10s") Duration confirmTimeout,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.pool = pool;
        this.emitter = emitter;
        this.vertx = vertx;
        this.batchSize = batchSize;
        this.sweepInterval = sweepInterval;
        this.confirmTimeout = confirmTimeout;
        this.listenOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(listenOptions::setUser);
        password.ifPresent(listenOptions::setPassword);
        Gauge.builder("nexus.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet confirmed by the broker")
                .register(metrics);
        this.publishLatency = Timer.builder("nexus.outbox.publish.latency")
                .description("From writing an outbox row to the broker's publisher confirm")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    void start(@Observes StartupEvent ignored) {
        subscriber = PgSubscriber.subscriber(vertx, listenOptions);
        subscriber.reconnectPolicy(attempts -> sweepInterval.toMillis());
        subscriber.channel(NOTIFY_CHANNEL).handler(payload -> wake());
        subscriber.connect().subscribe().with(
                ok -> wake(),
                e -> LOG.warnf("outbox relay cannot LISTEN on PostgreSQL (%s); relying on the %s sweep",
                        e.getMessage(), sweepInterval));
        sweepTimer = vertx.setPeriodic(sweepInterval.toMillis(), id -> {
            refreshPendingGauge();
            wake();
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        vertx.cancelTimer(sweepTimer);
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Publishes whatever is pending now; a wake-up during a run starts another run after it. */
    public void wake() {
        wanted.set(true);
        if (!paused && draining.compareAndSet(false, true)) {
            wanted.set(false);
            drain().subscribe().with(
                    ignored -> finished(),
                    e -> {
                        LOG.warnf("outbox relay: publishing failed, the rows stay pending and are retried: %s",
                                e.getMessage());
                        failure = String.valueOf(e.getMessage());
                        if (failingSince == null) {
                            failingSince = Instant.now();
                        }
                        finished();
                    });
        }
    }

    /** Stops publishing (rows keep accumulating) until {@link #resume()}. For maintenance and tests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        wake();
    }

    /** Why publishing fails, and since when; empty while it works. */
    public Optional<String> failure() {
        String why = failure;
        return why == null ? Optional.empty() : Optional.of(why + " (since " + failingSince + ")");
    }

    /** Rows written and not yet confirmed, as of the last count (sweep or drain). */
    public long pendingCount() {
        return pending.get();
    }

    /** Rows written and not yet confirmed, as of the last count. */
    public Uni<Long> countPending() {
        return pool.query("select count(*) from outbox").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(pending::set);
    }

    private void finished() {
        draining.set(false);
        refreshPendingGauge();
        if (wanted.get()) {
            wake();
        }
    }

    private void refreshPendingGauge() {
        countPending().subscribe().with(n -> {
        }, e -> LOG.debugf("outbox relay: cannot count pending rows: %s", e.getMessage()));
    }

    private Uni<Void> drain() {
        return pool.withTransaction(this::publishBatch)
                .chain(published -> published == batchSize && !paused ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return connection
                .preparedQuery("select id, type, envelope, created_at from outbox"
                        + " order by created_at limit $1 for update skip locked")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = new ArrayList<>();
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        sends.add(send(row));
                        ids.add(row.getUUID("id"));
                    }
                    // Subscribed in order, so the broker receives them in commit order; confirms come back together.
                    // A send caught by a broker outage may never complete nor fail: without a time limit the
                    // transaction would stay open and the relay would never drain again.
                    return Uni.join().all(sends).andFailFast()
                            .ifNoItem().after(confirmTimeout)
                            .failWith(() -> new IllegalStateException("no publisher confirm within " + confirmTimeout))
                            .chain(() -> connection.preparedQuery("delete from outbox where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(UUID[]::new))))
                            .invoke(() -> {
                                // the broker confirmed: publishing works (an empty batch proves nothing)
                                failure = null;
                                failingSince = null;
                            })
                            .replaceWith(ids.size());
                });
    }

    private Uni<Void> send(Row row) {
        String type = row.getString("type");
        OffsetDateTime written = row.getOffsetDateTime("created_at");
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(type.substring(TYPE_PREFIX.length()))
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withMessageId(row.getUUID("id").toString())
                .withType(type)
                .withDeliveryMode(2)
                .build();
        return emitter.sendMessage(Message.of(row.getString("envelope"), Metadata.of(metadata)))
                .invoke(() -> publishLatency.record(Duration.between(written, OffsetDateTime.now())));
    }
}
