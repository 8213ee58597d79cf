package dev.nexus.platform.events;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * Applies events of some types to a service's own data. Beans implementing it are called by the
 * {@link Inbox} inside the transaction that records the event id, so an effect happens at most once.
 */
public interface EventHandler {

    Set<EventType> types();

    Uni<Void> handle(CloudEvent<? extends EventPayload> event);

    /**
     * Started once the transaction of {@link #handle} committed, alongside the ack (the inbox does not
     * wait for it before taking the next event): the place to drop cache entries the event made stale
     * or to push what it stored. Failures are logged, never retried.
     */
    default Uni<Void> afterCommit(CloudEvent<? extends EventPayload> event) {
        return Uni.createFrom().voidItem();
    }
}
