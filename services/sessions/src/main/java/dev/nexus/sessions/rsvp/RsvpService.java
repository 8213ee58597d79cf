package dev.nexus.sessions.rsvp;

import dev.nexus.contracts.Events.RsvpChanged;
import dev.nexus.contracts.Events.WaitlistPromoted;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.access.GroupAccess;
import dev.nexus.sessions.rsvp.RsvpViews.AttendeeView;
import dev.nexus.sessions.rsvp.RsvpViews.RsvpView;
import dev.nexus.sessions.session.CodingSession;
import dev.nexus.platform.time.Recurrence;
import dev.nexus.sessions.session.SessionService;
import dev.nexus.sessions.session.Waitlist;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * RSVPs with a capacity and a FIFO waitlist. Every change locks the session row first
 * ({@code SELECT ... FOR UPDATE}), so concurrent answers are counted one after another and a
 * session is never overbooked; a freed place goes to the first in line in the same transaction.
 * Only members answer; anyone who can see the group reads the answers.
 */
@ApplicationScoped
public class RsvpService implements Waitlist {

    private final GroupAccess groupAccess;
    private final Outbox outbox;

    public RsvpService(GroupAccess groupAccess, Outbox outbox) {
        this.groupAccess = groupAccess;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<RsvpView> answer(UUID caller, UUID sessionId, Rsvp.Status status) {
        return CodingSession.<CodingSession>findById(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(SessionService::sessionNotFound)
                .call(session -> groupAccess.visible(caller, session.groupId, SessionService::sessionNotFound)
                        .invoke(access -> {
                            if (access.membership() == null) {
                                throw ProblemException.forbidden("Join the group to answer its sessions.");
                            }
                        }))
                .chain(session -> {
                    if (session.cancelled()) {
                        throw ProblemException.conflict("This session was cancelled.");
                    }
                    if (lastEnd(session).isBefore(Instant.now())) {
                        throw ProblemException.conflict("This session is over; it takes no more answers.");
                    }
                    return Rsvp.<Rsvp>find("sessionId = ?1 and userId = ?2", sessionId, caller).firstResult()
                            .chain(existing -> change(session, caller, existing, status));
                });
    }

    /** The caller's own answer with their waitlist position; status null when they have not answered. */
    @WithSession
    public Uni<RsvpView> mine(UUID caller, UUID sessionId) {
        return CodingSession.<CodingSession>findById(sessionId)
                .onItem().ifNull().failWith(SessionService::sessionNotFound)
                .call(session -> groupAccess.visible(caller, session.groupId, SessionService::sessionNotFound))
                .chain(session -> Rsvp.<Rsvp>find("sessionId = ?1 and userId = ?2", sessionId, caller).<Rsvp>firstResult())
                .chain(rsvp -> rsvp == null ? Uni.createFrom().item(new RsvpView(null, false, null)) : view(rsvp));
    }

    @WithSession
    public Uni<Page<AttendeeView>> attendees(UUID caller, UUID sessionId, Cursor after, int limit) {
        return CodingSession.<CodingSession>findById(sessionId)
                .onItem().ifNull().failWith(SessionService::sessionNotFound)
                .call(session -> groupAccess.visible(caller, session.groupId, SessionService::sessionNotFound))
                .chain(session -> {
                    String hql = "select r, u.displayName from Rsvp r left join User u on u.id = r.userId"
                            + " where r.sessionId = :session"
                            + (after == null ? "" : " and (r.respondedAt > :at or (r.respondedAt = :at and r.id > :id))")
                            + " order by r.respondedAt, r.id";
                    Parameters params = Parameters.with("session", sessionId);
                    if (after != null) {
                        params.and("at", after.at()).and("id", after.id());
                    }
                    return Rsvp.find(hql, params).project(Object[].class).range(0, limit).list()
                            .map(rows -> Page.of(rows, limit, row -> {
                                Rsvp r = (Rsvp) row[0];
                                return new AttendeeView(r.userId, (String) row[1], r.status, r.waitlisted, r.respondedAt);
                            }, row -> new Cursor(((Rsvp) row[0]).respondedAt, ((Rsvp) row[0]).id).encode()));
                });
    }

    @Override
    public Uni<Void> fillFreePlaces(CodingSession session) {
        if (session.cancelled()) {
            return Uni.createFrom().voidItem();
        }
        if (session.capacity == null) {
            return Rsvp.<Rsvp>find("sessionId = ?1 and waitlisted = true", session.id).list()
                    .chain(waiting -> promote(session, waiting));
        }
        return Rsvp.count("sessionId = ?1 and status = ?2 and waitlisted = false", session.id, Rsvp.Status.GOING)
                .chain(confirmed -> {
                    long free = session.capacity - confirmed;
                    if (free <= 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return Rsvp.<Rsvp>find("sessionId = ?1 and waitlisted = true order by waitlistedAt, id", session.id)
                            .range(0, (int) free - 1).list()
                            .chain(first -> promote(session, first));
                });
    }

    /**
     * A member left (or was removed from) the group: their answers to its sessions are withdrawn,
     * announced as DECLINED, and the places they held go to the waitlists. Runs in the transaction of
     * the removal ({@code GroupService.remove}), session rows locked one by one like any other change
     * of places.
     */
    public Uni<Void> withdraw(UUID groupId, UUID userId) {
        return Rsvp.<Rsvp>find("userId = ?1 and sessionId in (select s.id from CodingSession s where s.groupId = ?2)",
                        userId, groupId).list()
                .chain(answers -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Rsvp answer : answers) {
                        chain = chain.chain(() -> CodingSession.<CodingSession>findById(answer.sessionId,
                                        LockModeType.PESSIMISTIC_WRITE)
                                .chain(session -> answer.delete()
                                        .chain(() -> outbox.publish(new RsvpChanged(session.id, groupId, userId,
                                                Rsvp.Status.DECLINED.name(), false)))
                                        .chain(() -> answer.confirmed() ? fillFreePlaces(session) : Uni.createFrom().voidItem())));
                    }
                    return chain;
                });
    }

    /** When the session, or the last occurrence of a series, ends. */
    private static Instant lastEnd(CodingSession session) {
        if (session.recurrence == null) {
            return session.endsAt();
        }
        List<java.time.ZonedDateTime> starts = Recurrence.starts(session.recurrence, session.firstStart(),
                session.startsAt, session.startsAt.plus(java.time.Duration.ofDays(367)));
        return (starts.isEmpty() ? session.startsAt : starts.get(starts.size() - 1).toInstant())
                .plus(java.time.Duration.ofMinutes(session.durationMinutes));
    }

    private Uni<RsvpView> change(CodingSession session, UUID caller, Rsvp existing, Rsvp.Status status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (existing != null && existing.status == status) {
            return view(existing);
        }
        boolean freesAPlace = existing != null && existing.confirmed();
        // counted before the answer changes: a changed entity would be flushed first, and counted
        Uni<Boolean> placeFree = status != Rsvp.Status.GOING || session.capacity == null
                ? Uni.createFrom().item(true)
                : Rsvp.count("sessionId = ?1 and status = ?2 and waitlisted = false", session.id, Rsvp.Status.GOING)
                        .map(confirmed -> confirmed < session.capacity);
        return placeFree.chain(free -> {
            Rsvp rsvp = existing != null ? existing : newRsvp(session.id, caller, now);
            rsvp.status = status;
            rsvp.respondedAt = now;
            boolean waitlisted = status == Rsvp.Status.GOING && !free;
            rsvp.waitlisted = waitlisted;
            rsvp.waitlistedAt = waitlisted ? now : null;
            return rsvp.<Rsvp>persistAndFlush()
                    .chain(() -> outbox.publish(new RsvpChanged(session.id, session.groupId, caller, status.name(),
                            waitlisted)))
                    .chain(() -> freesAPlace ? fillFreePlaces(session) : Uni.createFrom().voidItem())
                    .chain(() -> view(rsvp));
        });
    }

    private Uni<Void> promote(CodingSession session, List<Rsvp> waiting) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Rsvp r : waiting) {
            r.waitlisted = false;
            r.waitlistedAt = null;
            chain = chain.chain(() -> outbox.publish(new WaitlistPromoted(session.id, session.groupId, r.userId)))
                    .chain(() -> outbox.publish(new RsvpChanged(session.id, session.groupId, r.userId,
                            Rsvp.Status.GOING.name(), false)))
                    .replaceWithVoid();
        }
        return chain.chain(Panache::flush);
    }

    private static Uni<RsvpView> view(Rsvp rsvp) {
        if (!rsvp.waitlisted) {
            return Uni.createFrom().item(new RsvpView(rsvp.status, false, null));
        }
        return Rsvp.count("sessionId = ?1 and waitlisted = true and (waitlistedAt < ?2 or (waitlistedAt = ?2 and id <= ?3))",
                        rsvp.sessionId, rsvp.waitlistedAt, rsvp.id)
                .map(position -> new RsvpView(rsvp.status, true, position.intValue()));
    }

    private static Rsvp newRsvp(UUID sessionId, UUID userId, Instant now) {
        Rsvp rsvp = new Rsvp();
        rsvp.id = UUID.randomUUID();
        rsvp.sessionId = sessionId;
        rsvp.userId = userId;
        rsvp.respondedAt = now;
        return rsvp;
    }
}
