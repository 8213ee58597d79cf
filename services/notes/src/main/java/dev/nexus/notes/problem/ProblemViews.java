package dev.nexus.notes.problem;

import dev.nexus.notes.access.Authors.Author;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The problems API's payloads. */
public final class ProblemViews {

    private ProblemViews() {
    }

    public record CreateProblem(
            @NotNull UUID groupId,
            UUID sessionId,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 50_000) String statement,
            @Size(max = 2_000) @Pattern(regexp = "(?i)https?://\\S+", message = "must be an http(s) URL") String link) {
    }

    /**
     * A problem. {@code solutionsVisible}: whether the caller may read other members' solutions
     * (they solved it, revealed them, posed it, or organize the group).
     */
    public record ProblemView(UUID id, UUID groupId, UUID sessionId, Author author, String title, String statement,
            String html, String link, UUID acceptedSolutionId, long solutionCount, boolean solutionsVisible,
            Instant createdAt) {
    }

    /** A problem in a list: the statement's first lines only. */
    public record ProblemSummary(UUID id, UUID groupId, UUID sessionId, Author author, String title, String excerpt,
            String link, UUID acceptedSolutionId, Instant createdAt) {
    }
}
