package dev.nexus.sessions.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.platform.validation.IanaTimeZone;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Request and response bodies of the coding-session endpoints. */
public final class SessionViews {

    private SessionViews() {
    }

    /**
     * {@code startsAt} is RFC 3339 with an offset; {@code timeZone} is where the session happens
     * (recurrence keeps its wall-clock time there).
     */
    public record ScheduleSession(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 10_000) String description,
            @NotNull OffsetDateTime startsAt,
            @NotNull @Min(5) @Max(720) Integer durationMinutes,
            @NotNull @IanaTimeZone String timeZone,
            @Positive Integer capacity,
            @Size(max = 500) String recurrence,
            @Size(max = 2000) @Pattern(regexp = "(?i)https?://\\S+", message = "must be an http:// or https:// URL")
            String meetingUrl) {
    }

    /**
     * Absent fields stay as they are; send the session's ETag in If-Match. {@code recurrence} ""
     * turns a series into a single session; {@code meetingUrl} "" removes the link.
     */
    public record UpdateSession(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @Size(max = 10_000) String description,
            OffsetDateTime startsAt,
            @Min(5) @Max(720) Integer durationMinutes,
            @IanaTimeZone String timeZone,
            @Positive Integer capacity,
            @Size(max = 2000) @Pattern(regexp = "(?i)(https?://\\S+)?", message = "must be an http:// or https:// URL")
            String meetingUrl,
            @Size(max = 500) String recurrence) {
    }

    /** Moves one occurrence of a series. */
    public record MoveOccurrence(@NotNull OffsetDateTime startsAt) {
    }

    public record CancelSession(@Size(max = 1000) String reason) {
    }

    /** A session (series) as stored; times in the session's zone. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SessionView(UUID id, UUID groupId, String title, String description, OffsetDateTime startsAt,
            OffsetDateTime endsAt, int durationMinutes, String timeZone, Integer capacity, String recurrence,
            String meetingUrl, UUID organizerId, boolean cancelled, String cancelReason, long version) {
    }

    /** One occurrence in a list: a single session, or one date of a series. */
    public record OccurrenceView(UUID sessionId, UUID groupId, String title, OffsetDateTime startsAt,
            OffsetDateTime endsAt, String timeZone, boolean recurring) {
    }
}
