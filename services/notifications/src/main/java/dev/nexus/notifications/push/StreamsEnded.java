package dev.nexus.notifications.push;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.UserSignedOut;
import dev.nexus.platform.events.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Live streams must not outlive the rights they were opened with: a login that ended closes the
 * streams it opened; leaving or being removed from a group closes all of the user's streams (the
 * client reconnects with a new ticket and gets only what it may still see).
 */
@ApplicationScoped
public class StreamsEnded implements EventHandler {

    private final PushHub hub;

    public StreamsEnded(PushHub hub) {
        this.hub = hub;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.USER_SIGNED_OUT, EventType.GROUP_MEMBER_LEFT);
    }

    @Override
    public Uni<Void> handle(CloudEvent<? extends EventPayload> event) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> afterCommit(CloudEvent<? extends EventPayload> event) {
        if (event.data() instanceof UserSignedOut out) {
            return hub.endSession(out.userId(), out.sessionId().toString());
        }
        return hub.endAll(((MemberLeft) event.data()).userId());
    }
}
