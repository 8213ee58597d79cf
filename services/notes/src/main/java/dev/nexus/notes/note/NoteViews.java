package dev.nexus.notes.note;

import dev.nexus.notes.access.Authors.Author;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The notes API's payloads. */
public final class NoteViews {

    /** Longest title and Markdown body accepted (characters). */
    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 100_000;
    static final String TAG = "[A-Za-z0-9][A-Za-z0-9+#._-]{0,29}";
    static final String NOT_BLANK = "(?s).*\\S.*";

    private NoteViews() {
    }

    public record CreateNote(
            @NotNull UUID groupId,
            UUID sessionId,
            @NotBlank @Size(max = MAX_TITLE) String title,
            @NotNull @Size(max = MAX_BODY) String body,
            @Size(max = 10) List<@NotNull @Pattern(regexp = TAG, message = "must be 1-30 letters, digits or +#._-")
                    String> tags) {
    }

    /** Absent fields stay as they are. */
    public record UpdateNote(
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = MAX_TITLE) String title,
            @Size(max = MAX_BODY) String body,
            @Size(max = 10) List<@NotNull @Pattern(regexp = TAG, message = "must be 1-30 letters, digits or +#._-")
                    String> tags) {
    }

    /** A note as GET /notes/{id} shows it: the Markdown and its sanitized HTML. */
    public record NoteView(UUID id, UUID groupId, UUID sessionId, Author author, String title, String body,
            String html, List<String> tags, int revision, Instant createdAt, Instant updatedAt, long version) {
    }

    /** A note in a list: no body, the first lines as an excerpt. */
    public record NoteSummary(UUID id, UUID groupId, UUID sessionId, Author author, String title, String excerpt,
            List<String> tags, int revision, Instant createdAt, Instant updatedAt) {
    }

    public record RevisionView(int number, Author author, String title, String body, List<String> tags,
            Instant createdAt) {
    }
}
