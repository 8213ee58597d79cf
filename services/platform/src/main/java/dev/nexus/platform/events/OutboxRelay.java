package dev.nexus.platform.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.nexus.contracts.CloudEvent;
import dev.nexus.platform.trace.Traces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 *
 * <p>It publishes on a {@link BrokerConnection} of its own, never through the messaging connector,
 * whose sender does not always come back after a broker outage: after any failure (connection lost,
 * no confirm in time, the exchange deleted) the channel is dropped, and the next drain opens a new
 * one and declares the exchange if it is missing. An exchange that vanished under a running
 * platform took every queue's binding with it: after declaring it, the relay waits two sweep intervals
 * before publishing into it, while the consuming services' {@link QueueBindings} bind their queues
 * again, so that no event is routed nowhere.
 *
 * <p>An event made in a trace (its {@code traceparent}) is published in a producer span of that
 * trace, whose context travels in the message's {@code traceparent} header to the consumers' inbox.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String NOTIFY_CHANNEL = "nexus_outbox";
    private static final String TYPE_PREFIX = "nexus.";

    private final Pool pool;
    private final BrokerConnection broker;
    private final EventCodec codec;
    private final Traces traces;
    private final String exchange;
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
    /** Used by one drain at a time (see {@link #draining}). */
    private volatile Channel channel;
    private Instant rebindUntil = Instant.MIN;

    public OutboxRelay(Pool pool, BrokerConnection broker, EventCodec codec, Traces traces, Vertx vertx,
            MeterRegistry metrics,
            @ConfigProperty(name = "nexus.events.exchange") String exchange,
            @ConfigProperty(name = "nexus.outbox.batch-size", defaultValue = "100") int batchSize,
            @ConfigProperty(name = "nexus.outbox.sweep-interval", defaultValue = "5s") Duration sweepInterval,
            @ConfigProperty(name = "nexus.outbox.confirm-timeout", defaultValue = "10s") Duration confirmTimeout,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.pool = pool;
        this.broker = broker;
        this.codec = codec;
        this.traces = traces;
        this.exchange = exchange;
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
                        String why = reason(e);
                        LOG.warnf("outbox relay: publishing failed, the rows stay pending and are retried: %s", why);
                        failure = why;
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
        // A batch that neither completes nor fails (seen once: a pool connection attempt lost in a
        // PostgreSQL outage) would otherwise keep the relay from ever draining again.
        Duration limit = confirmTimeout.multipliedBy(2);
        return pool.withTransaction(this::publishBatch)
                .ifNoItem().after(limit).failWith(() -> new IllegalStateException("a batch took longer than " + limit))
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
                    List<Outgoing> batch = new ArrayList<>();
                    for (Row row : rows) {
                        batch.add(Outgoing.of(row, codec));
                    }
                    // blocking: on a worker, and back on this connection's context for the delete
                    return vertx.executeBlocking(() -> publish(batch), false)
                            .chain(() -> connection.preparedQuery("delete from outbox where id = any($1)")
                                    .execute(Tuple.of(batch.stream().map(Outgoing::id).toArray(UUID[]::new))))
                            .invoke(() -> {
                                // the broker confirmed: publishing works (an empty batch proves nothing)
                                failure = null;
                                failingSince = null;
                            })
                            .replaceWith(batch.size());
                });
    }

    /** Sends the batch in commit order and waits for the broker's confirms. Blocking. */
    private List<Outgoing> publish(List<Outgoing> batch) throws IOException, TimeoutException, InterruptedException {
        Channel publishing = channel();
        List<Span> spans = new ArrayList<>();
        try {
            for (Outgoing event : batch) {
                String traceparent = null;
                if (event.traceparent() != null) {
                    Span span = traces.start("publish " + event.routingKey(), SpanKind.PRODUCER,
                                    Traces.parent(event.traceparent()))
                            .setAttribute("messaging.system", "rabbitmq")
                            .setAttribute("messaging.destination.name", exchange)
                            .setAttribute("messaging.rabbitmq.destination.routing_key", event.routingKey())
                            .setAttribute("messaging.message.id", event.id().toString());
                    spans.add(span);
                    traceparent = Traces.traceparent(span);
                }
                publishing.basicPublish(exchange, event.routingKey(), false, event.properties(traceparent),
                        event.body());
            }
            publishing.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            spans.forEach(span -> span.setStatus(StatusCode.ERROR, reason(e)));
            channel = null;
            if (publishing.isOpen()) {
                publishing.abort();
            }
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
        OffsetDateTime now = OffsetDateTime.now();
        batch.forEach(event -> publishLatency.record(Duration.between(event.written(), now)));
        return batch;
    }

    /**
     * The open confirm channel, or a new one. Fails while consuming services may still be binding
     * their queues to an exchange declared again, without asking the broker anything meanwhile.
     */
    private Channel channel() throws IOException, TimeoutException {
        if (channel == null || !channel.isOpen()) {
            channel = openChannel();
        }
        if (Instant.now().isBefore(rebindUntil)) {
            throw new IllegalStateException("the exchange " + exchange + " was declared again; publishing from "
                    + rebindUntil + ", once the consuming services bound their queues again");
        }
        return channel;
    }

    /** A confirm channel on the exchange, declared first if it is missing. */
    private Channel openChannel() throws IOException, TimeoutException {
        Channel opened = broker.openChannel();
        try {
            opened.exchangeDeclarePassive(exchange);
        } catch (IOException e) {
            if (!notFound(e)) {
                throw e;
            }
            opened = broker.openChannel(); // the 404 closed the first one
            opened.exchangeDeclare(exchange, "topic", true);
            // a missing exchange may have been deleted with every queue's bindings: give the consuming
            // services' QueueBindings time to bind their queues again before anything is routed
            rebindUntil = Instant.now().plus(sweepInterval.multipliedBy(2));
            LOG.warnf("outbox relay: declared the missing exchange %s (deleted, or a new broker); publishing from %s,"
                    + " once consuming services bound their queues", exchange, rebindUntil);
        }
        opened.confirmSelect();
        return opened;
    }

    /** The first cause that says something (the AMQP client's IOExceptions carry their reason as the cause). */
    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return e.toString();
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == 404;
    }

    /** An outbox row as the broker gets it. */
    private record Outgoing(UUID id, String type, byte[] body, String traceparent, OffsetDateTime written) {

        static Outgoing of(Row row, EventCodec codec) {
            String envelope = row.getString("envelope");
            return new Outgoing(row.getUUID("id"), row.getString("type"), envelope.getBytes(StandardCharsets.UTF_8),
                    codec.traceparent(envelope), row.getOffsetDateTime("created_at"));
        }

        String routingKey() {
            return type.substring(TYPE_PREFIX.length());
        }

        /** With the producer span's context as header {@code traceparent}, when there is one. */
        AMQP.BasicProperties properties(String traceparent) {
            return new AMQP.BasicProperties.Builder()
                    .contentType(CloudEvent.CONTENT_TYPE)
                    .messageId(id.toString())
                    .type(type)
                    .deliveryMode(2)
                    .headers(traceparent == null ? null : Map.of("traceparent", traceparent))
                    .build();
        }
    }
}
