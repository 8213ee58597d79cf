package dev.nexus.notifications.preference;

import dev.nexus.notifications.recipient.Preference;
import dev.nexus.notifications.recipient.Preferences;
import dev.nexus.notifications.reminder.Reminders;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A person's notification preferences; replacing them re-plans their reminders in the same transaction. */
@ApplicationScoped
public class PreferenceService {

    private final Preferences preferences;
    private final Reminders reminders;

    public PreferenceService(Preferences preferences, Reminders reminders) {
        this.preferences = preferences;
        this.reminders = reminders;
    }

    public Uni<Preference> get(UUID user) {
        return Panache.withSession(() -> preferences.of(user));
    }

    public Uni<Void> replace(UUID user, Preference preference) {
        return Panache.withTransaction(() -> preferences.save(user, preference).chain(() -> reminders.planFor(user)));
    }
}
