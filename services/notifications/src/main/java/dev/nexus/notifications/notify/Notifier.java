package dev.nexus.notifications.notify;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.CommentAdded;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.GroupUpdated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.ProblemPosted;
import dev.nexus.contracts.Events.RsvpChanged;
import dev.nexus.contracts.Events.SessionCancelled;
import dev.nexus.contracts.Events.SessionRescheduled;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.contracts.Events.SolutionAccepted;
import dev.nexus.contracts.Events.SolutionPosted;
import dev.nexus.contracts.Events.WaitlistPromoted;
import dev.nexus.notifications.inbox.Delivery;
import dev.nexus.notifications.notify.People.Person;
import dev.nexus.notifications.projection.Projections;
import dev.nexus.notifications.projection.Projections.ContentInfo;
import dev.nexus.notifications.projection.Projections.SessionInfo;
import dev.nexus.notifications.reminder.Reminders;
import dev.nexus.notifications.webhook.Webhooks;
import dev.nexus.notifications.email.Emails;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.events.Inbox;
import dev.nexus.platform.memberships.Memberships;
import dev.nexus.platform.memberships.Memberships.Member;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The notification rules of DESIGN §7: for each event, who is told what. It keeps the projections
 * the rules read, renders each text in the recipient's zone, never notifies the one who acted, and
 * hands the drafts to {@link Delivery}, which applies preferences and stores at most one
 * notification per event and recipient. Runs in the inbox transaction of the event.
 */
@ApplicationScoped
public class Notifier implements EventHandler {

    private final Projections projections;
    private final Memberships memberships;
    private final People people;
    private final Delivery delivery;
    private final Reminders reminders;
    private final Webhooks webhooks;
    private final Emails emails;

    public Notifier(Projections projections, Memberships memberships, People people, Delivery delivery,
            Reminders reminders, Webhooks webhooks, Emails emails) {
        this.emails = emails;
        this.reminders = reminders;
        this.webhooks = webhooks;
        this.projections = projections;
        this.memberships = memberships;
        this.people = people;
        this.delivery = delivery;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.GROUP_CREATED, EventType.GROUP_UPDATED, EventType.GROUP_MEMBER_JOINED,
                EventType.SESSION_SCHEDULED, EventType.SESSION_RESCHEDULED, EventType.SESSION_CANCELLED,
                EventType.SESSION_RSVP_CHANGED, EventType.SESSION_WAITLIST_PROMOTED, EventType.NOTE_POSTED,
                EventType.PROBLEM_POSTED, EventType.SOLUTION_POSTED, EventType.SOLUTION_ACCEPTED,
                EventType.COMMENT_ADDED);
    }

    @Override
    public Uni<Void> handle(CloudEvent<? extends EventPayload> event) {
        return drafts(event).chain(drafts -> delivery.store(event.id(), drafts.drafts(), drafts.recipients()));
    }

    @Override
    public Uni<Void> afterCommit(CloudEvent<? extends EventPayload> event) {
        return delivery.push(event.id());
    }

    private Uni<Drafts> drafts(CloudEvent<? extends EventPayload> event) {
        EventPayload data = event.data();
        Instant now = Instant.now();
        if (data instanceof GroupCreated g) {
            return projections.group(g.groupId(), g.name()).replaceWith(Drafts.NONE);
        }
        if (data instanceof GroupUpdated g) {
            return projections.group(g.groupId(), g.name()).replaceWith(Drafts.NONE);
        }
        if (data instanceof MemberJoined m) {
            if (m.role().equals("OWNER")) {
                return Uni.createFrom().item(Drafts.NONE); // the group's creator
            }
            return memberships.members(m.groupId()).chain(members -> projections.groupName(m.groupId())
                    .chain(group -> people.of(m.userId())
                            .call(joiner -> webhooks.announce(event.id(), m.groupId(), "group.member-joined",
                                    joiner.name() + " joined " + group + "."))
                            .chain(joiner -> render(
                            ids(members, true), m.userId(), p -> new Draft(p.id(), "group.member-joined", m.groupId(),
                                    joiner.name() + " joined " + group,
                                    joiner.name() + " is now a member of " + group + ".",
                                    "/api/v1/groups/" + m.groupId() + "/members")))));
        }
        if (data instanceof SessionScheduled s) {
            return projections.sessionScheduled(s.sessionId(), s.groupId(), s.title(), s.startsAt(), s.endsAt(),
                            s.timeZone(), s.organizerId(), s.recurrence())
                    .chain(() -> reminders.plan(s.sessionId(), null))
                    .chain(() -> memberships.members(s.groupId()))
                    .chain(members -> projections.groupName(s.groupId())
                            .call(group -> webhooks.announce(event.id(), s.groupId(), "session.scheduled",
                                    "New session in " + group + ": " + s.title() + ", "
                                            + Texts.time(s.startsAt(), s.timeZone(), now) + " " + link(sessionLink(s.sessionId()))))
                            .chain(group -> render(ids(members, false),
                            s.organizerId(), p -> new Draft(p.id(), "session.scheduled", s.groupId(),
                                    "New session in " + group + ": " + s.title(),
                                    s.title() + " is scheduled for " + Texts.time(s.startsAt(), p.zone(), now) + ".",
                                    sessionLink(s.sessionId())))));
        }
        if (data instanceof SessionRescheduled s) {
            return knownSession(s.sessionId()).chain(session -> (s.occurrenceStartsAt() == null
                            ? projections.sessionMoved(s.sessionId(), s.startsAt(), s.endsAt(), s.recurrence(), event.time())
                            : projections.occurrenceChanged(s.sessionId(), s.occurrenceStartsAt(), s.startsAt(),
                                    event.time()))
                    .chain(newest -> newest ? rescheduled(event.id(), s, session, now) : NOTHING));
        }
        if (data instanceof SessionCancelled s) {
            return knownSession(s.sessionId()).chain(session -> (s.occurrenceStartsAt() == null
                            ? projections.sessionCancelled(s.sessionId()).replaceWith(true)
                            : projections.occurrenceChanged(s.sessionId(), s.occurrenceStartsAt(), null, event.time()))
                    .chain(newest -> newest ? cancelled(event.id(), s, session, now) : NOTHING));
        }
        if (data instanceof RsvpChanged r) {
            return projections.rsvp(r.sessionId(), r.userId(), r.status(), r.waitlisted(), event.time())
                    .chain(() -> reminders.plan(r.sessionId(), r.userId()))
                    .replaceWith(Drafts.NONE);
        }
        if (data instanceof WaitlistPromoted w) {
            return knownSession(w.sessionId()).chain(session -> projections.rsvp(w.sessionId(), w.userId(), "GOING",
                            false, event.time())
                    .chain(() -> reminders.plan(w.sessionId(), w.userId()))
                    .chain(() -> render(List.of(w.userId()), null, p -> new Draft(p.id(), "session.waitlist-promoted",
                                    w.groupId(), "You have a place: " + session.title(),
                                    "A place opened up: you are going to " + session.title() + " on "
                                            + Texts.time(session.startsAt(), p.zone(), now) + ".",
                                    sessionLink(w.sessionId())))));
        }
        if (data instanceof NotePosted n) {
            return projections.content(n.noteId(), "NOTE", n.groupId(), n.authorId(), null, n.title())
                    .chain(() -> memberships.members(n.groupId()))
                    .chain(members -> people.of(n.authorId())
                            .call(author -> webhooks.announce(event.id(), n.groupId(), "note.posted", author.name()
                                    + " posted the note \"" + n.title() + "\" " + link("/api/v1/notes/" + n.noteId())))
                            .chain(author -> render(ids(members, false), n.authorId(),
                            p -> new Draft(p.id(), "note.posted", n.groupId(), "New note: " + n.title(),
                                    author.name() + " posted the note \"" + n.title() + "\".",
                                    "/api/v1/notes/" + n.noteId()))));
        }
        if (data instanceof ProblemPosted p) {
            return projections.content(p.problemId(), "PROBLEM", p.groupId(), p.authorId(), null, p.title())
                    .replaceWith(Drafts.NONE);
        }
        if (data instanceof SolutionPosted s) {
            // the problem's author and everyone who solved it before; never the solution's text
            return knownProblem(s.problemId()).chain(problem -> projections.solvers(s.problemId())
                    .chain(solvers -> projections.content(s.solutionId(), "SOLUTION", s.groupId(), s.authorId(),
                                    s.problemId(), "")
                            .chain(() -> people.of(s.authorId()))
                            .chain(author -> {
                                Set<UUID> recipients = new LinkedHashSet<>(solvers);
                                recipients.add(problem.authorId());
                                String title = "\"" + problem.title() + "\"";
                                return render(recipients, s.authorId(), p -> new Draft(p.id(), "solution.posted",
                                        s.groupId(), "New solution to " + title,
                                        author.name() + " posted a solution to " + title + ".",
                                        "/api/v1/problems/" + s.problemId() + "/solutions"));
                            })));
        }
        if (data instanceof SolutionAccepted s) {
            return knownProblem(s.problemId()).chain(problem -> {
                String title = "\"" + problem.title() + "\"";
                // events from before acceptedBy existed: assume the problem's author accepted
                UUID acceptedBy = s.acceptedBy() != null ? s.acceptedBy() : problem.authorId();
                return render(List.of(s.authorId()), acceptedBy, p -> new Draft(p.id(), "solution.accepted",
                        s.groupId(), "Your solution was accepted",
                        "Your solution to " + title + " was accepted.", "/api/v1/solutions/" + s.solutionId()));
            });
        }
        CommentAdded c = (CommentAdded) data;
        String target = c.targetType().equals("NOTE") ? "note" : "solution";
        String link = (c.targetType().equals("NOTE") ? "/api/v1/notes/" : "/api/v1/solutions/") + c.targetId();
        Set<UUID> recipients = new LinkedHashSet<>();
        if (c.targetAuthorId() != null) {
            recipients.add(c.targetAuthorId());
        }
        recipients.addAll(c.mentionedUserIds() == null ? List.of() : c.mentionedUserIds());
        return people.of(c.authorId()).chain(author -> render(recipients, c.authorId(), p -> p.id()
                .equals(c.targetAuthorId())
                        ? new Draft(p.id(), "comment.added", c.groupId(), author.name() + " commented on your " + target,
                                author.name() + " commented on your " + target + ".", link)
                        : new Draft(p.id(), "comment.added", c.groupId(), author.name() + " mentioned you",
                                author.name() + " mentioned you in a comment on a " + target + ".", link)));
    }

    /** What an event that a newer change of the same session or occurrence overtook gives: nothing. */
    private static final Uni<Drafts> NOTHING = Uni.createFrom().item(Drafts.NONE);

    private Uni<Drafts> rescheduled(UUID eventId, SessionRescheduled s, SessionInfo session, Instant now) {
        return toldOfChange(eventId, session, "session.rescheduled",
                "Session moved: " + session.title() + ", now " + Texts.time(s.startsAt(), session.timeZone(), now) + " "
                        + link(sessionLink(session.id())),
                "Session moved: " + session.title(),
                p -> session.title() + " moved from " + Texts.time(s.previousStartsAt(), p.zone(), now) + " to "
                        + Texts.time(s.startsAt(), p.zone(), now) + ".");
    }

    private Uni<Drafts> cancelled(UUID eventId, SessionCancelled s, SessionInfo session, Instant now) {
        Instant start = s.occurrenceStartsAt() != null ? s.occurrenceStartsAt() : session.startsAt();
        String reason = s.reason() == null || s.reason().isBlank() ? "" : " Reason: " + s.reason();
        return toldOfChange(eventId, session, "session.cancelled",
                "Session cancelled: " + session.title() + " on " + Texts.time(start, session.timeZone(), now) + "."
                        + reason,
                "Session cancelled: " + session.title(),
                p -> session.title() + " on " + Texts.time(start, p.zone(), now) + " is cancelled." + reason);
    }

    /** A change of a session: reminders re-planned, the group's webhooks and the audience told (not the organizer). */
    private Uni<Drafts> toldOfChange(UUID eventId, SessionInfo session, String type, String webhookText, String title,
            Function<Person, String> body) {
        return reminders.plan(session.id(), null)
                .chain(() -> webhooks.announce(eventId, session.groupId(), type, webhookText))
                .chain(() -> audience(session))
                .chain(audience -> render(audience, session.organizerId(), p -> new Draft(p.id(), type,
                        session.groupId(), title, body.apply(p), sessionLink(session.id()))));
    }

    /**
     * The session an event is about. Unknown here means its scheduling has not been handled yet
     * (another replica or consumer may be handling it right now): the inbox tries the event again later.
     */
    private Uni<SessionInfo> knownSession(UUID sessionId) {
        return projections.session(sessionId).onItem().ifNull()
                .failWith(() -> new Inbox.NotYet("session " + sessionId + " is not known here yet"));
    }

    /** The problem a solution event is about; unknown here: tried again later, as for sessions. */
    private Uni<ContentInfo> knownProblem(UUID problemId) {
        return projections.content(problemId).onItem().ifNull()
                .failWith(() -> new Inbox.NotYet("problem " + problemId + " is not known here yet"));
    }

    /** Rescheduling and cancelling tell those who answered GOING or MAYBE; if nobody did, every member. */
    private Uni<Collection<UUID>> audience(SessionInfo session) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select user_id from rsvps where session_id = ?1 and status in ('GOING', 'MAYBE')", UUID.class)
                .setParameter(1, session.id())
                .getResultList())
                .chain(answered -> answered.isEmpty()
                        ? memberships.members(session.groupId()).map(members -> ids(members, false))
                        : Uni.createFrom().item(answered));
    }

    /** One draft per recipient but the actor, each rendered with the recipient's name and zone. */
    private Uni<Drafts> render(Collection<UUID> recipients, UUID actor, Function<Person, Draft> draft) {
        List<UUID> others = recipients.stream().filter(r -> !r.equals(actor)).distinct().toList();
        return people.of(others).map(found -> {
            List<Draft> drafts = new ArrayList<>(others.size());
            others.forEach(id -> drafts.add(draft.apply(found.get(id))));
            return new Drafts(drafts, found);
        });
    }

    /** An event's drafts with their recipients as read for rendering (so delivery need not read them again). */
    private record Drafts(List<Draft> drafts, Map<UUID, Person> recipients) {
        static final Drafts NONE = new Drafts(List.of(), Map.of());
    }

    private static List<UUID> ids(List<Member> members, boolean organizersOnly) {
        return members.stream().filter(m -> !organizersOnly || m.role().organizes()).map(Member::userId).toList();
    }

    private String link(String path) {
        return emails.link(path);
    }

    private static String sessionLink(UUID sessionId) {
        return "/api/v1/sessions/" + sessionId;
    }
}
