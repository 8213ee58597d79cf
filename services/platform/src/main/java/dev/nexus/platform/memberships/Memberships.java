package dev.nexus.platform.memberships;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads of the memberships projection ({@link MembershipsProjection}); call inside a session. */
@ApplicationScoped
public class Memberships {

    /** A member with the display name the users projection knows ("" until it knows one). */
    public record Member(UUID userId, String displayName, GroupRole role) {
    }

    /** The user's role in the group; null when they are not (or not yet, or no longer) a member. */
    public Uni<GroupRole> roleOf(UUID groupId, UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select role from group_members where group_id = ?1 and user_id = ?2 and role is not null",
                        String.class)
                .setParameter(1, groupId)
                .setParameter(2, userId)
                .getResultList())
                .map(roles -> roles.isEmpty() ? null : GroupRole.valueOf(roles.get(0)));
    }

    /** Everyone currently in the group. */
    public Uni<List<Member>> members(UUID groupId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select m.user_id, coalesce(u.display_name, ''), m.role from group_members m
                        left join users u on u.id = m.user_id
                        where m.group_id = ?1 and m.role is not null""", Object[].class)
                .setParameter(1, groupId)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Member((UUID) r[0], (String) r[1], GroupRole.valueOf((String) r[2])))
                        .toList());
    }
}
