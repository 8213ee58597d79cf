package dev.nexus.sessions.poll;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One candidate time of a poll: an instant and a duration. */
@Entity
@Table(name = "poll_slots")
public class PollSlot extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "poll_id", nullable = false)
    public UUID pollId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }
}
