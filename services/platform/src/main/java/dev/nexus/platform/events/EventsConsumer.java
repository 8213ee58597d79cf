package dev.nexus.platform.events;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds every message of the service's {@code <service>.events} queue to the {@link Inbox}. Only
 * services that consume events have it (build property {@code nexus.events.consume=true}, which also
 * enables the channel, defined in the platform's defaults): identity publishes only.
 */
@ApplicationScoped
@IfBuildProperty(name = "nexus.events.consume", stringValue = "true")
public class EventsConsumer {

    private final Inbox inbox;

    public EventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(Channels.EVENTS_IN)
    public Uni<Void> consume(Message<?> message) {
        return inbox.accept(message);
    }
}
