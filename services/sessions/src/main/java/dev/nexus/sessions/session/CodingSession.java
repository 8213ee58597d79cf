package dev.nexus.sessions.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * A coding session of a group: one meeting, or a bounded series of them ({@link #recurrence}).
 * Times are stored in UTC; the IANA zone is kept for recurrence and display.
 */
@Entity
@Table(name = "coding_sessions")
public class CodingSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    /** Start of the first (or only) occurrence. */
    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** Null when unlimited. */
    public Integer capacity;

    /** An RFC 5545 RRULE (no prefix), or null for a single session. */
    public String recurrence;

    @Column(name = "meeting_url")
    public String meetingUrl;

    @Column(name = "organizer_id", nullable = false)
    public UUID organizerId;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(nullable = false)
    public int sequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }

    public ZonedDateTime firstStart() {
        return startsAt.atZone(ZoneId.of(timeZone));
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }
}
