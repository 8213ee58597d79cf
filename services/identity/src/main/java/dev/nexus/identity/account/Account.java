package dev.nexus.identity.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A person's account: the source of truth for users across Nexus. */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    /** The longest e-mail address accepted (RFC 5321's limit for a path). */
    public static final int MAX_EMAIL = 254;

    @Id
    public UUID id;

    /** Stored lower-cased: addresses are compared without case. */
    @Column(nullable = false, unique = true)
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;
}
