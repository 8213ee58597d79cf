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

    /** The group's name; "your group" while it is not known here. */
    public Uni<String> name(UUID id) {
        return Sql.list("select name from groups where id = ?1", String.class, id)
                .map(names -> names.isEmpty() ? "your group" : names.get(0));
    }
}
