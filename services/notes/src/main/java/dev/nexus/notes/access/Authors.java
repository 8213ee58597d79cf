package dev.nexus.notes.access;

import dev.nexus.contracts.Events;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Display names of authors, from the users projection, one query per list. */
@ApplicationScoped
public class Authors {

    /** An author as the API shows them; the name is "" until identity's event arrived. */
    public record Author(UUID id, @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName) {
    }

    public Uni<Map<UUID, Author>> of(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select id, display_name from users where id = any(?1)", Object[].class)
                .setParameter(1, ids.stream().distinct().toArray(UUID[]::new))
                .getResultList())
                .map(rows -> {
                    Map<UUID, Author> authors = new HashMap<>();
                    ids.forEach(id -> authors.put(id, new Author(id, "")));
                    rows.forEach(r -> authors.put((UUID) r[0], new Author((UUID) r[0], (String) r[1])));
                    return authors;
                });
    }

    public Uni<Author> of(UUID id) {
        return of(List.of(id)).map(authors -> authors.get(id));
    }
}
