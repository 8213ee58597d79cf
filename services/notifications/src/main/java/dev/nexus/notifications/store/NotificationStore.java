package dev.nexus.notifications.store;

import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Notification;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code notifications} table: one row per recipient and event (unique), listed newest first by
 * its insertion sequence. Call inside a session or transaction.
 */
@ApplicationScoped
public class NotificationStore {

    private static final String COLUMNS = "id, type, group_id, title, body, link, created_at, read_at, seq, recipient_id";

    private final Pool pool;

    public NotificationStore(Pool pool) {
        this.pool = pool;
    }

    /** A stored notification with its owner and place in the inbox order. */
    public record Stored(Notification notification, UUID recipientId, long seq) {
    }

    /** What an insert stored, and the id of its transaction ({@code pg_current_xact_id()}). */
    public record Inserted(List<Stored> stored, String transaction) {
    }

    /** Users' unread counts, and the snapshot ({@code pg_current_snapshot()}) they were counted in. */
    public record Counted(Map<UUID, Long> counts, String snapshot) {
    }

    /** How many were marked read, and the id of the transaction that did it. */
    public record Read(int count, String transaction) {
    }

    /**
     * Inserts what is not there yet: one notification per cause (an event, a reminder, a disabled
     * webhook) and recipient, so a cause handled twice adds nothing. {@code pushed}: the recipients it
     * is pushed to live (not in quiet hours nor held). Returns the rows inserted.
     */
    public Uni<Inserted> insert(UUID causeId, List<Draft> drafts, Set<UUID> pushed) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().item(new Inserted(List.of(), null));
        }
        Map<UUID, Draft> byRecipient = new HashMap<>();
        drafts.forEach(d -> byRecipient.put(d.recipientId(), d));
        return Sql.list("""
                        insert into notifications (id, recipient_id, event_id, type, group_id, title, body, link, push,
                            created_at)
                        select unnest(cast(?1 as uuid[])), unnest(cast(?2 as uuid[])), ?3, unnest(cast(?4 as text[])),
                            ?5, unnest(cast(?6 as text[])), unnest(cast(?7 as text[])), unnest(cast(?8 as text[])),
                            unnest(cast(?9 as boolean[])), now()
                        on conflict (event_id, recipient_id) do nothing
                        returning id, recipient_id, seq, created_at, pg_current_xact_id()::text""", Object[].class,
                        drafts.stream().map(d -> UUID.randomUUID()).toArray(UUID[]::new),
                        drafts.stream().map(Draft::recipientId).toArray(UUID[]::new),
                        causeId,
                        drafts.stream().map(d -> d.kind().key()).toArray(String[]::new),
                        drafts.get(0).groupId(),
                        drafts.stream().map(Draft::title).toArray(String[]::new),
                        drafts.stream().map(Draft::body).toArray(String[]::new),
                        drafts.stream().map(Draft::link).toArray(String[]::new),
                        drafts.stream().map(d -> pushed.contains(d.recipientId())).toArray(Boolean[]::new))
                .map(rows -> {
                    List<Stored> stored = new ArrayList<>(rows.size());
                    for (Object[] r : rows) {
                        Draft d = byRecipient.get((UUID) r[1]);
                        stored.add(new Stored(new Notification((UUID) r[0], d.kind().key(), d.groupId(), d.title(), d.body(),
                                d.link(), Sql.instant(r[3]), null), d.recipientId(), (Long) r[2]));
                    }
                    stored.sort(Comparator.comparingLong(Stored::seq));
                    return new Inserted(stored, rows.isEmpty() ? null : (String) rows.get(0)[4]);
                });
    }


    /**
     * What a client that last received {@code after} may have missed, oldest first (replay on
     * connect): the recipient's notifications after it in the inbox order, and those before it made
     * up to {@code overlap} earlier. Pushes arrive in commit order, which across replicas need not be
     * the inbox order: one made just before {@code after} may have committed, and been pushed, after
     * the client's socket dropped. The client drops ids it has. Nothing when {@code after} is not the
     * recipient's.
     */
    public Uni<List<Stored>> replay(UUID recipient, UUID after, Duration overlap, int limit) {
        return query("""
                with last as (select seq as last_seq, created_at as last_at from notifications
                              where id = ?2 and recipient_id = ?1)
                select %s from notifications, last where recipient_id = ?1
                  and (seq > last_seq or (seq < last_seq and created_at > last_at - make_interval(secs => ?3)))
                order by seq limit %d""".formatted(COLUMNS, limit), recipient, after, overlap.toMillis() / 1000.0);
    }

    /** The newest sequence in the inbox order; 0 when there is none. */
    public Uni<Long> lastSeq() {
        return Sql.list("select coalesce(max(seq), 0) from notifications", Long.class).map(rows -> rows.get(0));
    }

    /** The newest sequence of {@code recipient}'s notifications; 0 when they have none. */
    public Uni<Long> lastSeqOf(UUID recipient) {
        return Sql.list("select coalesce(max(seq), 0) from notifications where recipient_id = ?1", Long.class, recipient)
                .map(rows -> rows.get(0));
    }

    /** The recipients' notifications pushed live with a sequence in ({@code from}, {@code to}], as (recipient, seq) pairs. */
    public Uni<List<Object[]>> pushed(List<UUID> recipients, long from, long to) {
        return Sql.list("select recipient_id, seq from notifications where recipient_id = any(?1) and seq > ?2 and seq <= ?3"
                        + " and push",
                Object[].class, recipients.toArray(UUID[]::new), from, to);
    }

    /** The notifications with these sequences, in their order. */
    public Uni<List<Stored>> bySeq(List<Long> seqs) {
        return query("select " + COLUMNS + " from notifications where seq = any(?1) order by seq", (Object) seqs.toArray(Long[]::new));
    }

    /** The sequence of the recipient's notification {@code id}; null when it is not theirs. */
    public Uni<Long> seqOf(UUID recipient, UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select seq from notifications where id = ?1 and recipient_id = ?2", Long.class)
                .setParameter(1, id)
                .setParameter(2, recipient)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Page<Notification>> page(UUID recipient, boolean unreadOnly, String cursor, int limit) {
        long before = decode(cursor);
        return query("select " + COLUMNS + " from notifications where recipient_id = ?1 and seq < ?2"
                        + (unreadOnly ? " and read_at is null" : "") + " order by seq desc limit " + (limit + 1),
                recipient, before)
                .map(rows -> Page.of(rows, limit, Stored::notification, r -> encode(r.seq())));
    }

    /**
     * Unread counts of several users at once, committed rows only: on a connection of its own, never
     * in a session that happens to be open on the caller's Vert.x context. (An event's after-commit
     * work loads counts while the next event's transaction may be open on that context; counting its
     * uncommitted rows there would count them twice once their own delta moved the count.)
     */
    public Uni<Counted> unread(List<UUID> recipients) {
        return pool.preparedQuery("""
                        select u, (select count(*) from notifications where recipient_id = u and read_at is null),
                            pg_current_snapshot()::text
                        from unnest($1::uuid[]) as u""")
                .execute(Tuple.tuple().addArrayOfUUID(recipients.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    String snapshot = null;
                    for (Row r : rows) {
                        counts.put(r.getUUID(0), r.getLong(1));
                        snapshot = r.getString(2);
                    }
                    return new Counted(counts, snapshot);
                });
    }

    /** Marks one read; 404 when it is not the caller's. How many were read: 1 when it was unread, else 0. */
    public Uni<Read> markRead(UUID recipient, UUID id) {
        return read("id = ?1 and recipient_id = ?2", id, recipient)
                .call(read -> read.count() == 1 ? Uni.createFrom().voidItem() : seqOf(recipient, id).invoke(seq -> {
                    if (seq == null) {
                        throw ProblemException.notFound("No such notification.");
                    }
                }));
    }

    /** Marks every unread one read; returns how many were unread. */
    public Uni<Read> markAllRead(UUID recipient) {
        return read("recipient_id = ?1", recipient);
    }

    private static Uni<Read> read(String which, Object... params) {
        return Sql.list("""
                        with read as (update notifications set read_at = now() where %s and read_at is null returning 1)
                        select count(*)::int, pg_current_xact_id()::text from read""".formatted(which),
                        Object[].class, params)
                .map(rows -> new Read((Integer) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    private Uni<List<Stored>> query(String sql, Object... params) {
        return Sql.list(sql, Object[].class, params).map(rows -> {
            List<Stored> stored = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                stored.add(new Stored(new Notification((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                        (String) r[4], (String) r[5], Sql.instant(r[6]),
                        r[7] == null ? null : Sql.instant(r[7])), (UUID) r[9], (Long) r[8]));
            }
            return stored;
        });
    }

    private static String encode(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("n|" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        if (cursor.length() > Cursor.MAX_LENGTH) {
            throw Cursor.notACursor();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (!parts[0].equals("n")) {
                throw new IllegalArgumentException(cursor);
            }
            return Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            throw Cursor.notACursor();
        }
    }
}
