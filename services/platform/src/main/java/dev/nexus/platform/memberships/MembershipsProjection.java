package dev.nexus.platform.memberships;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.MemberRoleChanged;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the {@code group_members} table (migration {@code db/memberships}) of a consuming service
 * in step with sessions' {@code group.*} events: who is in which group with which role. The newest
 * event per member wins, whatever order they arrive in; a member who left stays as a row without
 * a role. Read it through {@link Memberships}.
 */
@ApplicationScoped
public class MembershipsProjection implements EventHandler {

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.GROUP_CREATED, EventType.GROUP_MEMBER_JOINED,
                EventType.GROUP_MEMBER_ROLE_CHANGED, EventType.GROUP_MEMBER_LEFT);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        if (event.data() instanceof GroupCreated g) {
            return upsert(event, g.groupId(), g.ownerId(), GroupRole.OWNER.name());
        }
        if (event.data() instanceof MemberJoined m) {
            return upsert(event, m.groupId(), m.userId(), m.role());
        }
        if (event.data() instanceof MemberRoleChanged m) {
            return upsert(event, m.groupId(), m.userId(), m.role());
        }
        MemberLeft m = (MemberLeft) event.data();
        return upsert(event, m.groupId(), m.userId(), null);
    }

    private Uni<AfterCommit> upsert(CloudEvent<?> event, UUID groupId, UUID userId, String role) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into group_members (group_id, user_id, role, updated_at) values (?1, ?2, ?3, ?4)
                        on conflict (group_id, user_id) do update set role = excluded.role,
                            updated_at = excluded.updated_at
                        where group_members.updated_at <= excluded.updated_at""")
                .setParameter(1, groupId)
                .setParameter(2, userId)
                .setParameter(3, role == null ? null : GroupRole.valueOf(role).name())
                .setParameter(4, event.time().atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .replaceWith(AfterCommit.NOTHING);
    }
}
