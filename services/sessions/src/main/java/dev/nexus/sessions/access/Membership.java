package dev.nexus.sessions.access;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A user's membership of a group, with the role that decides what they may do there. */
@Entity
@Table(name = "memberships")
public class Membership extends PanacheEntityBase {

    public enum Role {
        OWNER, ORGANIZER, MEMBER;

        /** Owners and organizers run the group: edit it, invite, remove members, schedule. */
        public boolean organizes() {
            return this != MEMBER;
        }
    }

    @Id
    public UUID id;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    @Version
    public long version;

    public static Membership of(UUID groupId, UUID userId, Role role, Instant at) {
        Membership m = new Membership();
        m.id = UUID.randomUUID();
        m.groupId = groupId;
        m.userId = userId;
        m.role = role;
        m.joinedAt = at;
        return m;
    }
}
