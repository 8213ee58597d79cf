package dev.nexus.sessions.rsvp;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

public final class RsvpViews {

    private RsvpViews() {
    }

    public record Answer(@NotNull Rsvp.Status status) {
    }

    /** The caller's answer; {@code position} (1 = next in line) only while waitlisted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RsvpView(Rsvp.Status status, boolean waitlisted, Integer position) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttendeeView(UUID userId, String displayName, Rsvp.Status status, boolean waitlisted,
            Instant respondedAt) {
    }
}
