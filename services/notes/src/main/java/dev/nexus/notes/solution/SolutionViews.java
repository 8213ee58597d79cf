package dev.nexus.notes.solution;

import dev.nexus.notes.access.Authors.Author;
import dev.nexus.notes.markdown.Markdown;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The solutions API's payloads; {@code @Schema} on the views describes them for the OpenAPI document. */
public final class SolutionViews {

    public static final int MAX_BODY = 100_000;
    public static final int MAX_LANGUAGE = 30;

    private SolutionViews() {
    }

    public record PostSolution(
            @NotBlank @Size(max = MAX_BODY) String body,
            @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9+#._-]{0,29}$",
                    message = "must be a language name such as java, python or c++")
            @Schema(maxLength = MAX_LANGUAGE) String language) {
    }

    /** {@code 1} votes for the solution, {@code 0} takes the caller's vote back. */
    public record Vote(@NotNull @Min(value = 0, message = "must be 1 (vote) or 0 (take the vote back)")
            @Max(value = 1, message = "must be 1 (vote) or 0 (take the vote back)") Integer value) {
    }

    public record VoteView(UUID solutionId, @Schema(minimum = "0", maximum = "1") int value,
            @Schema(minimum = "0") int votes) {
    }

    /**
     * A solution. {@code withheld}: the spoiler guard hides its body from the caller ({@code body}
     * and {@code html} are null) until they post a solution or reveal the problem's solutions.
     */
    public record SolutionView(UUID id, UUID problemId, UUID groupId, Author author,
            @Schema(maxLength = MAX_LANGUAGE) String language, @Schema(minimum = "0") int votes, boolean accepted,
            @Schema(maxLength = MAX_BODY) String body, @Schema(maxLength = Markdown.MAX_HTML) String html,
            boolean withheld, Instant createdAt) {

        SolutionView withBodyWithheld() {
            return new SolutionView(id, problemId, groupId, author, language, votes, accepted, null, null, true,
                    createdAt);
        }
    }
}
