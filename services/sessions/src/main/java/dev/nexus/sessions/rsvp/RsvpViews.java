package dev.nexus.sessions.rsvp;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.contracts.Events;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class RsvpViews {

    private RsvpViews() {
    }

    public record Answer(@NotNull Rsvp.Status status) {
    }

    /** The caller's answer; {@code position} (1 = next in line) only while waitlisted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RsvpView(Rsvp.Status status, boolean waitlisted, @Schema(minimum = "1") Integer position) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttendeeView(UUID userId, @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName,
            Rsvp.Status status, boolean waitlisted,
            Instant respondedAt) {
    }
}
