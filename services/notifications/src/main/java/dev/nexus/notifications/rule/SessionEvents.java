package dev.nexus.notifications.rule;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.RsvpChanged;
import dev.nexus.contracts.Events.SessionCancelled;
import dev.nexus.contracts.Events.SessionRescheduled;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.contracts.Events.WaitlistPromoted;
import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.delivery.Drafts;
import dev.nexus.notifications.email.Emails;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.projection.Groups;
import dev.nexus.notifications.projection.Rsvps;
import dev.nexus.notifications.projection.Sessions;
import dev.nexus.notifications.projection.Sessions.SessionInfo;
import dev.nexus.notifications.recipient.Person;
import dev.nexus.notifications.reminder.Reminders;
import dev.nexus.notifications.webhook.Webhooks;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.events.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Events of sessions and RSVPs (DESIGN §7). Each first updates the projections and re-plans the
 * reminders, then tells: a new session its group's members, a moved or cancelled one those who
 * answered GOING or MAYBE (every member if nobody did) and the group's webhooks, a waitlist promotion
 * the member promoted. Never the organizer who acted. A change that a newer change of the same session
 * or occurrence overtook tells nobody.
 */
@ApplicationScoped
public class SessionEvents implements EventHandler {

    private final Sessions sessions;
    private final Rsvps rsvps;
    private final Groups groups;
    private final Reminders reminders;
    private final Webhooks webhooks;
    private final Audience audience;
    private final Delivery delivery;
    private final Emails emails;

    public SessionEvents(Sessions sessions, Rsvps rsvps, Groups groups, Reminders reminders, Webhooks webhooks,
            Audience audience, Delivery delivery, Emails emails) {
        this.sessions = sessions;
        this.rsvps = rsvps;
        this.groups = groups;
        this.reminders = reminders;
        this.webhooks = webhooks;
        this.audience = audience;
        this.delivery = delivery;
        this.emails = emails;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.SESSION_SCHEDULED, EventType.SESSION_RESCHEDULED, EventType.SESSION_CANCELLED,
                EventType.SESSION_RSVP_CHANGED, EventType.SESSION_WAITLIST_PROMOTED);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        EventPayload data = event.data();
        Uni<Drafts> drafts;
        if (data instanceof SessionScheduled s) {
            drafts = scheduled(event, s);
        } else if (data instanceof SessionRescheduled s) {
            drafts = rescheduled(event, s);
        } else if (data instanceof SessionCancelled s) {
            drafts = cancelled(event, s);
        } else if (data instanceof RsvpChanged r) {
            drafts = rsvps.answered(r.sessionId(), r.userId(), r.status(), r.waitlisted(), event.time())
                    .chain(() -> reminders.plan(r.sessionId(), r.userId()))
                    .replaceWith(Drafts.NONE);
        } else {
            drafts = promoted(event, (WaitlistPromoted) data);
        }
        return drafts.chain(d -> delivery.store(event.id(), d));
    }

    /**
     * Every member but the organizer is told. The group is locked first: a member whose join another
     * replica is handling right now is not among them, and is told by that join (GroupEvents) instead.
     */
    private Uni<Drafts> scheduled(CloudEvent<?> event, SessionScheduled s) {
        Instant now = Instant.now();
        SessionInfo session = new SessionInfo(s.sessionId(), s.groupId(), s.title(), s.startsAt(), s.endsAt(),
                s.timeZone(), s.organizerId(), false, s.recurrence());
        return sessions.scheduled(session, event.id(), event.time())
                .chain(() -> reminders.plan(s.sessionId(), null))
                .chain(() -> groups.lock(s.groupId()))
                .chain(() -> audience.members(s.groupId()))
                .chain(members -> groups.name(s.groupId())
                        .call(group -> webhooks.announce(event, s.groupId(), Kind.SESSION_SCHEDULED,
                                "New session in " + group + ": " + s.title() + ", "
                                        + Texts.time(s.startsAt(), s.timeZone(), now) + " " + link(s.sessionId())))
                        .chain(group -> audience.drafts(members, s.organizerId(), p -> s.pollId() == null
                                ? toldOfScheduling(p, group, session, now)
                                : toldOfTimeSet(p, group, session, s.pollId(), now))));
    }

    /** What a member is told of a session that closing a poll scheduled. */
    static Draft toldOfTimeSet(Person p, String group, SessionInfo session, UUID pollId, Instant now) {
        return new Draft(p.id(), Kind.POLL_CLOSED, session.groupId(), "The time is set: " + session.title(),
                session.title() + " is scheduled for " + Texts.time(session.startsAt(), p.zone(), now)
                        + (session.recurrence() == null ? "" : " and repeats") + ", chosen by the poll in " + group
                        + ".", path(session.id()));
    }

    /** What a member is told of a newly scheduled session. */
    static Draft toldOfScheduling(Person p, String group, SessionInfo session, Instant now) {
        return new Draft(p.id(), Kind.SESSION_SCHEDULED, session.groupId(), "New session in " + group + ": "
                + session.title(), session.title() + " is scheduled for " + Texts.time(session.startsAt(), p.zone(), now)
                + ".", path(session.id()));
    }

    private Uni<Drafts> rescheduled(CloudEvent<?> event, SessionRescheduled s) {
        return known(s.sessionId()).chain(session -> (s.occurrenceStartsAt() == null
                        ? sessions.moved(s.sessionId(), s.startsAt(), s.endsAt(), s.recurrence(), event.time())
                        : sessions.occurrenceChanged(s.sessionId(), s.occurrenceStartsAt(), s.startsAt(), event.time()))
                .chain(newest -> newest ? toldOfMove(event, s, session) : NOBODY));
    }

    private Uni<Drafts> cancelled(CloudEvent<?> event, SessionCancelled s) {
        return known(s.sessionId()).chain(session -> (s.occurrenceStartsAt() == null
                        ? sessions.cancelled(s.sessionId()).replaceWith(true)
                        : sessions.occurrenceChanged(s.sessionId(), s.occurrenceStartsAt(), null, event.time()))
                .chain(newest -> newest ? toldOfCancel(event, s, session) : NOBODY));
    }

    private Uni<Drafts> promoted(CloudEvent<?> event, WaitlistPromoted w) {
        Instant now = Instant.now();
        return known(w.sessionId()).chain(session -> rsvps.answered(w.sessionId(), w.userId(), "GOING", false,
                        event.time())
                .chain(() -> reminders.plan(w.sessionId(), w.userId()))
                .chain(() -> audience.drafts(List.of(w.userId()), null, p -> new Draft(p.id(),
                        Kind.SESSION_WAITLIST_PROMOTED, w.groupId(), "You have a place: " + session.title(),
                        "A place opened up: you are going to " + session.title() + " on "
                                + Texts.time(session.startsAt(), p.zone(), now) + ".",
                        path(w.sessionId())))));
    }

    /** What an event that a newer change of the same session or occurrence overtook gives: nothing. */
    private static final Uni<Drafts> NOBODY = Uni.createFrom().item(Drafts.NONE);

    private Uni<Drafts> toldOfMove(CloudEvent<?> event, SessionRescheduled s, SessionInfo session) {
        Instant now = Instant.now();
        return toldOfChange(event, session, Kind.SESSION_RESCHEDULED,
                "Session moved: " + session.title() + ", now " + Texts.time(s.startsAt(), session.timeZone(), now) + " "
                        + link(session.id()),
                "Session moved: " + session.title(),
                p -> session.title() + " moved from " + Texts.time(s.previousStartsAt(), p.zone(), now) + " to "
                        + Texts.time(s.startsAt(), p.zone(), now) + ".");
    }

    private Uni<Drafts> toldOfCancel(CloudEvent<?> event, SessionCancelled s, SessionInfo session) {
        Instant now = Instant.now();
        Instant start = s.occurrenceStartsAt() != null ? s.occurrenceStartsAt() : session.startsAt();
        String reason = s.reason() == null || s.reason().isBlank() ? "" : " Reason: " + s.reason();
        return toldOfChange(event, session, Kind.SESSION_CANCELLED,
                "Session cancelled: " + session.title() + " on " + Texts.time(start, session.timeZone(), now) + "."
                        + reason,
                "Session cancelled: " + session.title(),
                p -> session.title() + " on " + Texts.time(start, p.zone(), now) + " is cancelled." + reason);
    }

    /** A change of a session: reminders re-planned, the group's webhooks and the audience told (not the organizer). */
    private Uni<Drafts> toldOfChange(CloudEvent<?> event, SessionInfo session, Kind kind, String webhookText, String title,
            Function<Person, String> body) {
        return reminders.plan(session.id(), null)
                .chain(() -> webhooks.announce(event, session.groupId(), kind, webhookText))
                .chain(() -> concerned(session))
                .chain(concerned -> audience.drafts(concerned, session.organizerId(), p -> new Draft(p.id(), kind,
                        session.groupId(), title, body.apply(p), path(session.id()))));
    }

    /** Rescheduling and cancelling tell those who answered GOING or MAYBE; if nobody did, every member. */
    private Uni<List<UUID>> concerned(SessionInfo session) {
        return rsvps.goingOrMaybe(session.id()).chain(answered -> answered.isEmpty()
                ? audience.members(session.groupId())
                : Uni.createFrom().item(answered));
    }

    /**
     * The session an event is about. Unknown here means its scheduling has not been handled yet
     * (another replica or consumer may be handling it right now): the inbox tries the event again later.
     */
    private Uni<SessionInfo> known(UUID sessionId) {
        return sessions.find(sessionId).onItem().ifNull()
                .failWith(() -> new Inbox.NotYet("session " + sessionId + " is not known here yet"));
    }

    private String link(UUID sessionId) {
        return emails.link(path(sessionId));
    }

    private static String path(UUID sessionId) {
        return "/api/v1/sessions/" + sessionId;
    }
}
