package dev.nexus.notes.access;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.MemberRoleChanged;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import dev.nexus.platform.memberships.GroupRole;
import dev.nexus.platform.memberships.Memberships;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who may see what: everything in a group is for its members only, and anyone else gets the same
 * 404 as for a group that does not exist. Roles come from the memberships projection, cached per
 * (group, user) and dropped after each membership event commits, so a join is visible as soon as
 * its event arrived (until then: 404, never a 500).
 */
@ApplicationScoped
public class GroupAccess implements EventHandler {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final String NONE = "\"NONE\"";

    private final HotCache cache;
    private final Memberships memberships;

    public GroupAccess(HotCache cache, Memberships memberships) {
        this.cache = cache;
        this.memberships = memberships;
    }

    /** The caller's role in the group; fails with 404 when they are not a member. */
    public Uni<GroupRole> member(UUID caller, UUID groupId) {
        return member(caller, groupId, GroupAccess::groupNotFound);
    }

    /** As {@link #member(UUID, UUID)}, failing with {@code notFound} (the thing in the group is 404 too). */
    public Uni<GroupRole> member(UUID caller, UUID groupId, Supplier<ProblemException> notFound) {
        return cache.get(key(groupId, caller), TTL, () -> Panache.withSession(() -> memberships.roleOf(groupId, caller))
                        .map(role -> role == null ? "NONE" : role.name()))
                .map(entry -> {
                    if (entry.json().equals(NONE)) {
                        throw notFound.get();
                    }
                    return GroupRole.valueOf(entry.json().replace("\"", ""));
                });
    }

    public static ProblemException groupNotFound() {
        return ProblemException.notFound("No such group, or you are not a member of it.");
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.GROUP_CREATED, EventType.GROUP_MEMBER_JOINED, EventType.GROUP_MEMBER_ROLE_CHANGED,
                EventType.GROUP_MEMBER_LEFT);
    }

    /**
     * The projection itself is kept by the platform's MembershipsProjection; once it committed, the
     * cached role of the member it changed goes.
     */
    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        String key = key(event.data());
        AfterCommit dropCachedRole = () -> cache.invalidate(key);
        return Uni.createFrom().item(dropCachedRole);
    }

    private static String key(EventPayload data) {
        if (data instanceof GroupCreated g) {
            return key(g.groupId(), g.ownerId());
        }
        if (data instanceof MemberJoined m) {
            return key(m.groupId(), m.userId());
        }
        if (data instanceof MemberRoleChanged m) {
            return key(m.groupId(), m.userId());
        }
        MemberLeft m = (MemberLeft) data;
        return key(m.groupId(), m.userId());
    }

    private static String key(UUID groupId, UUID userId) {
        return "group:" + groupId + ":role:" + userId;
    }
}
