package dev.nexus.sessions.session;

import dev.nexus.platform.time.Recurrence;
import dev.nexus.contracts.Events.SessionCancelled;
import dev.nexus.contracts.Events.SessionRescheduled;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.db.Transactions;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.http.Versions;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.access.Group;
import dev.nexus.sessions.access.GroupAccess;
import dev.nexus.sessions.session.CallerZone.Localized;
import dev.nexus.sessions.session.SessionViews.OccurrenceView;
import dev.nexus.sessions.session.SessionViews.ScheduleSession;
import dev.nexus.sessions.session.SessionViews.SessionView;
import dev.nexus.sessions.session.SessionViews.UpdateSession;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Coding sessions: scheduling (owners and organizers), reading (anyone who can see the group),
 * listing as occurrences, rescheduling with optimistic locking, cancelling. Once a write committed,
 * it drops the cache entries it made stale and answers the session in the caller's zone
 * ({@code committed}).
 */
@ApplicationScoped
public class SessionService {

    /** Longest allowed duration: a query window widened by it finds sessions still running. */
    private static final Duration LONGEST = Duration.ofMinutes(720);
    static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final GroupAccess groupAccess;
    private final Waitlist waitlist;
    private final SessionCache cache;
    private final CallerZone zones;
    private final Outbox outbox;

    public SessionService(GroupAccess groupAccess, Waitlist waitlist, SessionCache cache, CallerZone zones,
            Outbox outbox) {
        this.groupAccess = groupAccess;
        this.waitlist = waitlist;
        this.cache = cache;
        this.zones = zones;
        this.outbox = outbox;
    }

    public Uni<Localized> schedule(UUID caller, UUID groupId, ScheduleSession request) {
        return Transactions.afterCommit(() -> groupAccess.organizing(caller, groupId)
                .chain(access -> create(caller, groupId, request, null)).map(SessionService::view), this::committed);
    }

    /**
     * Persists a new session organized by {@code organizer} and publishes session.scheduled, in the
     * transaction that is open; the caller has checked that the organizer may. {@code pollId} names
     * the poll whose closing schedules it, or is null. Drop the cache entries once it committed
     * ({@link SessionCache#sessionChanged}).
     */
    public Uni<CodingSession> create(UUID organizer, UUID groupId, ScheduleSession request, UUID pollId) {
        ZonedDateTime start = request.startsAt().atZoneSameInstant(ZoneId.of(request.timeZone()));
        if (start.toInstant().isBefore(Instant.now())) {
            throw ProblemException.invalidField("startsAt", "is in the past");
        }
        CodingSession session = new CodingSession();
        session.id = UUID.randomUUID();
        session.groupId = groupId;
        session.title = request.title().trim();
        session.description = request.description() == null ? "" : request.description().trim();
        session.startsAt = start.toInstant().truncatedTo(ChronoUnit.SECONDS);
        session.durationMinutes = request.durationMinutes();
        session.timeZone = request.timeZone();
        session.capacity = request.capacity();
        session.recurrence = request.recurrence() == null || request.recurrence().isBlank()
                ? null
                : Recurrence.validate(request.recurrence(), start);
        session.meetingUrl = request.meetingUrl();
        session.organizerId = organizer;
        session.createdAt = Instant.now();
        return session.persist()
                .chain(() -> outbox.publish(new SessionScheduled(session.id, groupId, session.title, session.startsAt,
                        session.endsAt(), session.timeZone, organizer, session.capacity, session.recurrence, pollId)))
                .replaceWith(session);
    }

    /** After a write committed: the session, its group's list and its members' agendas leave the cache. */
    private Uni<Localized> committed(SessionView view) {
        return cache.sessionChanged(view.id(), view.groupId())
                .map(ignored -> zones.localize(view, Versions.etag(view.version())));
    }

    /** A session with what its cache entry needs: the group's id and visibility, and its ETag. */
    @WithSession
    public Uni<HotCache.Value> cacheable(UUID sessionId) {
        return CodingSession.<CodingSession>findById(sessionId)
                .onItem().ifNull().failWith(SessionService::sessionNotFound)
                .chain(session -> Group.<Group>findById(session.groupId).map(group -> new HotCache.Value(view(session),
                        SessionCache.Seen.of(group), "\"v" + session.version + "\"")));
    }

    /** The default first page of a group's occurrences (from now, 90 days), for its cache entry. */
    @WithSession
    public Uni<HotCache.Value> upcoming(UUID groupId) {
        return Group.<Group>findById(groupId)
                .onItem().ifNull().failWith(GroupAccess::groupNotFound)
                .chain(group -> {
                    Instant now = Instant.now();
                    return page("groupId = ?1", groupId, now, now.plus(DEFAULT_WINDOW), null, Cursor.DEFAULT_LIMIT)
                            .map(page -> new HotCache.Value(page, SessionCache.Seen.of(group), null));
                });
    }

    /** The default first page of a user's agenda, for its cache entry. */
    @WithSession
    public Uni<Page<OccurrenceView>> upcomingAgenda(UUID userId) {
        Instant now = Instant.now();
        return agenda(userId, now, now.plus(DEFAULT_WINDOW), null, Cursor.DEFAULT_LIMIT);
    }

    @WithSession
    public Uni<List<UUID>> idsOf(UUID groupId) {
        return CodingSession.find("select s.id from CodingSession s where s.groupId = ?1", groupId)
                .project(UUID.class).list();
    }

    /** Occurrences starting in [from, to) or still running at {@code from}, in time order. */
    @WithSession
    public Uni<Page<OccurrenceView>> occurrences(UUID caller, UUID groupId, Instant from, Instant to, Cursor after,
            int limit) {
        return groupAccess.visible(caller, groupId).chain(() -> page(
                "groupId = ?1", groupId, from, to, after, limit));
    }

    /** The caller's agenda: occurrences of the sessions of every group they belong to. */
    @WithSession
    public Uni<Page<OccurrenceView>> agenda(UUID caller, Instant from, Instant to, Cursor after, int limit) {
        return page("groupId in (select m.groupId from Membership m where m.userId = ?1)", caller, from, to, after, limit);
    }

    /**
     * The first {@code limit} occurrences of each of several groups in one read, for clients that
     * show many groups at once; a group the caller may not see (or that does not exist) gets none.
     */
    @WithSession
    public Uni<List<GroupOccurrences>> occurrencesOfGroups(UUID caller, List<UUID> groupIds, Instant from, Instant to,
            int limit) {
        return Group.<Group>find("select g from Group g where g.id in ?1 and (g.visibility = ?2 or exists"
                                + " (select 1 from Membership m where m.groupId = g.id and m.userId = ?3))",
                        groupIds, Group.Visibility.PUBLIC, caller).list()
                .chain(visible -> (visible.isEmpty() ? Uni.createFrom().item(List.<OccurrenceView>of())
                                : sessionsIn("groupId in ?1", visible.stream().map(g -> g.id).toList(), from, to))
                        .map(all -> {
                            Map<UUID, List<OccurrenceView>> byGroup = all.stream()
                                    .collect(Collectors.groupingBy(OccurrenceView::groupId));
                            return groupIds.stream().distinct().map(id -> new GroupOccurrences(id,
                                    pageOf(byGroup.getOrDefault(id, List.of()), null, limit))).toList();
                        }));
    }

    /** One group's occurrences in a read of several groups. */
    public record GroupOccurrences(UUID groupId, Page<OccurrenceView> page) {
    }

    /** Occurrences of the sessions matching {@code scope} (a condition on ?1). */
    private Uni<Page<OccurrenceView>> page(String scope, Object scopeParam, Instant from, Instant to, Cursor after,
            int limit) {
        return sessionsIn(scope, scopeParam, from, to).map(all -> pageOf(all, after, limit));
    }

    /** Every occurrence in the window of the sessions matching {@code scope}, in time order. */
    private Uni<List<OccurrenceView>> sessionsIn(String scope, Object scopeParam, Instant from, Instant to) {
        return CodingSession.<CodingSession>find(scope + " and cancelledAt is null and startsAt < ?2"
                                + " and (startsAt >= ?3 or (recurrence is not null and startsAt >= ?4))",
                        scopeParam, to, from.minus(LONGEST), from.minus(MAX_WINDOW).minus(LONGEST)).list()
                .chain(sessions -> changesOf(sessions).map(changes -> {
                    List<OccurrenceView> all = new ArrayList<>();
                    for (CodingSession s : sessions) {
                        all.addAll(occurrencesOf(s, changes.getOrDefault(s.id, List.of()), from, to));
                    }
                    all.sort(Comparator.comparing(OccurrenceView::startsAt).thenComparing(OccurrenceView::sessionId));
                    return all;
                }));
    }

    private static Page<OccurrenceView> pageOf(List<OccurrenceView> all, Cursor after, int limit) {
        List<OccurrenceView> rest = after == null ? all : all.stream()
                .filter(o -> o.startsAt().toInstant().isAfter(after.at())
                        || (o.startsAt().toInstant().equals(after.at()) && o.sessionId().compareTo(after.id()) > 0))
                .toList();
        return Page.of(rest.subList(0, Math.min(rest.size(), limit + 1)), limit, o -> o,
                o -> new Cursor(o.startsAt().toInstant(), o.sessionId()).encode());
    }

    /** The cancelled and moved occurrences of these series, by session. */
    public static Uni<Map<UUID, List<OccurrenceChange>>> changesOf(List<CodingSession> sessions) {
        List<UUID> series = sessions.stream().filter(s -> s.recurrence != null).map(s -> s.id).toList();
        if (series.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return OccurrenceChange.<OccurrenceChange>find("id.sessionId in ?1", series).list()
                .map(changes -> changes.stream().collect(Collectors.groupingBy(c -> c.id.sessionId)));
    }

    /**
     * Cancels one occurrence of a series, named by its start as lists show it (the rule's start, or
     * where it was moved to), leaving the series as it is. Cancelling it again changes nothing.
     */
    public Uni<Localized> cancelOccurrence(UUID caller, UUID sessionId, Instant start, String reason) {
        return Transactions.afterCommit(() -> changeOccurrence(caller, sessionId, start, change -> {
            change.cancelled = true;
            change.movedTo = null;
            change.reason = reason == null || reason.isBlank() ? null : reason.trim();
        }, (session, change) -> outbox.publish(new SessionCancelled(session.id, session.groupId, change.reason,
                change.id.originalStart))), this::committed);
    }

    /** Moves one occurrence of a series to {@code newStart}, leaving the others where they are. */
    public Uni<Localized> moveOccurrence(UUID caller, UUID sessionId, Instant start, Instant newStart) {
        if (newStart.isBefore(Instant.now())) {
            throw ProblemException.invalidField("startsAt", "cannot be moved into the past");
        }
        Instant[] previous = new Instant[1];
        return Transactions.afterCommit(() -> changeOccurrence(caller, sessionId, start, change -> {
            previous[0] = change.movedTo != null ? change.movedTo : change.id.originalStart;
            change.cancelled = false;
            change.movedTo = newStart.truncatedTo(ChronoUnit.SECONDS);
        }, (session, change) -> {
            Duration length = Duration.ofMinutes(session.durationMinutes);
            return outbox.publish(new SessionRescheduled(session.id, session.groupId, previous[0],
                    previous[0].plus(length), change.movedTo, change.movedTo.plus(length), change.id.originalStart,
                    session.recurrence));
        }), this::committed);
    }

    private Uni<SessionView> changeOccurrence(UUID caller, UUID sessionId, Instant start,
            Consumer<OccurrenceChange> edit, BiFunction<CodingSession, OccurrenceChange, Uni<?>> event) {
        return organizing(caller, sessionId).chain(session -> {
            if (session.cancelled()) {
                throw ProblemException.conflict("The whole session was cancelled.");
            }
            if (session.recurrence == null) {
                throw occurrenceNotFound(start);
            }
            if (!Recurrence.starts(session.recurrence, session.firstStart(), start, start.plusSeconds(1)).isEmpty()) {
                return changeOccurrence(session, start, edit, event);
            }
            // a moved occurrence is listed at its new start: find its original one
            return OccurrenceChange.<OccurrenceChange>find("id.sessionId = ?1 and movedTo = ?2", sessionId, start)
                    .firstResult()
                    .onItem().ifNull().failWith(() -> occurrenceNotFound(start))
                    .chain(moved -> changeOccurrence(session, moved.id.originalStart, edit, event));
        });
    }

    private Uni<SessionView> changeOccurrence(CodingSession session, Instant originalStart,
            Consumer<OccurrenceChange> edit, BiFunction<CodingSession, OccurrenceChange, Uni<?>> event) {
        OccurrenceChange.Key key = new OccurrenceChange.Key(session.id, originalStart);
        return OccurrenceChange.<OccurrenceChange>findById(key).chain(existing -> {
            OccurrenceChange change = existing != null ? existing : new OccurrenceChange();
            change.id = key;
            boolean wasCancelled = change.cancelled;
            Instant wasMovedTo = change.movedTo;
            edit.accept(change);
            if (existing != null && change.cancelled == wasCancelled && Objects.equals(change.movedTo, wasMovedTo)) {
                return Uni.createFrom().item(view(session)); // already so: nothing to announce
            }
            session.sequence++;
            return change.persist()
                    .chain(() -> event.apply(session, change))
                    .chain(() -> session.flush())
                    .map(ignored -> view(session));
        });
    }

    /** Edits a session; {@code expectedVersion} comes from If-Match. Changed times or rule publish session.rescheduled. */
    public Uni<Localized> update(UUID caller, UUID sessionId, long expectedVersion, UpdateSession request) {
        return Transactions.afterCommit(() -> organizing(caller, sessionId).chain(session -> {
            Versions.require(expectedVersion, session.version, "session");
            if (session.cancelled()) {
                throw ProblemException.conflict("A cancelled session cannot be edited.");
            }
            SessionView before = view(session);
            Instant previousStart = session.startsAt;
            Instant previousEnd = session.endsAt();
            String previousZone = session.timeZone;
            String previousRule = session.recurrence;
            Integer previousCapacity = session.capacity;
            apply(session, request);
            if (view(session).equals(before)) {
                return Uni.createFrom().item(before);
            }
            session.sequence++;
            boolean moved = !previousStart.equals(session.startsAt) || !previousEnd.equals(session.endsAt())
                    || !Objects.equals(previousRule, session.recurrence);
            // Per-occurrence changes are keyed by the starts the old rule gave: moving the series resets them.
            Uni<?> reset = previousRule != null && (!previousStart.equals(session.startsAt)
                    || !previousZone.equals(session.timeZone) || !previousRule.equals(session.recurrence))
                    ? OccurrenceChange.delete("id.sessionId", session.id)
                    : Uni.createFrom().voidItem();
            Uni<?> event = moved
                    ? outbox.publish(new SessionRescheduled(session.id, session.groupId, previousStart, previousEnd,
                            session.startsAt, session.endsAt(), null, session.recurrence))
                    : Uni.createFrom().voidItem();
            boolean morePlaces = previousCapacity != null
                    && (session.capacity == null || session.capacity > previousCapacity);
            // flush so the response carries the version the next If-Match needs
            return event.chain(() -> reset)
                    .chain(() -> morePlaces ? waitlist.fillFreePlaces(session) : Uni.createFrom().voidItem())
                    .chain(() -> session.flush())
                    .map(ignored -> view(session));
        }), this::committed);
    }

    public Uni<Localized> cancel(UUID caller, UUID sessionId, String reason) {
        return Transactions.afterCommit(() -> organizing(caller, sessionId).chain(session -> {
            if (session.cancelled()) {
                return Uni.createFrom().item(view(session));
            }
            session.cancelledAt = Instant.now();
            session.cancelReason = reason == null || reason.isBlank() ? null : reason.trim();
            session.sequence++;
            return outbox.publish(new SessionCancelled(session.id, session.groupId, session.cancelReason, null))
                    .chain(() -> session.flush())
                    .map(ignored -> view(session));
        }), this::committed);
    }

    private void apply(CodingSession session, UpdateSession request) {
        if (request.title() != null) {
            session.title = request.title().trim();
        }
        if (request.description() != null) {
            session.description = request.description().trim();
        }
        if (request.timeZone() != null) {
            session.timeZone = request.timeZone();
        }
        if (request.durationMinutes() != null) {
            session.durationMinutes = request.durationMinutes();
        }
        if (request.capacity() != null) {
            session.capacity = request.capacity();
        }
        if (request.meetingUrl() != null) {
            session.meetingUrl = request.meetingUrl().isBlank() ? null : request.meetingUrl();
        }
        if (request.startsAt() != null) {
            Instant start = request.startsAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
            if (!start.equals(session.startsAt) && start.isBefore(Instant.now())) {
                throw ProblemException.invalidField("startsAt", "cannot be moved into the past");
            }
            session.startsAt = start;
        }
        if (request.recurrence() != null) {
            session.recurrence = request.recurrence().isBlank() ? null : request.recurrence();
        }
        if (session.recurrence != null) {
            session.recurrence = Recurrence.validate(session.recurrence, session.firstStart());
        }
    }

    /**
     * The session, locked: locked sessions serialise every change of places (edits, RSVPs and
     * cancellations). 404 unless the caller can see its group, 403 unless they run it.
     */
    private Uni<CodingSession> organizing(UUID caller, UUID sessionId) {
        return CodingSession.<CodingSession>findById(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(SessionService::sessionNotFound)
                .call(session -> groupAccess.organizing(caller, session.groupId, SessionService::sessionNotFound));
    }

    public static List<OccurrenceView> occurrencesOf(CodingSession s, List<OccurrenceChange> changes, Instant from,
            Instant to) {
        Duration length = Duration.ofMinutes(s.durationMinutes);
        return Recurrence.occurrences(s.recurrence, s.firstStart(), from.minus(length), to, changes.stream()
                        .map(change -> new Recurrence.Change(change.id.originalStart, change.movedTo)).toList())
                .stream()
                .filter(start -> start.toInstant().isBefore(to) && start.toInstant().plus(length).isAfter(from))
                .map(start -> new OccurrenceView(s.id, s.groupId, s.title, start.toOffsetDateTime(),
                        start.plus(length).toOffsetDateTime(), s.timeZone, s.recurrence != null))
                .toList();
    }

    static SessionView view(CodingSession s) {
        ZoneId zone = ZoneId.of(s.timeZone);
        return new SessionView(s.id, s.groupId, s.title, s.description, s.startsAt.atZone(zone).toOffsetDateTime(),
                s.endsAt().atZone(zone).toOffsetDateTime(), s.durationMinutes, s.timeZone, s.capacity, s.recurrence,
                s.meetingUrl, s.organizerId, s.cancelled(), s.cancelReason, s.version);
    }

    private static ProblemException occurrenceNotFound(Instant start) {
        return ProblemException.notFound("This session has no occurrence starting at " + start
                + "; use the start an occurrence list shows for the series.");
    }

    public static ProblemException sessionNotFound() {
        return ProblemException.notFound("No such session, or it belongs to a private group you are not a member of.");
    }

}
