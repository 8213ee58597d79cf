package dev.nexus.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type of Nexus with its payload record. The routing key on the {@code nexus.events}
 * exchange is the type without the {@code nexus.} prefix. Changing a payload incompatibly means a
 * new {@code .v2} constant, never an edit of an existing one.
 */
public enum EventType {
    USER_REGISTERED("nexus.user.registered.v1", Events.UserRegistered.class),
    USER_UPDATED("nexus.user.updated.v1", Events.UserUpdated.class),
    USER_SIGNED_OUT("nexus.user.signed-out.v1", Events.UserSignedOut.class),
    GROUP_CREATED("nexus.group.created.v1", Events.GroupCreated.class),
    GROUP_UPDATED("nexus.group.updated.v1", Events.GroupUpdated.class),
    GROUP_MEMBER_JOINED("nexus.group.member-joined.v1", Events.MemberJoined.class),
    GROUP_MEMBER_LEFT("nexus.group.member-left.v1", Events.MemberLeft.class),
    GROUP_MEMBER_ROLE_CHANGED("nexus.group.member-role-changed.v1", Events.MemberRoleChanged.class),
    SESSION_SCHEDULED("nexus.session.scheduled.v1", Events.SessionScheduled.class),
    SESSION_RESCHEDULED("nexus.session.rescheduled.v1", Events.SessionRescheduled.class),
    SESSION_CANCELLED("nexus.session.cancelled.v1", Events.SessionCancelled.class),
    SESSION_RSVP_CHANGED("nexus.session.rsvp-changed.v1", Events.RsvpChanged.class),
    SESSION_WAITLIST_PROMOTED("nexus.session.waitlist-promoted.v1", Events.WaitlistPromoted.class),
    SESSION_ROTATION_PUBLISHED("nexus.session.rotation-published.v1", Events.RotationPublished.class),
    POLL_OPENED("nexus.poll.opened.v1", Events.PollOpened.class),
    POLL_ANSWERED("nexus.poll.answered.v1", Events.PollAnswered.class),
    POLL_CLOSED("nexus.poll.closed.v1", Events.PollClosed.class),
    NOTE_POSTED("nexus.note.posted.v1", Events.NotePosted.class),
    NOTE_UPDATED("nexus.note.updated.v1", Events.NoteUpdated.class),
    PROBLEM_POSTED("nexus.problem.posted.v1", Events.ProblemPosted.class),
    SOLUTION_POSTED("nexus.solution.posted.v1", Events.SolutionPosted.class),
    SOLUTION_ACCEPTED("nexus.solution.accepted.v1", Events.SolutionAccepted.class),
    COMMENT_ADDED("nexus.comment.added.v1", Events.CommentAdded.class);

    private static final String PREFIX = "nexus.";

    private final String type;
    private final Class<? extends EventPayload> payloadType;

    EventType(String type, Class<? extends EventPayload> payloadType) {
        this.type = type;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type}, e.g. {@code nexus.user.registered.v1}. */
    public String type() {
        return type;
    }

    /** The routing key on the exchange, e.g. {@code user.registered.v1}. */
    public String routingKey() {
        return type.substring(PREFIX.length());
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(Class<?> payloadType) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType == payloadType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payloadType.getName()));
    }
}
