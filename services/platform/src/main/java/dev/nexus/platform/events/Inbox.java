package dev.nexus.platform.events;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import dev.nexus.platform.problem.Problems;
import dev.nexus.platform.trace.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The consuming side of every service: records each event id in the {@code inbox} table in the same
 * transaction as the handler's effect, so a redelivered or duplicated event has no second effect.
 *
 * <p>Acknowledges only after that transaction committed. While PostgreSQL is unreachable the event is
 * kept and tried again with a growing pause, for up to {@code nexus.inbox.database-wait}. Any other
 * handler failure is negatively acknowledged with requeue, so the broker retries it until the queue's
 * delivery limit dead-letters it; an event that can never be processed (not JSON, unknown type, data
 * that does not fit) is dead-lettered at once.
 *
 * <p>A handler that finds the event ahead of what it builds on ({@link NotYet}: a session rescheduled
 * before its scheduling arrived, which happens when replicas or consumers take a session's events at
 * the same time) rolls back, and the event is requeued after {@code nexus.inbox.not-yet-delay} while
 * the consumer goes on with the next ones. On the last delivery the queue allows it is recorded as
 * handled without effect, as an event about something this service will never know.
 *
 * <p>Each event is handled in a consumer span, current until the event is settled: a child of the
 * message's {@code traceparent} header (the relay's producer span), or else of the event's own.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EventCodec codec;
    private final Traces traces;
    private final Map<EventType, List<EventHandler>> handlers = new EnumMap<>(EventType.class);
    private final MeterRegistry metrics;
    private final Timer handlingTime;
    private final Duration notYetDelay;
    private final int deliveryLimit;
    private final Duration databaseWait;

    public Inbox(EventCodec codec, Traces traces, Instance<EventHandler> handlerBeans, MeterRegistry metrics,
            @ConfigProperty(name = "nexus.inbox.not-yet-delay", defaultValue = "1s") Duration notYetDelay,
            @ConfigProperty(name = "mp.messaging.incoming." + Channels.EVENTS_IN + ".queue.x-delivery-limit",
                    defaultValue = "5") int deliveryLimit,
            @ConfigProperty(name = "nexus.inbox.database-wait", defaultValue = "10m") Duration databaseWait) {
        this.codec = codec;
        this.traces = traces;
        this.metrics = metrics;
        this.notYetDelay = notYetDelay;
        this.deliveryLimit = deliveryLimit;
        this.databaseWait = databaseWait;
        this.handlingTime = Timer.builder("nexus.inbox.handling")
                .description("From taking an event to its ack: the handlers' transaction")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        for (EventHandler handler : handlerBeans) {
            handler.types().forEach(type -> handlers.computeIfAbsent(type, t -> new ArrayList<>()).add(handler));
        }
    }

    /** Processes one message of the {@link Channels#EVENTS_IN} channel and settles it. */
    public Uni<Void> accept(Message<?> message) {
        CloudEvent<EventPayload> event;
        EventType type;
        List<EventHandler> handling;
        try {
            event = codec.decode(text(message.getPayload()));
            type = EventType.fromType(event.type()).orElseThrow();
            handling = handlers.get(type);
            if (handling == null) {
                throw new EventCodec.MalformedEventException("no handler for " + event.type() + " in this service");
            }
        } catch (RuntimeException e) {
            LOG.warnf("dead-lettering an event that cannot be processed: %s", e.getMessage());
            count("rejected");
            return Uni.createFrom().completionStage(
                    message.nack(e, Metadata.of(new RabbitMQRejectMetadata(false))));
        }
        Span span = traces.start("process " + type.routingKey(), SpanKind.CONSUMER,
                        Traces.parent(traceparent(message, event)))
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.message.id", event.id().toString());
        Scope scope = span.makeCurrent();
        return handle(message, event, handling).onTermination().invoke((ignored, failure, cancelled) -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            }
            scope.close();
            span.end();
        });
    }

    private Uni<Void> handle(Message<?> message, CloudEvent<EventPayload> event, List<EventHandler> handling) {
        long started = System.nanoTime();
        return Panache.withTransaction(() -> record(event).chain(first -> first
                        ? handleAll(handling, event)
                        : Uni.createFrom().item(Handled.DUPLICATE)))
                // PostgreSQL away is not the event's fault: it stays unsettled and is tried again once the
                // database answers, instead of spending the queue's few deliveries in a second and being
                // dead-lettered (the consumer's prefetch bounds how many wait)
                .onFailure(Problems::isDatabaseUnreachable).retry()
                .withBackOff(Duration.ofMillis(250), Duration.ofSeconds(5)).expireIn(databaseWait.toMillis())
                .invoke(handled -> {
                    // not awaited: the next event need not wait for pushes or cache invalidations
                    afterCommit(handled.afterCommit(), event).subscribe().with(ignored -> {
                    }, ignored -> {
                    });
                })
                .chain(handled -> {
                    count(handled.outcome());
                    handlingTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure(e -> NotYet.find(e) != null)
                .recoverWithUni(e -> notYet(message, event, NotYet.find(e).getMessage()))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "handling %s %s failed; the broker will retry it", event.type(), event.id());
                    count("failed");
                    return Uni.createFrom().completionStage(
                            message.nack(e, Metadata.of(new RabbitMQRejectMetadata(true))));
                });
    }

    /**
     * Thrown by a handler when the event refers to something this service has not seen yet but may
     * see shortly (its transaction then rolls back): the event is tried again later.
     */
    public static final class NotYet extends RuntimeException {
        public NotYet(String what) {
            super(what, null, false, false);
        }

        /** The NotYet a failure is or was caused by; null when none. */
        static NotYet find(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof NotYet notYet) {
                    return notYet;
                }
            }
            return null;
        }
    }

    /** The producer span's context from the message header, else the one the event was made in. */
    private static String traceparent(Message<?> message, CloudEvent<EventPayload> event) {
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(m -> m.getHeaders().get("traceparent"))
                .map(Object::toString)
                .orElse(event.traceparent());
    }

    private Uni<Void> notYet(Message<?> message, CloudEvent<EventPayload> event, String what) {
        long earlierDeliveries = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(m -> m.getHeaders().get("x-delivery-count"))
                .map(count -> ((Number) count).longValue())
                .orElse(0L);
        if (earlierDeliveries >= deliveryLimit) {
            LOG.warnf("%s %s: %s after %d deliveries; handled without effect", event.type(), event.id(), what,
                    earlierDeliveries + 1);
            count("gave-up");
            return Panache.withTransaction(() -> record(event))
                    .chain(() -> Uni.createFrom().completionStage(message.ack()));
        }
        LOG.debugf("%s %s: %s; trying again in %s", event.type(), event.id(), what, notYetDelay);
        count("not-yet");
        // settled later, without holding up the events behind it
        Uni.createFrom().voidItem().onItem().delayIt().by(notYetDelay)
                .chain(() -> Uni.createFrom().completionStage(
                        message.nack(new NotYet(what), Metadata.of(new RabbitMQRejectMetadata(true)))))
                .subscribe().with(ignored -> {
                }, e -> LOG.warnf("requeueing %s %s failed: %s", event.type(), event.id(), e.getMessage()));
        return Uni.createFrom().voidItem();
    }

    /** What the inbox transaction did with an event (the metric's outcome) and each handler's after-commit work. */
    private record Handled(String outcome, List<AfterCommit> afterCommit) {
        static final Handled DUPLICATE = new Handled("duplicate", List.of());
    }

    /** One after the other, in the one transaction: all effects happen or none. */
    private static Uni<Handled> handleAll(List<EventHandler> handling, CloudEvent<EventPayload> event) {
        List<AfterCommit> afterCommit = new ArrayList<>(handling.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EventHandler handler : handling) {
            chain = chain.chain(() -> handler.handle(event)).invoke(afterCommit::add).replaceWithVoid();
        }
        return chain.map(ignored -> new Handled("handled", afterCommit));
    }

    private static Uni<Void> afterCommit(List<AfterCommit> work, CloudEvent<EventPayload> event) {
        if (work.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(work.stream()
                        .map(step -> step.run()
                                .onFailure().invoke(e -> LOG.warnf(e, "after-commit step of %s failed", event.type()))
                                .onFailure().recoverWithNull())
                        .toList())
                .andFailFast().replaceWithVoid();
    }

    private Uni<Boolean> record(CloudEvent<?> event) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into inbox (event_id, type) values (?1, ?2) on conflict do nothing")
                .setParameter(1, event.id())
                .setParameter(2, event.type())
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    private void count(String outcome) {
        metrics.counter("nexus.inbox.events", "outcome", outcome).increment();
    }

    private static String text(Object payload) {
        if (payload instanceof JsonObject json) {
            return json.encode();
        }
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (payload instanceof Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        if (payload instanceof String string) {
            return string;
        }
        throw new EventCodec.MalformedEventException("unexpected payload " + payload);
    }
}
