package dev.nexus.sessions.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.platform.validation.HttpUrl;
import dev.nexus.platform.validation.IanaTimeZone;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/** Request and response bodies of the coding-session endpoints. */
public final class SessionViews {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MIN_DURATION = 5;
    public static final int MAX_DURATION = 720;
    public static final int MAX_CAPACITY = 1000;
    public static final int MAX_RECURRENCE = 500;
    public static final int MAX_MEETING_URL = 2000;
    public static final int MAX_REASON = 1000;
    /** http:// or https:// in any case, then no space (anchored, and valid in Java and ECMAScript alike). */
    private SessionViews() {
    }

    /**
     * {@code startsAt} is RFC 3339 with an offset; {@code timeZone} is where the session happens
     * (recurrence keeps its wall-clock time there).
     */
    public record ScheduleSession(
            @NotBlank @Size(max = MAX_TITLE) String title,
            @Size(max = MAX_DESCRIPTION) String description,
            @NotNull OffsetDateTime startsAt,
            @NotNull @Min(MIN_DURATION) @Max(MAX_DURATION) Integer durationMinutes,
            @NotNull @IanaTimeZone @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone,
            @Min(value = 1, message = "must be 1 to 1000") @Max(value = MAX_CAPACITY, message = "must be 1 to 1000")
            Integer capacity,
            @Size(max = MAX_RECURRENCE) String recurrence,
            @Size(max = MAX_MEETING_URL) @HttpUrl @Schema(format = "uri") String meetingUrl) {
    }

    /**
     * Absent fields stay as they are; send the session's ETag in If-Match. {@code recurrence} ""
     * turns a series into a single session; {@code meetingUrl} "" removes the link.
     */
    public record UpdateSession(
            @Size(min = 1, max = MAX_TITLE) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @Size(max = MAX_DESCRIPTION) String description,
            OffsetDateTime startsAt,
            @Min(MIN_DURATION) @Max(MAX_DURATION) Integer durationMinutes,
            @IanaTimeZone @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone,
            @Min(value = 1, message = "must be 1 to 1000") @Max(value = MAX_CAPACITY, message = "must be 1 to 1000")
            Integer capacity,
            @Size(max = MAX_MEETING_URL) @HttpUrl(emptyAllowed = true) @Schema(format = "uri") String meetingUrl,
            @Size(max = MAX_RECURRENCE) String recurrence) {
    }

    /** Moves one occurrence of a series. */
    public record MoveOccurrence(@NotNull OffsetDateTime startsAt) {
    }

    public record CancelSession(@Size(max = MAX_REASON) String reason) {
    }

    /** A session's or occurrence's times in the caller's own zone; {@link CallerZone} adds it to every answer. */
    public record InYourZone(@Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone, OffsetDateTime startsAt,
            OffsetDateTime endsAt) {
    }

    /** A session (series) as stored; times in the session's zone. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(properties = @SchemaProperty(name = "inYourZone", implementation = InYourZone.class))
    public record SessionView(UUID id, UUID groupId, @Schema(maxLength = MAX_TITLE) String title,
            @Schema(maxLength = MAX_DESCRIPTION) String description, OffsetDateTime startsAt, OffsetDateTime endsAt,
            @Schema(minimum = "" + MIN_DURATION, maximum = "" + MAX_DURATION) int durationMinutes,
            @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone,
            @Schema(minimum = "1", maximum = "" + MAX_CAPACITY) Integer capacity,
            @Schema(maxLength = MAX_RECURRENCE) String recurrence,
            @Schema(maxLength = MAX_MEETING_URL, format = "uri") String meetingUrl, UUID organizerId,
            boolean cancelled, @Schema(maxLength = MAX_REASON) String cancelReason,
            @Schema(minimum = "0") long version) {
    }

    /** One occurrence in a list: a single session, or one date of a series. */
    @Schema(properties = @SchemaProperty(name = "inYourZone", implementation = InYourZone.class))
    public record OccurrenceView(UUID sessionId, UUID groupId, @Schema(maxLength = MAX_TITLE) String title,
            OffsetDateTime startsAt, OffsetDateTime endsAt,
            @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone,
            boolean recurring) {
    }
}
