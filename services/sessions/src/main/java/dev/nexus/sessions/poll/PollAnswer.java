package dev.nexus.sessions.poll;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A member's answer to one slot of a poll. */
@Entity
@Table(name = "poll_answers")
public class PollAnswer extends PanacheEntityBase {

    public enum Answer {
        YES, IF_NEED_BE, NO
    }

    @Id
    public UUID id;

    @Column(name = "poll_id", nullable = false)
    public UUID pollId;

    @Column(name = "slot_id", nullable = false)
    public UUID slotId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Answer answer;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;
}
