package dev.nexus.sessions.group;

import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.GroupUpdated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.MemberRoleChanged;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.group.GroupViews.CreateGroup;
import dev.nexus.sessions.group.GroupViews.GroupView;
import dev.nexus.sessions.group.GroupViews.InviteView;
import dev.nexus.sessions.group.GroupViews.MemberView;
import dev.nexus.sessions.group.GroupViews.UpdateGroup;
import dev.nexus.sessions.group.Membership.Role;
import dev.nexus.sessions.rsvp.RsvpService;
import dev.nexus.sessions.user.User;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response.Status;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Groups and their members. Who may do what:
 * <ul>
 * <li>PUBLIC groups are visible to everyone; PRIVATE ones are 404 to non-members.</li>
 * <li>Owners and organizers edit the group, create invites and remove members (organizers only
 * plain members).</li>
 * <li>Only the owner changes roles; handing over ownership makes the old owner an organizer, so
 * there is always exactly one owner. The owner cannot leave before handing over.</li>
 * </ul>
 */
@ApplicationScoped
public class GroupService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Outbox outbox;
    private final RsvpService rsvps;
    private final Duration inviteLifetime;

    public GroupService(Outbox outbox, RsvpService rsvps,
            @ConfigProperty(name = "nexus.sessions.invite-lifetime", defaultValue = "7d") Duration inviteLifetime) {
        this.outbox = outbox;
        this.rsvps = rsvps;
        this.inviteLifetime = inviteLifetime;
    }

    /** A group as the caller may see it, with the caller's membership (null when not a member). */
    public record Access(Group group, Membership membership) {

        Role role() {
            return membership == null ? null : membership.role;
        }
    }

    public record Joined(MemberView member, boolean isNew) {
    }

    @WithTransaction
    public Uni<GroupView> create(UUID caller, CreateGroup request) {
        Instant now = now();
        Group group = new Group();
        group.id = UUID.randomUUID();
        group.name = request.name().trim();
        group.description = request.description() == null ? "" : request.description().trim();
        group.visibility = request.visibility();
        group.timeZone = request.timeZone() == null ? "UTC" : request.timeZone();
        group.ownerId = caller;
        group.createdAt = now;
        Membership owner = Membership.of(group.id, caller, Role.OWNER, now);
        return group.persist()
                .chain(() -> owner.persist())
                .chain(() -> outbox.publish(new GroupCreated(group.id, group.name, group.visibility.name(), caller)))
                .chain(() -> outbox.publish(new MemberJoined(group.id, caller, Role.OWNER.name())))
                .map(ignored -> view(group, 1, Role.OWNER));
    }

    @WithSession
    public Uni<Page<GroupView>> list(UUID caller, String query, boolean mine, Cursor after, int limit) {
        StringBuilder hql = new StringBuilder(mine
                ? "from Group g where g.id in (select m.groupId from Membership m where m.userId = :caller)"
                : "from Group g where (g.visibility = :public"
                        + " or g.id in (select m.groupId from Membership m where m.userId = :caller))");
        Parameters params = Parameters.with("caller", caller);
        if (!mine) {
            params.and("public", Group.Visibility.PUBLIC);
        }
        if (query != null && !query.isBlank()) {
            hql.append(" and g.name ilike :q escape '\\'");
            params.and("q", "%" + query.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            hql.append(" and (g.createdAt < :at or (g.createdAt = :at and g.id < :id))");
            params.and("at", after.at()).and("id", after.id());
        }
        hql.append(" order by g.createdAt desc, g.id desc");
        return Group.<Group>find(hql.toString(), params).range(0, limit).list()
                .chain(groups -> views(caller, groups))
                .map(views -> Page.of(views, limit, v -> v, v -> new Cursor(v.createdAt(), v.id()).encode()));
    }

    @WithSession
    public Uni<GroupView> get(UUID caller, UUID groupId) {
        return visible(caller, groupId).chain(access -> countMembers(groupId)
                .map(count -> view(access.group(), count, access.role())));
    }

    @WithTransaction
    public Uni<GroupView> update(UUID caller, UUID groupId, UpdateGroup request) {
        return organizing(caller, groupId).chain(access -> {
            Group group = access.group();
            GroupView before = view(group, 0, null);
            if (request.name() != null) {
                group.name = request.name().trim();
            }
            if (request.description() != null) {
                group.description = request.description().trim();
            }
            if (request.visibility() != null) {
                group.visibility = request.visibility();
            }
            if (request.timeZone() != null) {
                group.timeZone = request.timeZone();
            }
            Uni<?> event = before.equals(view(group, 0, null))
                    ? Uni.createFrom().voidItem()
                    : outbox.publish(new GroupUpdated(group.id, group.name, group.visibility.name(), group.ownerId));
            return event.chain(() -> countMembers(groupId)).map(count -> view(group, count, access.role()));
        });
    }

    @WithTransaction
    public Uni<Joined> join(UUID caller, UUID groupId, String inviteCode) {
        return access(caller, groupId).chain(access -> {
            if (access.group() == null) {
                return Uni.createFrom().failure(groupNotFound());
            }
            if (access.membership() != null) {
                return withName(access.membership()).map(view -> new Joined(view, false));
            }
            Uni<Void> admitted = access.group().visibility == Group.Visibility.PUBLIC
                    ? Uni.createFrom().voidItem()
                    : checkInvite(groupId, inviteCode);
            Membership member = Membership.of(groupId, caller, Role.MEMBER, now());
            return admitted
                    .chain(() -> member.persist())
                    .chain(() -> outbox.publish(new MemberJoined(groupId, caller, Role.MEMBER.name())))
                    .chain(() -> withName(member))
                    .map(view -> new Joined(view, true));
        });
    }

    @WithSession
    public Uni<Page<MemberView>> members(UUID caller, UUID groupId, Cursor after, int limit) {
        return visible(caller, groupId).chain(access -> {
            String hql = "select m, u.displayName from Membership m left join User u on u.id = m.userId"
                    + " where m.groupId = :group"
                    + (after == null ? "" : " and (m.joinedAt > :at or (m.joinedAt = :at and m.id > :id))")
                    + " order by m.joinedAt, m.id";
            Parameters params = Parameters.with("group", groupId);
            if (after != null) {
                params.and("at", after.at()).and("id", after.id());
            }
            return Membership.find(hql, params).project(Object[].class).range(0, limit).list()
                    .map(rows -> Page.of(rows, limit,
                            row -> memberView((Membership) row[0], (String) row[1]),
                            row -> new Cursor(((Membership) row[0]).joinedAt, ((Membership) row[0]).id).encode()));
        });
    }

    /** Removes a member; removing oneself is leaving. */
    @WithTransaction
    public Uni<Void> remove(UUID caller, UUID groupId, UUID userId) {
        return visible(caller, groupId).chain(access -> member(groupId, userId).chain(target -> {
            if (caller.equals(userId)) {
                if (target.role == Role.OWNER) {
                    throw ProblemException.conflict("The owner cannot leave the group: hand ownership over first.");
                }
            } else if (access.role() == null || !access.role().organizes()) {
                throw ProblemException.forbidden("Only the group's owner and organizers can remove members.");
            } else if (target.role == Role.OWNER
                    || (access.role() == Role.ORGANIZER && target.role == Role.ORGANIZER)) {
                throw ProblemException.forbidden("Organizers can remove members only; the owner cannot be removed.");
            }
            return target.delete()
                    .chain(() -> outbox.publish(new MemberLeft(groupId, userId, target.role.name())))
                    .chain(() -> rsvps.withdraw(groupId, userId));
        }));
    }

    @WithTransaction
    public Uni<MemberView> changeRole(UUID caller, UUID groupId, UUID userId, Role role) {
        return visible(caller, groupId).chain(access -> {
            if (access.role() != Role.OWNER) {
                throw ProblemException.forbidden("Only the group's owner can change roles.");
            }
            return member(groupId, userId).chain(target -> {
                if (target.userId.equals(caller)) {
                    throw ProblemException.conflict("The owner keeps the owner role until handing it to another member.");
                }
                if (target.role == role) {
                    return withName(target);
                }
                target.role = role;
                Uni<?> events = outbox.publish(new MemberRoleChanged(groupId, userId, role.name()));
                if (role == Role.OWNER) {
                    Group group = access.group();
                    access.membership().role = Role.ORGANIZER;
                    group.ownerId = userId;
                    events = events
                            .chain(() -> outbox.publish(new MemberRoleChanged(groupId, caller, Role.ORGANIZER.name())))
                            .chain(() -> outbox.publish(
                                    new GroupUpdated(groupId, group.name, group.visibility.name(), userId)));
                }
                return events.chain(() -> withName(target));
            });
        });
    }

    @WithTransaction
    public Uni<InviteView> invite(UUID caller, UUID groupId, Integer maxUses) {
        return organizing(caller, groupId).chain(access -> {
            Invite invite = new Invite();
            byte[] bytes = new byte[12];
            RANDOM.nextBytes(bytes);
            invite.code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            invite.groupId = groupId;
            invite.createdBy = caller;
            invite.createdAt = now();
            invite.expiresAt = invite.createdAt.plus(inviteLifetime);
            invite.maxUses = maxUses;
            return invite.persist().map(ignored -> view(invite));
        });
    }

    /** Stops an invite from admitting anyone (owner and organizers); revoking it again changes nothing. */
    @WithTransaction
    public Uni<Void> revokeInvite(UUID caller, UUID groupId, String code) {
        return organizing(caller, groupId).chain(access -> Invite.<Invite>findById(code)).map(invite -> {
            if (invite == null || !invite.groupId.equals(groupId)) {
                throw ProblemException.notFound("This group has no such invite.");
            }
            if (invite.revokedAt == null) {
                invite.revokedAt = now();
            }
            return null;
        });
    }

    private static InviteView view(Invite invite) {
        return new InviteView(invite.code, invite.groupId, invite.expiresAt, invite.maxUses, invite.uses);
    }

    /** The group and the caller's membership; 404 when it does not exist or is private to others. */
    public Uni<Access> visible(UUID caller, UUID groupId) {
        return access(caller, groupId).map(access -> {
            if (access.group() == null
                    || (access.group().visibility == Group.Visibility.PRIVATE && access.membership() == null)) {
                throw groupNotFound();
            }
            return access;
        });
    }

    /** As {@link #visible}, and 403 unless the caller is its owner or an organizer. */
    public Uni<Access> organizing(UUID caller, UUID groupId) {
        return visible(caller, groupId).map(access -> {
            if (access.role() == null || !access.role().organizes()) {
                throw ProblemException.forbidden("Only the group's owner and organizers can do this.");
            }
            return access;
        });
    }

    private Uni<Access> access(UUID caller, UUID groupId) {
        return Group.<Group>findById(groupId).chain(group -> group == null
                ? Uni.createFrom().item(new Access(null, null))
                : Membership.<Membership>find("groupId = ?1 and userId = ?2", groupId, caller).firstResult()
                        .map(membership -> new Access(group, membership)));
    }

    private Uni<Membership> member(UUID groupId, UUID userId) {
        return Membership.<Membership>find("groupId = ?1 and userId = ?2", groupId, userId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("This user is not a member of the group."));
    }

    private Uni<Void> checkInvite(UUID groupId, String code) {
        if (code == null || code.isBlank()) {
            return Uni.createFrom().failure(groupNotFound());
        }
        // locked: two people joining with the last use of an invite cannot both get in
        return Invite.<Invite>findById(code, LockModeType.PESSIMISTIC_WRITE).map(invite -> {
            if (invite == null || !invite.groupId.equals(groupId)) {
                throw groupNotFound();
            }
            if (invite.revokedAt != null) {
                throw ProblemException.of(Status.GONE, "This invite was revoked. Ask an organizer of the group for a new one.");
            }
            if (invite.expiresAt.isBefore(Instant.now())) {
                throw ProblemException.of(Status.GONE, "This invite expired at " + invite.expiresAt
                        + ". Ask an organizer of the group for a new one.");
            }
            if (invite.maxUses != null && invite.uses >= invite.maxUses) {
                throw ProblemException.of(Status.GONE, "This invite has been used " + invite.uses
                        + " times, all it allows. Ask an organizer of the group for a new one.");
            }
            invite.uses++;
            return null;
        });
    }

    private Uni<Long> countMembers(UUID groupId) {
        return Membership.count("groupId", groupId);
    }

    /** Views for a page of groups: member counts and the caller's roles in two queries, not 2n. */
    private Uni<List<GroupView>> views(UUID caller, List<Group> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = groups.stream().map(g -> g.id).toList();
        Uni<Map<UUID, Long>> counts = Membership.find(
                        "select m.groupId, count(m) from Membership m where m.groupId in ?1 group by m.groupId", ids)
                .project(Object[].class).list()
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> (Long) r[1])));
        Uni<Map<UUID, Role>> roles = Membership.<Membership>find("userId = ?1 and groupId in ?2", caller, ids).list()
                .map(rows -> rows.stream().collect(Collectors.toMap(m -> m.groupId, m -> m.role)));
        return counts.chain(c -> roles.map(r -> groups.stream()
                .map(g -> view(g, c.getOrDefault(g.id, 0L), r.get(g.id)))
                .toList()));
    }

    private static Uni<MemberView> withName(Membership m) {
        return User.<User>findById(m.userId).map(u -> memberView(m, u == null ? null : u.displayName));
    }

    private static GroupView view(Group g, long memberCount, Role myRole) {
        return new GroupView(g.id, g.name, g.description, g.visibility, g.timeZone, g.ownerId, memberCount, myRole,
                g.createdAt);
    }

    private static MemberView memberView(Membership m, String displayName) {
        return new MemberView(m.userId, displayName, m.role, m.joinedAt);
    }

    @WithSession
    public Uni<List<UUID>> memberIds(UUID groupId) {
        return Membership.find("select m.userId from Membership m where m.groupId = ?1", groupId)
                .project(UUID.class).list();
    }

    /** The user's role in the group, or null when not a member. */
    @WithSession
    public Uni<Role> roleOf(UUID groupId, UUID userId) {
        return Membership.<Membership>find("groupId = ?1 and userId = ?2", groupId, userId).firstResult()
                .map(m -> m == null ? null : m.role);
    }

    public static ProblemException groupNotFound() {
        return ProblemException.notFound("No such group, or it is private and you are not a member.");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
