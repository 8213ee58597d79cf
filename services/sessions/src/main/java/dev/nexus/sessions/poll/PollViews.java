package dev.nexus.sessions.poll;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.contracts.Events;
import dev.nexus.platform.validation.HttpUrl;
import dev.nexus.platform.validation.IanaTimeZone;
import dev.nexus.sessions.poll.PollAnswer.Answer;
import dev.nexus.sessions.session.SessionViews;
import dev.nexus.sessions.session.SessionViews.InYourZone;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the poll endpoints. */
public final class PollViews {

    public static final int MAX_SLOTS = 50;
    /** The most members listed under one slot (a group's size is not bounded, a document is). */
    public static final int MAX_LISTED = 1000;

    private PollViews() {
    }

    /**
     * {@code timeZone}: where the chosen slot will be scheduled (a series keeps its wall-clock time
     * there); {@code deadline}: answers are taken until then, no later than the last slot's start.
     */
    public record CreatePoll(
            @NotBlank @Size(max = SessionViews.MAX_TITLE) String title,
            @Size(max = SessionViews.MAX_DESCRIPTION) String description,
            @NotNull @IanaTimeZone @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone,
            @NotNull OffsetDateTime deadline,
            @NotNull @Size(min = 1, max = MAX_SLOTS, message = "give 1 to 50 slots") List<@Valid @NotNull Slot> slots) {
    }

    /** A candidate time: RFC 3339 with an offset, and 5-720 minutes. */
    public record Slot(@NotNull OffsetDateTime startsAt,
            @NotNull @Min(SessionViews.MIN_DURATION) @Max(SessionViews.MAX_DURATION) Integer durationMinutes) {
    }

    /** The caller's answers; they replace any earlier ones (a slot left out has no answer). */
    public record AnswerPoll(
            @NotNull @Size(min = 1, max = MAX_SLOTS, message = "give 1 to 50 answers") List<@Valid @NotNull SlotAnswer> answers) {
    }

    public record SlotAnswer(@NotNull UUID slotId, @NotNull Answer answer) {
    }

    /** The slot to schedule, and optionally what a scheduled session has besides its time. */
    public record ClosePoll(@NotNull UUID slotId,
            @Size(max = SessionViews.MAX_RECURRENCE) String recurrence,
            @Min(value = 1, message = "must be 1 to 1000") @Max(value = SessionViews.MAX_CAPACITY, message = "must be 1 to 1000")
            Integer capacity,
            @Size(max = SessionViews.MAX_MEETING_URL) @HttpUrl @Schema(format = "uri") String meetingUrl) {
    }

    public enum Status {
        OPEN, CLOSED
    }

    /**
     * A poll; times in its zone, each slot also in the caller's ({@code inYourZone}).
     * {@code respondents}: how many members answered.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PollView(UUID id, UUID groupId, @Schema(maxLength = SessionViews.MAX_TITLE) String title,
            @Schema(maxLength = SessionViews.MAX_DESCRIPTION) String description,
            @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone, OffsetDateTime deadline, UUID organizerId,
            Status status, @Schema(minimum = "0") int respondents, @Schema(maxItems = MAX_SLOTS) List<SlotView> slots,
            UUID chosenSlotId, UUID sessionId, OffsetDateTime closedAt, OffsetDateTime createdAt) {
    }

    /** A slot with its counts, the caller's own answer (null when none) and who answered what. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SlotView(UUID id, OffsetDateTime startsAt, OffsetDateTime endsAt,
            @Schema(minimum = "" + SessionViews.MIN_DURATION, maximum = "" + SessionViews.MAX_DURATION) int durationMinutes,
            InYourZone inYourZone, @Schema(minimum = "0") int yes, @Schema(minimum = "0") int ifNeedBe,
            @Schema(minimum = "0") int no, Answer yourAnswer, @Schema(maxItems = MAX_LISTED) List<Answerer> answers) {
    }

    public record Answerer(UUID userId, @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName, Answer answer) {
    }
}
