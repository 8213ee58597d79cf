package dev.nexus.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The payload of every Nexus event (DESIGN §3), one record per type. Payloads carry everything a
 * consumer needs, so that projections never call back. Adding a field is compatible; removing or
 * changing one needs a new type version.
 */
public final class Events {

    private Events() {
    }

    // identity

    /** The longest display name identity accepts; services that show users' names can rely on it. */
    public static final int MAX_DISPLAY_NAME = 80;

    public record UserRegistered(UUID userId, String displayName, String timeZone, String email) implements EventPayload {
        public String subject() {
            return userId.toString();
        }
    }

    public record UserUpdated(UUID userId, String displayName, String timeZone, String email) implements EventPayload {
        public String subject() {
            return userId.toString();
        }
    }

    /**
     * A login ended: logged out, or revoked because a used refresh token came back (a sign of theft).
     * {@code sessionId} is the login's id, the {@code sid} claim of its access tokens; services end
     * what that login holds open (notifications closes its live streams).
     *
     * @param reason {@code logout} or {@code refresh-token-reuse}
     */
    public record UserSignedOut(UUID userId, UUID sessionId, String reason) implements EventPayload {
        public String subject() {
            return userId.toString();
        }
    }

    // sessions: groups

    public record GroupCreated(UUID groupId, String name, String visibility, UUID ownerId) implements EventPayload {
        public String subject() {
            return groupId.toString();
        }
    }

    public record GroupUpdated(UUID groupId, String name, String visibility, UUID ownerId) implements EventPayload {
        public String subject() {
            return groupId.toString();
        }
    }

    public record MemberJoined(UUID groupId, UUID userId, String role) implements EventPayload {
        public String subject() {
            return groupId.toString();
        }
    }

    public record MemberLeft(UUID groupId, UUID userId, String role) implements EventPayload {
        public String subject() {
            return groupId.toString();
        }
    }

    public record MemberRoleChanged(UUID groupId, UUID userId, String role) implements EventPayload {
        public String subject() {
            return groupId.toString();
        }
    }

    // sessions: coding sessions

    /**
     * {@code recurrence} is an RFC 5545 RRULE or null; {@code capacity} is null when unlimited;
     * {@code pollId} names the availability poll whose closing scheduled it (added later: null in
     * older events and for a session scheduled directly).
     */
    public record SessionScheduled(UUID sessionId, UUID groupId, String title, Instant startsAt, Instant endsAt,
            String timeZone, UUID organizerId, Integer capacity, String recurrence, UUID pollId)
            implements EventPayload {

        /** A session scheduled directly, not by closing a poll. */
        public SessionScheduled(UUID sessionId, UUID groupId, String title, Instant startsAt, Instant endsAt,
                String timeZone, UUID organizerId, Integer capacity, String recurrence) {
            this(sessionId, groupId, title, startsAt, endsAt, timeZone, organizerId, capacity, recurrence, null);
        }

        public String subject() {
            return sessionId.toString();
        }
    }

    /**
     * {@code occurrenceStartsAt} names the one occurrence of a series that moved (its original
     * start); null when the session or the whole series moved. {@code recurrence} is the series'
     * rule after the change (null for a single session): a changed rule moves occurrences too.
     */
    public record SessionRescheduled(UUID sessionId, UUID groupId, Instant previousStartsAt, Instant previousEndsAt,
            Instant startsAt, Instant endsAt, Instant occurrenceStartsAt, String recurrence) implements EventPayload {
        public String subject() {
            return sessionId.toString();
        }
    }

    /** {@code occurrenceStartsAt}: the one cancelled occurrence of a series; null for the whole session. */
    public record SessionCancelled(UUID sessionId, UUID groupId, String reason, Instant occurrenceStartsAt)
            implements EventPayload {
        public String subject() {
            return sessionId.toString();
        }
    }

    public record RsvpChanged(UUID sessionId, UUID groupId, UUID userId, String status, boolean waitlisted)
            implements EventPayload {
        public String subject() {
            return sessionId.toString();
        }
    }

    public record WaitlistPromoted(UUID sessionId, UUID groupId, UUID userId) implements EventPayload {
        public String subject() {
            return sessionId.toString();
        }
    }

    // sessions: availability polls

    /** An organizer asks the group when to meet: {@code slots} candidate times, answers until {@code deadline}. */
    public record PollOpened(UUID pollId, UUID groupId, String title, UUID organizerId, Instant deadline, int slots)
            implements EventPayload {
        public String subject() {
            return pollId.toString();
        }
    }

    /** A member answered (or changed their answers to) a poll. */
    public record PollAnswered(UUID pollId, UUID groupId, UUID userId) implements EventPayload {
        public String subject() {
            return pollId.toString();
        }
    }

    /**
     * The organizer picked a slot: {@code sessionId} is the session (or series) it scheduled, which
     * is published as {@code session.scheduled} with this {@code pollId}; {@code respondents} are the
     * members who had answered.
     */
    public record PollClosed(UUID pollId, UUID groupId, String title, UUID organizerId, UUID sessionId,
            Instant startsAt, Instant endsAt, String timeZone, String recurrence, List<UUID> respondents)
            implements EventPayload {
        public String subject() {
            return pollId.toString();
        }
    }

    /**
     * The driver turns of one occurrence of a mob session, in order: {@code occurrenceStart} is its
     * start as occurrence lists show it. Publishing again for the same occurrence replaces them.
     */
    public record RotationPublished(UUID sessionId, UUID groupId, String title, Instant occurrenceStart,
            List<DriveTurn> turns) implements EventPayload {
        public String subject() {
            return sessionId.toString();
        }
    }

    /** One driver's turn at the keyboard, from {@code at} until {@code until}. */
    public record DriveTurn(UUID driverId, Instant at, Instant until) {
    }

    // notes

    /** {@code sessionId} is null when the note is not linked to a session. */
    public record NotePosted(UUID noteId, UUID groupId, UUID sessionId, UUID authorId, String title)
            implements EventPayload {
        public String subject() {
            return noteId.toString();
        }
    }

    public record NoteUpdated(UUID noteId, UUID groupId, UUID sessionId, UUID authorId, String title)
            implements EventPayload {
        public String subject() {
            return noteId.toString();
        }
    }

    public record ProblemPosted(UUID problemId, UUID groupId, UUID sessionId, UUID authorId, String title)
            implements EventPayload {
        public String subject() {
            return problemId.toString();
        }
    }

    public record SolutionPosted(UUID solutionId, UUID problemId, UUID groupId, UUID authorId) implements EventPayload {
        public String subject() {
            return solutionId.toString();
        }
    }

    /** {@code acceptedBy}: who accepted it (added later: null in older events). */
    public record SolutionAccepted(UUID solutionId, UUID problemId, UUID groupId, UUID authorId, UUID acceptedBy)
            implements EventPayload {
        public String subject() {
            return solutionId.toString();
        }
    }

    /** {@code targetType} is {@code NOTE} or {@code SOLUTION}. */
    public record CommentAdded(UUID commentId, String targetType, UUID targetId, UUID targetAuthorId, UUID groupId,
            UUID authorId, List<UUID> mentionedUserIds) implements EventPayload {
        public String subject() {
            return commentId.toString();
        }
    }
}
