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
}
