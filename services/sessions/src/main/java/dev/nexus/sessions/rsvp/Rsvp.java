package dev.nexus.sessions.rsvp;

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

/** A member's answer to a session (for a series: to the whole series). */
@Entity
@Table(name = "rsvps")
public class Rsvp extends PanacheEntityBase {

    public enum Status {
        GOING, MAYBE, DECLINED
    }

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** GOING, but the session was full: waits for a place, first come first served. */
    @Column(nullable = false)
    public boolean waitlisted;

    @Column(name = "waitlisted_at")
    public Instant waitlistedAt;

    @Column(name = "responded_at", nullable = false)
    public Instant respondedAt;

    @Version
    public long version;

    /** Holds one of the session's places. */
    public boolean confirmed() {
        return status == Status.GOING && !waitlisted;
    }
}
