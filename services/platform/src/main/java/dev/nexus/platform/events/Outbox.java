package dev.nexus.platform.events;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.platform.trace.Traces;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records events in the {@code outbox} table of the current transaction. The {@link OutboxRelay}
 * publishes them once that transaction has committed; a rollback discards them with the change.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final String source;

    public Outbox(EventCodec codec, @ConfigProperty(name = "nexus.service.name") String serviceName) {
        this.codec = codec;
        this.source = "/" + serviceName;
    }

    /**
     * Must run inside a transaction ({@code @WithTransaction}); returns the recorded event, which
     * carries the current trace context (the request that made it) as its {@code traceparent}.
     */
    public <T extends EventPayload> Uni<CloudEvent<T>> publish(T payload) {
        CloudEvent<T> event = CloudEvent.of(source, payload).withTraceparent(Traces.current());
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                        "insert into outbox (id, type, envelope, created_at) values (?1, ?2, ?3, clock_timestamp())")
                        .setParameter(1, event.id())
                        .setParameter(2, event.type())
                        .setParameter(3, codec.encode(event))
                        .executeUpdate())
                .replaceWith(event);
    }
}
