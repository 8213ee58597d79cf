package dev.nexus.notifications.projection;

import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The {@code groups} projection (migration V1): group names for the texts. */
@ApplicationScoped
public class Groups {

    public Uni<Void> named(UUID id, String name) {
        return Sql.execute("insert into groups (id, name) values (?1, ?2) on conflict (id) do update set name = excluded.name",
                id, name).replaceWithVoid();
    }

    /**
     * Holds the group until the current transaction ends: handlers that read the group's members and
     * those that change them take it first, so that of two such events handled at once on different
     * replicas or consumers, the later sees what the earlier committed.
     */
    public Uni<Void> lock(UUID id) {
        return Sql.list("select pg_advisory_xact_lock(hashtextextended(?1, 0))::text", String.class, id.toString())
                .replaceWithVoid();
    }

    /** The group's name; "your group" while it is not known here. */
    public Uni<String> name(UUID id) {
        return Sql.list("select name from groups where id = ?1", String.class, id)
                .map(names -> names.isEmpty() ? "your group" : names.get(0));
    }
}
