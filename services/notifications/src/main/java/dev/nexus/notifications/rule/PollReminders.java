package dev.nexus.notifications.rule;

import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.projection.Polls;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reminds the members of a group who have not answered an open poll, once, before its deadline (at
 * the poll's {@code remind_at}, see {@link Polls}). A scheduler on every replica takes due polls
 * under FOR UPDATE SKIP LOCKED and stores the reminders in the transaction that marks the poll
 * reminded, so each is sent once with several replicas. A poll due while no replica ran is reminded
 * at the next start if its deadline is still ahead.
 */
@ApplicationScoped
public class PollReminders {

    private static final Logger LOG = Logger.getLogger(PollReminders.class);
    static final int BATCH = 50;

    private final Polls polls;
    private final Audience audience;
    private final Delivery delivery;

    public PollReminders(Polls polls, Audience audience, Delivery delivery) {
        this.polls = polls;
        this.audience = audience;
        this.delivery = delivery;
    }

    @Scheduled(every = "${nexus.polls.remind-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return remindDue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "reminding of polls failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    /** Sends the reminders of up to {@value #BATCH} due polls; returns how many polls. */
    public Uni<Integer> remindDue() {
        return Panache.withTransaction(() -> Sql.list("""
                        select id, group_id, title, organizer_id, deadline from polls
                        where not closed and reminded_at is null and remind_at <= now() and deadline > now()
                        order by remind_at limit %d for update skip locked""".formatted(BATCH), Object[].class)
                        .chain(rows -> AfterCommit.inTurn(rows, row -> remind(new Due((UUID) row[0], (UUID) row[1],
                                (String) row[2], (UUID) row[3], Sql.instant(row[4]))))))
                .call(AfterCommit::runAll)
                .map(List::size);
    }

    private record Due(UUID pollId, UUID groupId, String title, UUID organizerId, Instant deadline) {
    }

    /** Every member who has not answered, but the organizer; the poll's id is the reminders' cause. */
    private Uni<AfterCommit> remind(Due due) {
        Instant now = Instant.now();
        return audience.members(due.groupId())
                .chain(members -> polls.respondents(due.pollId()).map(answered -> {
                    Set<UUID> waiting = new HashSet<>(members);
                    answered.forEach(waiting::remove);
                    return waiting;
                }))
                .chain(waiting -> audience.drafts(waiting, due.organizerId(), p -> new Draft(p.id(), Kind.POLL_REMINDER,
                        due.groupId(), "Your answer is missing: " + due.title(), "The poll on when to meet for "
                                + due.title() + " closes " + Texts.time(due.deadline(), p.zone(), now)
                                + ". Say which times suit you.", PollEvents.path(due.pollId()))))
                .chain(drafts -> delivery.store(due.pollId(), drafts))
                .call(() -> Sql.execute("update polls set reminded_at = now() where id = ?1", due.pollId()));
    }
}
