package dev.nexus.sessions.pairing;

import dev.nexus.contracts.Events;
import dev.nexus.contracts.Events.DriveTurn;
import dev.nexus.contracts.Events.RotationPublished;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.access.GroupAccess;
import dev.nexus.sessions.rsvp.Rsvp;
import dev.nexus.sessions.session.CodingSession;
import dev.nexus.sessions.session.SessionService;
import dev.nexus.sessions.session.SessionViews.OccurrenceView;
import dev.nexus.sessions.user.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pair and mob sessions (issue 17): how a session is run ({@code session_formats}), and a mob
 * occurrence's driver rotation. Publishing a rotation stores its turns and publishes
 * session.rotation-published, so that notifications tells each driver at their turn; the turns of
 * earlier occurrences make the order fair ({@link Rotation}).
 */
@ApplicationScoped
public class MobService {

    public enum Format {
        PAIR, MOB
    }

    /** How a session is run: {@code format} null for an ordinary session. */
    public record FormatView(Format format, @Schema(minimum = "5", maximum = "60") Integer rotationMinutes) {
    }

    /** A driver's turn, from {@code at} until {@code until}, in the session's zone. */
    public record TurnView(UUID driverId, @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName,
            OffsetDateTime at, OffsetDateTime until) {
    }

    /** An occurrence's rotation: published, or (not yet) what publishing would make. */
    public record RotationView(UUID sessionId, OffsetDateTime occurrenceStart, boolean published,
            @Schema(maxItems = 144) List<TurnView> turns) {
    }

    private final GroupAccess groupAccess;
    private final Outbox outbox;

    public MobService(GroupAccess groupAccess, Outbox outbox) {
        this.groupAccess = groupAccess;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<FormatView> format(UUID caller, UUID sessionId) {
        return visible(caller, sessionId).chain(session -> formatOf(sessionId));
    }

    /** Sets (or, with {@code format} null, clears) how the session is run; owner or organizers. */
    public Uni<FormatView> setFormat(UUID caller, UUID sessionId, Format format, Integer rotationMinutes) {
        int minutes = rotationMinutes == null ? 10 : rotationMinutes;
        return Panache.withTransaction(() -> organizing(caller, sessionId).invoke(MobService::notCancelled)
                .chain(session -> format == null
                ? Sql.execute("delete from session_formats where session_id = ?1", sessionId)
                : Sql.execute("""
                        insert into session_formats (session_id, format, rotation_minutes) values (?1, ?2, ?3)
                        on conflict (session_id) do update set format = excluded.format,
                            rotation_minutes = excluded.rotation_minutes""", sessionId, format.name(), minutes)))
                .replaceWith(new FormatView(format, format == null ? null : minutes));
    }

    /** The occurrence's published rotation, or the one publishing would make now. */
    @WithSession
    public Uni<RotationView> rotation(UUID caller, UUID sessionId, Instant start) {
        return visible(caller, sessionId).chain(session -> occurrence(session, start).chain(occurrence ->
                published(session, start).chain(turns -> !turns.isEmpty()
                        ? view(session, occurrence, true, turns)
                        : mob(session).chain(every -> planned(session, occurrence, every))
                                .chain(planned -> view(session, occurrence, false, planned)))));
    }

    /**
     * Publishes the occurrence's rotation (owner or organizers): a turn every rotation_minutes among
     * those going, whoever drove fewest turns at earlier occurrences first. Publishing again replaces
     * it (someone joined or left). 409 unless the session is a mob, the occurrence is still to end and
     * someone is going.
     */
    public Uni<RotationView> publish(UUID caller, UUID sessionId, Instant start) {
        return Panache.withTransaction(() -> organizing(caller, sessionId).chain(session -> occurrence(session, start)
                .chain(occurrence -> {
                    if (!occurrence.endsAt().toInstant().isAfter(Instant.now())) {
                        throw ProblemException.conflict("This occurrence has ended.");
                    }
                    return mob(session).chain(every -> planned(session, occurrence, every)).chain(turns -> {
                        if (turns.isEmpty()) {
                            throw ProblemException.conflict("Nobody is going yet: there is nobody to drive.");
                        }
                        return store(session, start, turns)
                                .chain(() -> outbox.publish(new RotationPublished(session.id, session.groupId,
                                        session.title, start, driveTurns(turns, occurrence.endsAt().toInstant()))))
                                .chain(() -> view(session, occurrence, true, turns));
                    });
                })));
    }

    /** The rotation every {@code every} among those going now, fair against earlier occurrences' turns. */
    private static Uni<List<Rotation.Turn>> planned(CodingSession session, OccurrenceView occurrence, Duration every) {
        Instant start = occurrence.startsAt().toInstant();
        return Rsvp.<Rsvp>list("sessionId = ?1 and status = ?2 and waitlisted = false order by respondedAt, userId",
                        session.id, Rsvp.Status.GOING)
                .chain(going -> Sql.list("""
                                select driver_id, count(*) from drive_turns where session_id = ?1 and occurrence_start < ?2
                                group by driver_id""", Object[].class, session.id, start.atOffset(ZoneOffset.UTC))
                        .map(rows -> {
                            Map<UUID, Integer> driven = new HashMap<>();
                            rows.forEach(r -> driven.put((UUID) r[0], ((Number) r[1]).intValue()));
                            return Rotation.turns(going.stream().map(r -> r.userId).toList(), driven, start,
                                    Duration.ofMinutes(session.durationMinutes), every);
                        }));
    }

    private static Uni<List<Rotation.Turn>> published(CodingSession session, Instant start) {
        return Sql.list("select driver_id, turn_at from drive_turns where session_id = ?1 and occurrence_start = ?2"
                        + " order by turn_at", Object[].class, session.id, start.atOffset(ZoneOffset.UTC))
                .map(rows -> rows.stream().map(r -> new Rotation.Turn((UUID) r[0], Sql.instant(r[1]))).toList());
    }

    private static Uni<Void> store(CodingSession session, Instant start, List<Rotation.Turn> turns) {
        return Sql.execute("delete from drive_turns where session_id = ?1 and occurrence_start = ?2", session.id,
                        start.atOffset(ZoneOffset.UTC))
                .chain(() -> Sql.execute("""
                        insert into drive_turns (session_id, occurrence_start, turn_at, driver_id)
                        select ?1, ?2, unnest(cast(cast(?3 as text[]) as timestamptz[])), unnest(cast(?4 as uuid[]))""",
                        session.id, start.atOffset(ZoneOffset.UTC),
                        turns.stream().map(t -> t.at().toString()).toArray(String[]::new),
                        turns.stream().map(Rotation.Turn::driver).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    private static List<DriveTurn> driveTurns(List<Rotation.Turn> turns, Instant end) {
        List<DriveTurn> out = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            out.add(new DriveTurn(turns.get(i).driver(), turns.get(i).at(),
                    i + 1 < turns.size() ? turns.get(i + 1).at() : end));
        }
        return out;
    }

    private static Uni<RotationView> view(CodingSession session, OccurrenceView occurrence, boolean published,
            List<Rotation.Turn> turns) {
        ZoneId zone = ZoneId.of(session.timeZone);
        List<DriveTurn> drive = driveTurns(turns, occurrence.endsAt().toInstant());
        return User.<User>list("id in ?1", turns.stream().map(Rotation.Turn::driver).distinct().toList()).map(users -> {
            Map<UUID, String> names = new HashMap<>();
            users.forEach(u -> names.put(u.id, u.displayName));
            return new RotationView(session.id, occurrence.startsAt(), published, drive.stream()
                    .map(t -> new TurnView(t.driverId(), names.getOrDefault(t.driverId(), "Someone"),
                            t.at().atZone(zone).toOffsetDateTime(), t.until().atZone(zone).toOffsetDateTime()))
                    .toList());
        });
    }

    static Uni<FormatView> formatOf(UUID sessionId) {
        return Sql.list("select format, rotation_minutes from session_formats where session_id = ?1", Object[].class,
                        sessionId)
                .map(rows -> rows.isEmpty() ? new FormatView(null, null)
                        : new FormatView(Format.valueOf((String) rows.get(0)[0]), (Integer) rows.get(0)[1]));
    }

    /** The session's turn length; 409 unless it is a mob session. */
    private static Uni<Duration> mob(CodingSession session) {
        return formatOf(session.id).map(format -> {
            if (format.format() != Format.MOB) {
                throw ProblemException.conflict("This is not a mob session: set its format to MOB first.");
            }
            return Duration.ofMinutes(format.rotationMinutes());
        });
    }

    /** The occurrence starting at {@code start} as occurrence lists show it; 404 when there is none. */
    static Uni<OccurrenceView> occurrence(CodingSession session, Instant start) {
        notCancelled(session);
        return SessionService.changesOf(List.of(session)).map(changes -> SessionService.occurrencesOf(session,
                        changes.getOrDefault(session.id, List.of()), start, start.plusSeconds(1)).stream()
                .filter(o -> o.startsAt().toInstant().equals(start)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("This session has no occurrence starting at " + start
                        + "; use the start an occurrence list shows.")));
    }

    Uni<CodingSession> visible(UUID caller, UUID sessionId) {
        return CodingSession.<CodingSession>findById(sessionId)
                .onItem().ifNull().failWith(SessionService::sessionNotFound)
                .call(session -> groupAccess.visible(caller, session.groupId, SessionService::sessionNotFound));
    }

    static void notCancelled(CodingSession session) {
        if (session.cancelled()) {
            throw ProblemException.conflict("The whole session was cancelled.");
        }
    }

    Uni<CodingSession> organizing(UUID caller, UUID sessionId) {
        return CodingSession.<CodingSession>findById(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(SessionService::sessionNotFound)
                .call(session -> groupAccess.organizing(caller, session.groupId, SessionService::sessionNotFound));
    }
}
