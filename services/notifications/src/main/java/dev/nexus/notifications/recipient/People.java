package dev.nexus.notifications.recipient;

import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Names, zones and addresses from the users projection (platform UsersProjection); call inside a session. */
@ApplicationScoped
public class People {

    public Uni<Map<UUID, Person>> of(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.list("select id, display_name, time_zone, email from users where id = any(?1)", Object[].class,
                        (Object) ids.stream().distinct().toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Person> people = new HashMap<>();
                    ids.forEach(id -> people.put(id, Person.unknown(id)));
                    rows.forEach(r -> people.put((UUID) r[0],
                            new Person((UUID) r[0], (String) r[1], (String) r[2], (String) r[3])));
                    return people;
                });
    }

    public Uni<Person> of(UUID id) {
        return of(List.of(id)).map(people -> people.get(id));
    }
}
