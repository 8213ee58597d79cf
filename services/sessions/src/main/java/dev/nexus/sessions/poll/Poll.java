package dev.nexus.sessions.poll;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An availability poll of a group: candidate slots ({@link PollSlot}) that members answer until it is closed. */
@Entity
@Table(name = "polls")
public class Poll extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    /** Where the chosen slot is scheduled: a series keeps its wall-clock time in this zone. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** Answers are taken until then; members who have not answered are reminded before it. */
    @Column(nullable = false)
    public Instant deadline;

    @Column(name = "organizer_id", nullable = false)
    public UUID organizerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "chosen_slot_id")
    public UUID chosenSlotId;

    /** The session (or series) that closing the poll scheduled. */
    @Column(name = "session_id")
    public UUID sessionId;

    @Version
    public long version;

    public boolean closed() {
        return closedAt != null;
    }
}
