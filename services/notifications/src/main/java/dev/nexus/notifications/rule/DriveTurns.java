package dev.nexus.notifications.rule;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.DriveTurn;
import dev.nexus.contracts.Events.RotationPublished;
import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Mob driver turns: session.rotation-published.v1 replaces the unfired turns of its occurrence
 * (unless a newer publication is already here), and a scheduler on every replica tells each driver
 * "your turn to drive" at their turn, pushed live: due turns are taken FOR UPDATE SKIP LOCKED and
 * marked fired in the transaction that stores the notification (the turn's id is its cause), so each
 * is told once with several replicas. A turn already over when it comes due (no replica ran) is
 * dropped.
 */
@ApplicationScoped
public class DriveTurns implements EventHandler {

    private static final Logger LOG = Logger.getLogger(DriveTurns.class);
    static final int BATCH = 50;

    private final Audience audience;
    private final Delivery delivery;

    public DriveTurns(Audience audience, Delivery delivery) {
        this.audience = audience;
        this.delivery = delivery;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.SESSION_ROTATION_PUBLISHED);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        RotationPublished r = (RotationPublished) event.data();
        var occurrence = r.occurrenceStart().atOffset(ZoneOffset.UTC);
        var published = event.time().atOffset(ZoneOffset.UTC);
        List<DriveTurn> turns = r.turns();
        return Sql.execute("""
                        delete from drive_turns where session_id = ?1 and occurrence_start = ?2 and fired_at is null
                            and published_at <= ?3""", r.sessionId(), occurrence, published)
                .chain(() -> Sql.execute("""
                        insert into drive_turns (id, session_id, occurrence_start, group_id, title, driver_id, turn_at,
                            until, published_at)
                        select gen_random_uuid(), ?1, ?2, ?3, ?4, t.driver, t.at, t.until, ?5
                        from unnest(cast(?6 as uuid[]), cast(cast(?7 as text[]) as timestamptz[]),
                                    cast(cast(?8 as text[]) as timestamptz[])) as t(driver, at, until)
                        where not exists (select 1 from drive_turns d where d.session_id = ?1
                                          and d.occurrence_start = ?2 and d.published_at > ?5)
                            and not exists (select 1 from drive_turns d where d.session_id = ?1
                                            and d.occurrence_start = ?2 and d.turn_at = t.at and d.fired_at is not null)""",
                        r.sessionId(), occurrence, r.groupId(), r.title(), published,
                        turns.stream().map(DriveTurn::driverId).toArray(UUID[]::new),
                        turns.stream().map(t -> t.at().toString()).toArray(String[]::new),
                        turns.stream().map(t -> t.until().toString()).toArray(String[]::new)))
                .replaceWith(AfterCommit.NOTHING);
    }

    @Scheduled(every = "${nexus.drive-turns.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return fireDue(Instant.now()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf(e, "driver turns failed; the next tick retries"))
                .onFailure().recoverWithNull();
    }

    private record Due(UUID id, UUID sessionId, UUID groupId, String title, UUID driver, Instant until) {
    }

    /** Tells the drivers of up to {@value #BATCH} turns due at {@code now}; returns how many were told. */
    public Uni<Integer> fireDue(Instant now) {
        return Panache.withTransaction(() -> Sql.list("""
                        select id, session_id, group_id, title, driver_id, until from drive_turns
                        where fired_at is null and turn_at <= ?1 order by turn_at limit %d for update skip locked"""
                        .formatted(BATCH), Object[].class, now.atOffset(ZoneOffset.UTC))
                .chain(rows -> AfterCommit.inTurn(rows, r -> {
                    Due due = new Due((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (UUID) r[4], Sql.instant(r[5]));
                    Uni<AfterCommit> told = due.until().isAfter(now) ? tell(due, now)
                            : Uni.createFrom().nullItem(); // over already: dropped
                    return told.call(() -> Sql.execute("update drive_turns set fired_at = ?2 where id = ?1", due.id(),
                            now.atOffset(ZoneOffset.UTC)));
                })))
                .call(AfterCommit::runAll)
                .map(List::size);
    }

    private Uni<AfterCommit> tell(Due due, Instant now) {
        return audience.drafts(List.of(due.driver()), null, p -> new Draft(p.id(), Kind.SESSION_YOUR_TURN, due.groupId(),
                        "Your turn to drive: " + due.title(), "Take the keyboard until "
                                + Texts.time(due.until(), p.zone(), now) + ".", "/api/v1/sessions/" + due.sessionId()))
                .chain(drafts -> delivery.store(due.id(), drafts));
    }
}
