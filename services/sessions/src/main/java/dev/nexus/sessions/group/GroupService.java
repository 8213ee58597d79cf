package dev.nexus.sessions.group;

import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.GroupUpdated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.MemberRoleChanged;
import dev.nexus.platform.audit.AuditLog;
import dev.nexus.platform.db.Transactions;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.access.Group;
import dev.nexus.sessions.access.GroupAccess;
import dev.nexus.sessions.access.Membership;
import dev.nexus.sessions.access.Membership.Role;
import dev.nexus.sessions.group.GroupViews.CreateGroup;
import dev.nexus.sessions.group.GroupViews.GroupView;
import dev.nexus.sessions.group.GroupViews.InviteView;
import dev.nexus.sessions.group.GroupViews.MemberView;
import dev.nexus.sessions.group.GroupViews.UpdateGroup;
import dev.nexus.sessions.rsvp.RsvpService;
import dev.nexus.sessions.session.SessionCache;
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
 * <li>PUBLIC groups are visible to everyone; PRIVATE ones are 404 to non-members ({@link GroupAccess}).</li>
 * <li>Owners and organizers edit the group, create invites and remove members (organizers only
 * plain members).</li>
 * <li>Only the owner changes roles; handing over ownership makes the old owner an organizer, so
 * there is always exactly one owner. The owner cannot leave before handing over.</li>
 * <li>A member who leaves or is removed withdraws their RSVPs to the group's sessions, in the same
 * transaction ({@link #remove}).</li>
 * </ul>
 * Once a change committed, it drops the cache entries it made stale and writes the audit trail
 * (removals, role changes, invites).
 */
@ApplicationScoped
public class GroupService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Outbox outbox;
    private final GroupAccess groupAccess;
    private final RsvpService rsvps;
    private final SessionCache cache;
    private final AuditLog audit;
    private final Duration inviteLifetime;

    public GroupService(Outbox outbox, GroupAccess groupAccess, RsvpService rsvps, SessionCache cache, AuditLog audit,
            @ConfigProperty(name = "nexus.sessions.invite-lifetime", defaultValue = "7d") Duration inviteLifetime) {
        this.outbox = outbox;
        this.groupAccess = groupAccess;
        this.rsvps = rsvps;
        this.cache = cache;
        this.audit = audit;
        this.inviteLifetime = inviteLifetime;
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
        return groupAccess.visible(caller, groupId).chain(access -> countMembers(groupId)
                .map(count -> view(access.group(), count, access.role())));
    }

    /** Absent fields stay as they are; the group's cached sessions carry its name and visibility, so they go. */
    public Uni<GroupView> update(UUID caller, UUID groupId, UpdateGroup request) {
        return Transactions.afterCommit(() -> groupAccess.organizing(caller, groupId).chain(access -> {
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
        }), view -> cache.groupChanged(groupId).replaceWith(view));
    }

    /** Joining again is harmless; either way the caller's cached access and agenda go. */
    public Uni<Joined> join(UUID caller, UUID groupId, String inviteCode) {
        return Transactions.afterCommit(() -> groupAccess.find(caller, groupId).chain(access -> {
            if (access.group() == null) {
                return Uni.createFrom().failure(GroupAccess.groupNotFound());
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
        }), joined -> cache.membershipChanged(groupId, caller).replaceWith(joined));
    }

    @WithSession
    public Uni<Page<MemberView>> members(UUID caller, UUID groupId, Cursor after, int limit) {
        return groupAccess.visible(caller, groupId).chain(access -> {
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

    /**
     * Removes a member; removing oneself is leaving. Everything that follows is here: their RSVPs to
     * the group's sessions are withdrawn in the same transaction (the places they held go to the
     * waitlists), and once it committed they lose their cached access and agenda at once.
     */
    public Uni<Void> remove(UUID caller, UUID groupId, UUID userId) {
        return Transactions.afterCommit(() -> deleteMembership(caller, groupId, userId),
                ignored -> cache.membershipChanged(groupId, userId)
                        .invoke(() -> audit.record(caller.equals(userId) ? "group.member-left" : "group.member-removed",
                                caller, Map.of("group", groupId.toString(), "member", userId.toString()))));
    }

    private Uni<Void> deleteMembership(UUID caller, UUID groupId, UUID userId) {
        return groupAccess.visible(caller, groupId).chain(access -> member(groupId, userId).chain(target -> {
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

    public Uni<MemberView> changeRole(UUID caller, UUID groupId, UUID userId, Role role) {
        return Transactions.afterCommit(() -> groupAccess.visible(caller, groupId).chain(access -> {
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
        }), member -> cache.membershipChanged(groupId, userId, caller)
                .invoke(() -> audit.record("group.role-changed", caller, Map.of("group", groupId.toString(),
                        "member", userId.toString(), "role", role.name())))
                .replaceWith(member));
    }

    public Uni<InviteView> invite(UUID caller, UUID groupId, Integer maxUses) {
        return Transactions.afterCommit(() -> groupAccess.organizing(caller, groupId).chain(access -> {
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
        }), invite -> {
            audit.record("group.invite-created", caller, Map.of("group", groupId.toString(),
                    "invite", AuditLog.shortened(invite.code()),
                    "maxUses", invite.maxUses() == null ? "unlimited" : invite.maxUses()));
            return Uni.createFrom().item(invite);
        });
    }

    /** Stops an invite from admitting anyone (owner and organizers); revoking it again changes nothing. */
    public Uni<Void> revokeInvite(UUID caller, UUID groupId, String code) {
        return Transactions.afterCommit(() -> groupAccess.organizing(caller, groupId)
                .chain(access -> Invite.<Invite>findById(code))
                .map(invite -> {
                    if (invite == null || !invite.groupId.equals(groupId)) {
                        throw ProblemException.notFound("This group has no such invite.");
                    }
                    if (invite.revokedAt == null) {
                        invite.revokedAt = now();
                    }
                    return null;
                }), ignored -> {
                    audit.record("group.invite-revoked", caller,
                            Map.of("group", groupId.toString(), "invite", AuditLog.shortened(code)));
                    return Uni.createFrom().voidItem();
                });
    }

    private static InviteView view(Invite invite) {
        return new InviteView(invite.code, invite.groupId, invite.expiresAt, invite.maxUses, invite.uses);
    }

    private Uni<Membership> member(UUID groupId, UUID userId) {
        return Membership.<Membership>find("groupId = ?1 and userId = ?2", groupId, userId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("This user is not a member of the group."));
    }

    private Uni<Void> checkInvite(UUID groupId, String code) {
        if (code == null || code.isBlank()) {
            return Uni.createFrom().failure(GroupAccess.groupNotFound());
        }
        // locked: two people joining with the last use of an invite cannot both get in
        return Invite.<Invite>findById(code, LockModeType.PESSIMISTIC_WRITE).map(invite -> {
            if (invite == null || !invite.groupId.equals(groupId)) {
                throw GroupAccess.groupNotFound();
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

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
