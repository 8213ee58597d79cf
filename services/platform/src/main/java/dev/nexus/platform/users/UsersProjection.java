package dev.nexus.platform.users;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.UserRegistered;
import dev.nexus.contracts.Events.UserUpdated;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.events.EventHandler.AfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the {@code users} table (migration {@code db/users}) of a consuming service in step with
 * identity's {@code user.*} events. The newest event wins, whatever order they arrive in. E-mail
 * addresses are kept only where {@code nexus.users.keep-email} is set (notifications sends mail).
 */
@ApplicationScoped
public class UsersProjection implements EventHandler {

    private final boolean keepEmail;

    public UsersProjection(@ConfigProperty(name = "nexus.users.keep-email", defaultValue = "false") boolean keepEmail) {
        this.keepEmail = keepEmail;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.USER_REGISTERED, EventType.USER_UPDATED);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        if (event.data() instanceof UserRegistered u) {
            return upsert(event, u.userId(), u.displayName(), u.timeZone(), u.email());
        }
        UserUpdated u = (UserUpdated) event.data();
        return upsert(event, u.userId(), u.displayName(), u.timeZone(), u.email());
    }

    private Uni<AfterCommit> upsert(CloudEvent<?> event, UUID id, String displayName, String timeZone, String email) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into users (id, display_name, time_zone, email, updated_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (id) do update set display_name = excluded.display_name,
                            time_zone = excluded.time_zone, email = excluded.email, updated_at = excluded.updated_at
                        where users.updated_at <= excluded.updated_at""")
                .setParameter(1, id)
                .setParameter(2, displayName)
                .setParameter(3, timeZone)
                .setParameter(4, keepEmail ? email : "")
                .setParameter(5, event.time().atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .replaceWith(AfterCommit.NOTHING);
    }
}
