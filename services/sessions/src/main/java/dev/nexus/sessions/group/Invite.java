package dev.nexus.sessions.group;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An invite code to a group; the only way into a private group. Reusable until it expires. */
@Entity
@Table(name = "invites")
public class Invite extends PanacheEntityBase {

    /** Codes are 12 random bytes in base64url without padding (GroupService.invite). */
    public static final int CODE_LENGTH = 16;
    /** The most uses an invite may be limited to (a bigger group needs no limit). */
    public static final int MAX_USES = 10_000;

    @Id
    public String code;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** How many joins it admits; null: as many as come before it expires. */
    @Column(name = "max_uses")
    public Integer maxUses;

    @Column(name = "uses", nullable = false)
    public int uses;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
