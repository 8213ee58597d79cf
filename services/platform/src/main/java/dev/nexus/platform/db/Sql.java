package dev.nexus.platform.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Native SQL in the current Hibernate Reactive session, with positional parameters ?1, ?2, … */
public final class Sql {

    private Sql() {
    }

    /** The rows of a query, each as {@code type} (an entity, a scalar, or {@code Object[]}). */
    public static <R> Uni<List<R>> list(String sql, Class<R> type, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, type);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        });
    }

    /** A {@code timestamptz} column as native queries return it. */
    public static Instant instant(Object value) {
        return value instanceof Instant i ? i : ((OffsetDateTime) value).toInstant();
    }

    /** Runs an insert, update or delete; the number of rows it changed. */
    public static Uni<Integer> execute(String sql, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }
}
