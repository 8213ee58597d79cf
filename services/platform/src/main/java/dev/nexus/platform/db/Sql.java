package dev.nexus.platform.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Native SQL in the current Hibernate Reactive session, with positional parameters ?1, ?2, … */
public final class Sql {

    private Sql() {
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
