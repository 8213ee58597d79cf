package dev.nexus.notifications.recipient;

import java.util.UUID;

/** A user as texts and e-mail need them; an unknown user is "Someone" in UTC without an address. */
public record Person(UUID id, String name, String zone, String email) {

    static Person unknown(UUID id) {
        return new Person(id, "Someone", "UTC", "");
    }
}
