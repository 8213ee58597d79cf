package dev.nexus.sessions.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One occurrence of a series that was cancelled or moved; the series itself is unchanged. */
@Entity
@Table(name = "occurrence_changes")
public class OccurrenceChange extends PanacheEntityBase {

    /** The session and the start its rule gives the occurrence (RFC 5545 RECURRENCE-ID). */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "session_id")
        public UUID sessionId;

        @Column(name = "original_start")
        public Instant originalStart;

        public Key() {
        }

        public Key(UUID sessionId, Instant originalStart) {
            this.sessionId = sessionId;
            this.originalStart = originalStart;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.sessionId.equals(sessionId) && k.originalStart.equals(originalStart);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, originalStart);
        }
    }

    @EmbeddedId
    public Key id;

    @Column(nullable = false)
    public boolean cancelled;

    /** The new start of a moved occurrence, or null. */
    @Column(name = "moved_to")
    public Instant movedTo;

    public String reason;
}
