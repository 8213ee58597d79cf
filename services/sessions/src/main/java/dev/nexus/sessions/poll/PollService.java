package dev.nexus.sessions.poll;

import dev.nexus.contracts.Events.PollAnswered;
import dev.nexus.contracts.Events.PollClosed;
import dev.nexus.contracts.Events.PollOpened;
import dev.nexus.platform.db.Transactions;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.access.GroupAccess;
import dev.nexus.sessions.poll.PollAnswer.Answer;
import dev.nexus.sessions.poll.PollViews.AnswerPoll;
import dev.nexus.sessions.poll.PollViews.Answerer;
import dev.nexus.sessions.poll.PollViews.ClosePoll;
import dev.nexus.sessions.poll.PollViews.CreatePoll;
import dev.nexus.sessions.poll.PollViews.PollView;
import dev.nexus.sessions.poll.PollViews.Slot;
import dev.nexus.sessions.poll.PollViews.SlotAnswer;
import dev.nexus.sessions.poll.PollViews.SlotView;
import dev.nexus.sessions.poll.PollViews.Status;
import dev.nexus.sessions.session.CallerZone;
import dev.nexus.sessions.session.SessionCache;
import dev.nexus.sessions.session.SessionService;
import dev.nexus.sessions.session.SessionViews.InYourZone;
import dev.nexus.sessions.session.SessionViews.ScheduleSession;
import dev.nexus.sessions.user.User;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Availability polls: an organizer proposes slots, members answer yes / if need be / no until the
 * deadline, an organizer closes the poll by picking a slot (and optionally a repeat rule), which
 * schedules the session or series like {@code POST /groups/{id}/sessions} does. Each step is
 * published (poll.opened, poll.answered, poll.closed and the session's session.scheduled), so that
 * notifications asks for answers, reminds those who have not answered and says when the time is set.
 */
@ApplicationScoped
public class PollService {

    private final GroupAccess groupAccess;
    private final SessionService sessions;
    private final SessionCache sessionCache;
    private final CallerZone zones;
    private final Outbox outbox;

    public PollService(GroupAccess groupAccess, SessionService sessions, SessionCache sessionCache, CallerZone zones,
            Outbox outbox) {
        this.groupAccess = groupAccess;
        this.sessions = sessions;
        this.sessionCache = sessionCache;
        this.zones = zones;
        this.outbox = outbox;
    }

    public Uni<PollView> open(UUID caller, UUID groupId, CreatePoll request) {
        return Transactions.afterCommit(() -> groupAccess.organizing(caller, groupId).chain(access -> {
            Instant now = Instant.now();
            List<PollSlot> slots = slots(request.slots(), now);
            Instant deadline = request.deadline().toInstant().truncatedTo(ChronoUnit.SECONDS);
            if (!deadline.isAfter(now)) {
                throw ProblemException.invalidField("deadline", "is in the past");
            }
            Instant lastStart = slots.stream().map(s -> s.startsAt).max(Comparator.naturalOrder()).orElseThrow();
            if (deadline.isAfter(lastStart)) {
                throw ProblemException.invalidField("deadline", "must be no later than the last slot's start");
            }
            Poll poll = new Poll();
            poll.id = UUID.randomUUID();
            poll.groupId = groupId;
            poll.title = request.title().trim();
            poll.description = request.description() == null ? "" : request.description().trim();
            poll.timeZone = request.timeZone();
            poll.deadline = deadline;
            poll.organizerId = caller;
            poll.createdAt = now;
            slots.forEach(slot -> slot.pollId = poll.id);
            return poll.persist()
                    .chain(() -> PollSlot.persist(slots))
                    .chain(() -> outbox.publish(new PollOpened(poll.id, groupId, poll.title, caller, poll.deadline,
                            slots.size())))
                    .replaceWith(poll.id);
        }), id -> view(caller, id));
    }

    /** The slots of a request, in the future and each once; a 400 naming the first that is not. */
    private static List<PollSlot> slots(List<Slot> requested, Instant now) {
        List<PollSlot> slots = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            Slot slot = requested.get(i);
            Instant start = slot.startsAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
            if (!start.isAfter(now)) {
                throw ProblemException.invalidField("slots[" + i + "].startsAt", "is in the past");
            }
            Integer earlier = seen.putIfAbsent(start + "/" + slot.durationMinutes(), i);
            if (earlier != null) {
                throw ProblemException.invalidField("slots[" + i + "]", "is the same as slots[" + earlier + "]");
            }
            PollSlot row = new PollSlot();
            row.id = UUID.randomUUID();
            row.startsAt = start;
            row.durationMinutes = slot.durationMinutes();
            slots.add(row);
        }
        return slots;
    }

    /** The caller's answers replace their earlier ones; only members answer, and only before the deadline. */
    public Uni<PollView> answer(UUID caller, UUID pollId, AnswerPoll request) {
        return Transactions.afterCommit(() -> Poll.<Poll>findById(pollId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(PollService::pollNotFound)
                .chain(poll -> groupAccess.visible(caller, poll.groupId, PollService::pollNotFound).chain(access -> {
                    if (access.role() == null) {
                        throw ProblemException.forbidden("Only the group's members can answer its polls.");
                    }
                    if (poll.closed()) {
                        throw ProblemException.conflict("The poll is closed: its time is set.");
                    }
                    if (!Instant.now().isBefore(poll.deadline)) {
                        throw ProblemException.conflict("The poll's deadline has passed; it takes no more answers.");
                    }
                    return PollSlot.<PollSlot>list("pollId", poll.id).chain(slots -> {
                        List<PollAnswer> answers = answers(caller, poll.id, request.answers(),
                                slots.stream().map(s -> s.id).collect(Collectors.toSet()));
                        return PollAnswer.delete("pollId = ?1 and userId = ?2", poll.id, caller)
                                .chain(() -> PollAnswer.persist(answers))
                                .chain(() -> outbox.publish(new PollAnswered(poll.id, poll.groupId, caller)))
                                .replaceWith(poll.id);
                    });
                })), id -> view(caller, id));
    }

    private static List<PollAnswer> answers(UUID caller, UUID pollId, List<SlotAnswer> requested, Set<UUID> slotIds) {
        Instant now = Instant.now();
        Set<UUID> answered = new HashSet<>();
        List<PollAnswer> answers = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            SlotAnswer given = requested.get(i);
            if (!slotIds.contains(given.slotId())) {
                throw ProblemException.invalidField("answers[" + i + "].slotId", "is not a slot of this poll");
            }
            if (!answered.add(given.slotId())) {
                throw ProblemException.invalidField("answers[" + i + "].slotId", "is answered twice");
            }
            PollAnswer answer = new PollAnswer();
            answer.id = UUID.randomUUID();
            answer.pollId = pollId;
            answer.slotId = given.slotId();
            answer.userId = caller;
            answer.answer = given.answer();
            answer.answeredAt = now;
            answers.add(answer);
        }
        return answers;
    }

    /**
     * Closes the poll on one slot: schedules the session (or series) in the poll's zone, organized by
     * the caller, and publishes poll.closed with who had answered. Closing twice is a 409.
     */
    public Uni<PollView> close(UUID caller, UUID pollId, ClosePoll request) {
        return Transactions.afterCommit(() -> Poll.<Poll>findById(pollId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(PollService::pollNotFound)
                .chain(poll -> groupAccess.organizing(caller, poll.groupId, PollService::pollNotFound)
                        .chain(() -> PollSlot.<PollSlot>findById(request.slotId()))
                        .chain(slot -> {
                            if (poll.closed()) {
                                throw ProblemException.conflict("The poll is already closed.");
                            }
                            if (slot == null || !slot.pollId.equals(poll.id)) {
                                throw ProblemException.invalidField("slotId", "is not a slot of this poll");
                            }
                            if (!slot.startsAt.isAfter(Instant.now())) {
                                throw ProblemException.invalidField("slotId", "starts in the past; pick a later slot");
                            }
                            ScheduleSession session = new ScheduleSession(poll.title, poll.description,
                                    slot.startsAt.atOffset(ZoneOffset.UTC), slot.durationMinutes, poll.timeZone,
                                    request.capacity(), request.recurrence(), request.meetingUrl());
                            return sessions.create(caller, poll.groupId, session, poll.id)
                                    .chain(scheduled -> respondents(poll.id).chain(respondents -> {
                                        poll.closedAt = Instant.now();
                                        poll.chosenSlotId = slot.id;
                                        poll.sessionId = scheduled.id;
                                        return outbox.publish(new PollClosed(poll.id, poll.groupId, poll.title, caller,
                                                scheduled.id, scheduled.startsAt, scheduled.endsAt(), scheduled.timeZone,
                                                scheduled.recurrence, respondents));
                                    }))
                                    .replaceWith(poll);
                        })),
                poll -> sessionCache.sessionChanged(poll.sessionId, poll.groupId).chain(() -> view(caller, poll.id)));
    }

    private static Uni<List<UUID>> respondents(UUID pollId) {
        return PollAnswer.find("select distinct a.userId from PollAnswer a where a.pollId = ?1 order by a.userId",
                pollId).project(UUID.class).list();
    }

    @WithSession
    public Uni<PollView> view(UUID caller, UUID pollId) {
        return Poll.<Poll>findById(pollId)
                .onItem().ifNull().failWith(PollService::pollNotFound)
                .chain(poll -> groupAccess.visible(caller, poll.groupId, PollService::pollNotFound)
                        .chain(() -> views(caller, List.of(poll))))
                .map(views -> views.get(0));
    }

    /** A group's polls, newest first. */
    @WithSession
    public Uni<Page<PollView>> list(UUID caller, UUID groupId, Cursor after, int limit) {
        return groupAccess.visible(caller, groupId).chain(() -> {
            StringBuilder hql = new StringBuilder("from Poll p where p.groupId = :group");
            Parameters params = Parameters.with("group", groupId);
            if (after != null) {
                hql.append(" and (p.createdAt < :at or (p.createdAt = :at and p.id < :id))");
                params.and("at", after.at()).and("id", after.id());
            }
            hql.append(" order by p.createdAt desc, p.id desc");
            return Poll.<Poll>find(hql.toString(), params).range(0, limit).list();
        }).chain(polls -> views(caller, polls))
                .map(views -> Page.of(views, limit, v -> v, v -> new Cursor(v.createdAt().toInstant(), v.id()).encode()));
    }

    /** The views of several polls in four reads: the polls given, their slots, their answers, the answerers' names. */
    private Uni<List<PollView>> views(UUID caller, List<Poll> polls) {
        if (polls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = polls.stream().map(p -> p.id).toList();
        ZoneId viewer = zones.zone();
        return PollSlot.<PollSlot>list("pollId in ?1 order by startsAt, durationMinutes, id", ids)
                .chain(slots -> PollAnswer.<PollAnswer>list("pollId in ?1 order by answeredAt, userId", ids)
                        .chain(answers -> names(answers).map(names -> {
                            Map<UUID, List<PollSlot>> slotsByPoll = slots.stream()
                                    .collect(Collectors.groupingBy(slot -> slot.pollId));
                            Map<UUID, List<PollAnswer>> answersBySlot = answers.stream()
                                    .collect(Collectors.groupingBy(answer -> answer.slotId));
                            return polls.stream().map(poll -> view(caller, poll, slotsByPoll.getOrDefault(poll.id,
                                    List.of()), answersBySlot, names, viewer)).toList();
                        })));
    }

    private static Uni<Map<UUID, String>> names(List<PollAnswer> answers) {
        List<UUID> users = answers.stream().map(a -> a.userId).distinct().toList();
        return users.isEmpty() ? Uni.createFrom().item(Map.of())
                : User.<User>list("id in ?1", users)
                        .map(found -> found.stream().collect(Collectors.toMap(u -> u.id, u -> u.displayName)));
    }

    /** A poll from its slots (in order) and the answers of every slot, each slot's in the order given. */
    private static PollView view(UUID caller, Poll poll, List<PollSlot> pollSlots,
            Map<UUID, List<PollAnswer>> answersBySlot, Map<UUID, String> names, ZoneId viewer) {
        ZoneId zone = ZoneId.of(poll.timeZone);
        Set<UUID> respondents = new HashSet<>();
        List<SlotView> slots = pollSlots.stream().map(slot -> {
            List<PollAnswer> ofSlot = answersBySlot.getOrDefault(slot.id, List.of());
            ofSlot.forEach(a -> respondents.add(a.userId));
            return new SlotView(slot.id, at(slot.startsAt, zone), at(slot.endsAt(), zone), slot.durationMinutes,
                    new InYourZone(viewer.getId(), at(slot.startsAt, viewer), at(slot.endsAt(), viewer)),
                    count(ofSlot, Answer.YES), count(ofSlot, Answer.IF_NEED_BE), count(ofSlot, Answer.NO),
                    ofSlot.stream().filter(a -> a.userId.equals(caller)).map(a -> a.answer).findFirst().orElse(null),
                    ofSlot.stream().limit(PollViews.MAX_LISTED)
                            .map(a -> new Answerer(a.userId, names.getOrDefault(a.userId, ""), a.answer)).toList());
        }).toList();
        return new PollView(poll.id, poll.groupId, poll.title, poll.description, poll.timeZone, at(poll.deadline, zone),
                poll.organizerId, poll.closed() ? Status.CLOSED : Status.OPEN, respondents.size(), slots,
                poll.chosenSlotId, poll.sessionId, poll.closedAt == null ? null : at(poll.closedAt, zone),
                at(poll.createdAt, zone));
    }

    private static int count(List<PollAnswer> answers, Answer answer) {
        return (int) answers.stream().filter(a -> a.answer == answer).count();
    }

    private static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    public static ProblemException pollNotFound() {
        return ProblemException.notFound("No such poll, or it is in a private group you are not in.");
    }
}
