package dev.nexus.notes.note;

import dev.nexus.notes.access.Authors.Author;
import dev.nexus.notes.markdown.Markdown;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The notes API's payloads. On the views (responses), {@code @Schema} and the element constraints of
 * lists only describe what the service sends, for the OpenAPI document; nothing validates them.
 */
public final class NoteViews {

    /** Longest title and Markdown body accepted (characters). */
    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 100_000;
    public static final int MAX_TAGS = 10;
    public static final int MAX_TAG = 30;
    static final String TAG = "^[A-Za-z0-9][A-Za-z0-9+#._-]{0,29}$";
    static final String TAG_MESSAGE = "must be 1-30 letters, digits or +#._-";
    /** Some non-space character, across lines ([\s\S] rather than Java's (?s), which ECMAScript lacks). */
    static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";

    private NoteViews() {
    }

    public record CreateNote(
            @NotNull UUID groupId,
            UUID sessionId,
            @NotBlank @Size(max = MAX_TITLE) String title,
            @NotNull @Size(max = MAX_BODY) String body,
            @Size(max = MAX_TAGS) List<@NotNull @Size(max = MAX_TAG, message = TAG_MESSAGE)
                    @Pattern(regexp = TAG, message = TAG_MESSAGE) String> tags) {
    }

    /** Absent fields stay as they are. */
    public record UpdateNote(
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = MAX_TITLE) String title,
            @Size(max = MAX_BODY) String body,
            @Size(max = MAX_TAGS) List<@NotNull @Size(max = MAX_TAG, message = TAG_MESSAGE)
                    @Pattern(regexp = TAG, message = TAG_MESSAGE) String> tags) {
    }

    /** A note as GET /notes/{id} shows it: the Markdown and its sanitized HTML. */
    public record NoteView(UUID id, UUID groupId, UUID sessionId, Author author,
            @Schema(maxLength = MAX_TITLE) String title, @Schema(maxLength = MAX_BODY) String body,
            @Schema(maxLength = Markdown.MAX_HTML) String html,
            @Schema(maxItems = MAX_TAGS) List<@Size(max = MAX_TAG) String> tags,
            @Schema(minimum = "1") int revision, Instant createdAt, Instant updatedAt,
            @Schema(minimum = "0") long version) {
    }

    /** A note in a list: no body, the first lines as an excerpt. */
    public record NoteSummary(UUID id, UUID groupId, UUID sessionId, Author author,
            @Schema(maxLength = MAX_TITLE) String title, @Schema(maxLength = NoteService.EXCERPT + 1) String excerpt,
            @Schema(maxItems = MAX_TAGS) List<@Size(max = MAX_TAG) String> tags, @Schema(minimum = "1") int revision,
            Instant createdAt, Instant updatedAt) {
    }

    public record RevisionView(@Schema(minimum = "1") int number, Author author,
            @Schema(maxLength = MAX_TITLE) String title, @Schema(maxLength = MAX_BODY) String body,
            @Schema(maxItems = MAX_TAGS) List<@Size(max = MAX_TAG) String> tags, Instant createdAt) {
    }
}
