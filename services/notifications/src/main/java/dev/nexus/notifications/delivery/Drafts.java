package dev.nexus.notifications.delivery;

import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.recipient.Person;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cause's drafts with the recipients read to render them, so that delivery need not read them
 * again (a recipient missing from {@code recipients} is read by delivery).
 */
public record Drafts(List<Draft> drafts, Map<UUID, Person> recipients) {

    public static final Drafts NONE = new Drafts(List.of(), Map.of());

    public static Drafts of(Draft draft) {
        return new Drafts(List.of(draft), Map.of());
    }
}
