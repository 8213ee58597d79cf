package dev.nexus.notes.solution;

import dev.nexus.notes.access.Authors.Author;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The solutions API's payloads. */
public final class SolutionViews {

    private SolutionViews() {
    }

    public record PostSolution(
            @NotBlank @Size(max = 100_000) String body,
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9+#._-]{0,29}",
                    message = "must be a language name such as java, python or c++") String language) {
    }

    /** {@code 1} votes for the solution, {@code 0} takes the caller's vote back. */
    public record Vote(@NotNull @Min(value = 0, message = "must be 1 (vote) or 0 (take the vote back)")
            @Max(value = 1, message = "must be 1 (vote) or 0 (take the vote back)") Integer value) {
    }

    public record VoteView(UUID solutionId, int value, int votes) {
    }

    /**
     * A solution. {@code withheld}: the spoiler guard hides its body from the caller ({@code body}
     * and {@code html} are null) until they post a solution or reveal the problem's solutions.
     */
    public record SolutionView(UUID id, UUID problemId, UUID groupId, Author author, String language, int votes,
            boolean accepted, String body, String html, boolean withheld, Instant createdAt) {

        SolutionView withBodyWithheld() {
            return new SolutionView(id, problemId, groupId, author, language, votes, accepted, null, null, true,
                    createdAt);
        }
    }
}
