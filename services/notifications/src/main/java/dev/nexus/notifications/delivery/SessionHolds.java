package dev.nexus.notifications.delivery;

import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.projection.Sessions;
import dev.nexus.notifications.store.NotificationStore;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.time.Recurrence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Session-aware quiet hours (migration V13). While a person is in a session they have a place at
 * (GOING, not waitlisted; from its start to its end; for a series, the occurrence with its moves and
 * cancellations applied), the e-mail and push of their notifications that are not about that session
 * are held: {@link Delivery} still stores them in the inbox and records them here, in the cause's
 * transaction. {@code HoldReleases} sends what was held as one catch-up once the session is over.
 */
@ApplicationScoped
public class SessionHolds {

    private final Sessions sessions;

    public SessionHolds(Sessions sessions) {
        this.sessions = sessions;
    }

    /** A session occurrence going on now. */
    public record Live(UUID sessionId, String title, Instant endsAt) {
    }

    /** A notification whose e-mail ({@code email}: it wanted one) and push wait for {@code live} to end. */
    record Held(boolean email, Live live) {
    }

    /** Of these users, those in a session now that they have a place at, with those sessions. */
    public Uni<Map<UUID, List<Live>>> live(Collection<UUID> users, Instant now) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.list("""
                        select r.user_id, s.id, s.title, s.starts_at, s.ends_at, s.time_zone, s.recurrence
                        from rsvps r join sessions s on s.id = r.session_id
                        where r.user_id = any(cast(?1 as uuid[])) and r.status = 'GOING' and not r.waitlisted
                            and not s.cancelled and s.starts_at <= ?2 and (s.recurrence is not null or s.ends_at > ?2)""",
                        Object[].class, users.stream().distinct().toArray(UUID[]::new), now.atOffset(ZoneOffset.UTC))
                .chain(rows -> {
                    List<UUID> series = rows.stream().filter(r -> r[6] != null).map(r -> (UUID) r[1]).distinct().toList();
                    return sessions.changes(series).map(changes -> {
                        Map<UUID, List<Live>> live = new HashMap<>();
                        for (Object[] r : rows) {
                            Instant start = Sql.instant(r[3]);
                            Duration length = Duration.between(start, Sql.instant(r[4]));
                            ZonedDateTime first = start.atZone(Texts.zone((String) r[5]));
                            for (ZonedDateTime occurrence : Recurrence.occurrences((String) r[6], first,
                                    now.minus(length), now.plusSeconds(1), changes.getOrDefault((UUID) r[1], List.of()))) {
                                Instant end = occurrence.toInstant().plus(length);
                                if (!occurrence.toInstant().isAfter(now) && end.isAfter(now)) {
                                    live.computeIfAbsent((UUID) r[0], u -> new ArrayList<>())
                                            .add(new Live((UUID) r[1], (String) r[2], end));
                                }
                            }
                        }
                        return live;
                    });
                });
    }

    /**
     * The session that holds a notification with this {@code link} back from someone in the
     * sessions {@code live} (the one ending last); null when they are in none, or when the
     * notification is about one of them.
     */
    static Live holding(List<Live> live, String link) {
        if (live == null || live.stream().anyMatch(l -> link.equals("/api/v1/sessions/" + l.sessionId()))) {
            return null;
        }
        return live.stream().max(Comparator.comparing(Live::endsAt)).orElse(null);
    }

    /**
     * Records those of the {@code stored} notifications that are held (by recipient), inside their
     * transaction; each person's hold lasts until the latest end.
     */
    Uni<Void> hold(List<NotificationStore.Stored> stored, Map<UUID, Held> byRecipient) {
        List<NotificationStore.Stored> held = stored.stream().filter(s -> byRecipient.containsKey(s.recipientId())).toList();
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Live> until = new LinkedHashMap<>();
        held.forEach(s -> until.put(s.recipientId(), byRecipient.get(s.recipientId()).live()));
        return Sql.execute("""
                        insert into held (notification_id, recipient_id, email)
                        select unnest(cast(?1 as uuid[])), unnest(cast(?2 as uuid[])), unnest(cast(?3 as boolean[]))
                        on conflict do nothing""",
                        held.stream().map(s -> s.notification().id()).toArray(UUID[]::new),
                        held.stream().map(NotificationStore.Stored::recipientId).toArray(UUID[]::new),
                        held.stream().map(s -> byRecipient.get(s.recipientId()).email()).toArray(Boolean[]::new))
                .chain(() -> Sql.execute("""
                        insert into holds (recipient_id, release_at, session_id)
                        select unnest(cast(?1 as uuid[])), unnest(cast(cast(?2 as text[]) as timestamptz[])),
                            unnest(cast(?3 as uuid[]))
                        on conflict (recipient_id) do update set release_at = excluded.release_at,
                            session_id = excluded.session_id
                        where holds.release_at < excluded.release_at""",
                        until.keySet().toArray(UUID[]::new),
                        until.values().stream().map(l -> l.endsAt().toString()).toArray(String[]::new),
                        until.values().stream().map(Live::sessionId).toArray(UUID[]::new)))
                .replaceWithVoid();
    }
}
