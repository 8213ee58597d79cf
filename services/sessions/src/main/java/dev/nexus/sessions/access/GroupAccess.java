package dev.nexus.sessions.access;

import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.access.Membership.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who may see and run a group, for every feature: a PUBLIC group is visible to everyone, a PRIVATE
 * one only to its members and a 404 to anyone else (the same answer as for a group that does not
 * exist, so outsiders learn nothing); owners and organizers run it. What lives in a group (its
 * sessions, their RSVPs) is visible exactly when the group is, with its own 404. The checks run in
 * the caller's session (or transaction).
 */
@ApplicationScoped
public class GroupAccess {

    /** A group as the caller may see it, with the caller's membership (null when not a member). */
    public record Access(Group group, Membership membership) {

        public Role role() {
            return membership == null ? null : membership.role;
        }
    }

    /** The group (null when it does not exist) and the caller's membership, unchecked: joining needs it. */
    public Uni<Access> find(UUID caller, UUID groupId) {
        return Group.<Group>findById(groupId).chain(group -> group == null
                ? Uni.createFrom().item(new Access(null, null))
                : Membership.<Membership>find("groupId = ?1 and userId = ?2", groupId, caller).firstResult()
                        .map(membership -> new Access(group, membership)));
    }

    /** The group and the caller's membership; 404 when it does not exist or is private to others. */
    public Uni<Access> visible(UUID caller, UUID groupId) {
        return visible(caller, groupId, GroupAccess::groupNotFound);
    }

    /** As {@link #visible(UUID, UUID)}, failing with {@code notFound} (a thing in the group is a 404 of its own). */
    public Uni<Access> visible(UUID caller, UUID groupId, Supplier<ProblemException> notFound) {
        return find(caller, groupId).map(access -> {
            if (access.group() == null
                    || (access.group().visibility == Group.Visibility.PRIVATE && access.membership() == null)) {
                throw notFound.get();
            }
            return access;
        });
    }

    /** As {@link #visible(UUID, UUID)}, and 403 unless the caller is its owner or an organizer. */
    public Uni<Access> organizing(UUID caller, UUID groupId) {
        return organizing(caller, groupId, GroupAccess::groupNotFound);
    }

    /** As {@link #visible(UUID, UUID, Supplier)}, and 403 unless the caller is its owner or an organizer. */
    public Uni<Access> organizing(UUID caller, UUID groupId, Supplier<ProblemException> notFound) {
        return visible(caller, groupId, notFound).map(access -> {
            if (access.role() == null || !access.role().organizes()) {
                throw ProblemException.forbidden("Only the group's owner and organizers can do this.");
            }
            return access;
        });
    }

    /** The user's role in the group, or null when not a member. */
    @WithSession
    public Uni<Role> roleOf(UUID groupId, UUID userId) {
        return Membership.<Membership>find("groupId = ?1 and userId = ?2", groupId, userId).firstResult()
                .map(m -> m == null ? null : m.role);
    }

    @WithSession
    public Uni<List<UUID>> memberIds(UUID groupId) {
        return Membership.find("select m.userId from Membership m where m.groupId = ?1", groupId)
                .project(UUID.class).list();
    }

    public static ProblemException groupNotFound() {
        return ProblemException.notFound("No such group, or it is private and you are not a member.");
    }
}
