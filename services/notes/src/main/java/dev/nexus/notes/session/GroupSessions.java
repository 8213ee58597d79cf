package dev.nexus.notes.session;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Which group each session belongs to (from {@code session.scheduled.v1}), so that notes and
 * problems link only to sessions of their own group.
 */
@ApplicationScoped
public class GroupSessions implements EventHandler {

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.SESSION_SCHEDULED);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        SessionScheduled s = (SessionScheduled) event.data();
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into group_sessions (session_id, group_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, s.sessionId())
                .setParameter(2, s.groupId())
                .executeUpdate())
                .replaceWith(AfterCommit.NOTHING);
    }

    /** Passes when {@code sessionId} is null or a session of the group; a 400 naming the field otherwise. */
    public Uni<Void> requireInGroup(UUID sessionId, UUID groupId) {
        if (sessionId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from group_sessions where session_id = ?1 and group_id = ?2", Long.class)
                .setParameter(1, sessionId)
                .setParameter(2, groupId)
                .getSingleResult())
                .invoke(count -> {
                    if (count == 0) {
                        throw ProblemException.invalidField("sessionId", "is not a session of this group");
                    }
                })
                .replaceWithVoid();
    }
}
