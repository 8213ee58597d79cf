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

/** A study group. Its members and their roles are {@link Membership}s. */
@Entity
@Table(name = "groups")
public class Group extends PanacheEntityBase {

    public enum Visibility {
        /** Anyone can see it and join. */
        PUBLIC,
        /** Invisible (404) to non-members; joined only with an invite code. */
        PRIVATE
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;
}
