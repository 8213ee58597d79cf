package dev.nexus.notes.problem;

import dev.nexus.notes.access.Authors.Author;
import dev.nexus.notes.markdown.Markdown;
import dev.nexus.platform.validation.HttpUrl;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The problems API's payloads; {@code @Schema} on the views describes them for the OpenAPI document. */
public final class ProblemViews {

    public static final int MAX_TITLE = 200;
    public static final int MAX_STATEMENT = 50_000;
    public static final int MAX_LINK = 2_000;

    private ProblemViews() {
    }

    public record CreateProblem(
            @NotNull UUID groupId,
            UUID sessionId,
            @NotBlank @Size(max = MAX_TITLE) String title,
            @NotBlank @Size(max = MAX_STATEMENT) String statement,
            @Size(max = MAX_LINK) @HttpUrl @Schema(format = "uri") String link) {
    }

    /**
     * A problem. {@code solutionsVisible}: whether the caller may read other members' solutions
     * (they solved it, revealed them, posed it, or organize the group).
     */
    public record ProblemView(UUID id, UUID groupId, UUID sessionId, Author author,
            @Schema(maxLength = MAX_TITLE) String title, @Schema(maxLength = MAX_STATEMENT) String statement,
            @Schema(maxLength = Markdown.MAX_HTML) String html,
            @Schema(maxLength = MAX_LINK, format = "uri") String link,
            UUID acceptedSolutionId, @Schema(minimum = "0") long solutionCount, boolean solutionsVisible,
            Instant createdAt) {
    }

    /** A problem in a list: the statement's first lines only. */
    public record ProblemSummary(UUID id, UUID groupId, UUID sessionId, Author author,
            @Schema(maxLength = MAX_TITLE) String title, @Schema(maxLength = ProblemService.EXCERPT + 1) String excerpt,
            @Schema(maxLength = MAX_LINK, format = "uri") String link, UUID acceptedSolutionId, Instant createdAt) {
    }
}
