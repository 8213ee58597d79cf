package dev.nexus.notifications.notify;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Names, zones and addresses from the users projection; call inside a session. */
@ApplicationScoped
public class People {

    /** A user as texts and e-mail need them; unknown users are "Someone" in UTC without an address. */
    public record Person(UUID id, String name, String zone, String email) {
    }

    public Uni<Map<UUID, Person>> of(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id, display_name, time_zone, email from users where id = any(?1)", Object[].class)
                .setParameter(1, ids.stream().distinct().toArray(UUID[]::new))
                .getResultList())
                .map(rows -> {
                    Map<UUID, Person> people = new HashMap<>();
                    ids.forEach(id -> people.put(id, new Person(id, "Someone", "UTC", "")));
                    rows.forEach(r -> people.put((UUID) r[0],
                            new Person((UUID) r[0], (String) r[1], (String) r[2], (String) r[3])));
                    return people;
                });
    }

    public Uni<Person> of(UUID id) {
        return of(java.util.List.of(id)).map(people -> people.get(id));
    }
}
