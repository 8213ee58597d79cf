package dev.nexus.notifications;

import dev.nexus.platform.events.Channels;
import dev.nexus.platform.events.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Every event bound to the notifications.events queue goes through the inbox to its handler. */
@ApplicationScoped
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
