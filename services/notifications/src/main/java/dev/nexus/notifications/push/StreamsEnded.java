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

    /** Nothing to store: the streams end once the event is recorded. */
    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        AfterCommit end = event.data() instanceof UserSignedOut out
                ? () -> hub.endSession(out.userId(), out.sessionId().toString())
                : () -> hub.endAll(((MemberLeft) event.data()).userId());
        return Uni.createFrom().item(end);
    }
}
