package dev.nexus.gateway.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** Notes, problems, solutions and comments as GraphQL types: the notes service's REST documents. */
public final class NoteTypes {

    private NoteTypes() {
    }

    public enum SolutionSort { TOP, NEW }

    public enum CommentTarget { NOTE, SOLUTION }

    public record Author(@Id String id, String displayName) {
    }

    @Description("A note: Markdown body and its sanitized HTML")
    public record Note(@Id String id, @Id String groupId, @Id String sessionId, Author author, String title,
            String body, String html, List<String> tags, int revision, String createdAt, String updatedAt,
            int version) {
    }

    public record NoteSummary(@Id String id, @Id String groupId, @Id String sessionId, Author author, String title,
            String excerpt, List<String> tags, int revision, String createdAt, String updatedAt) {
    }

    public record NoteConnection(List<NoteSummary> items, String nextCursor) {
    }

    public record Revision(int number, Author author, String title, String body, List<String> tags,
            String createdAt) {
    }

    public record RevisionConnection(List<Revision> items, String nextCursor) {
    }

    @Description("withheld: the body is hidden by the spoiler guard until the caller solved or revealed the problem")
    public record Comment(@Id String id, String targetType, @Id String targetId, Author author, String body,
            String html, List<String> mentionedUserIds, boolean withheld, String createdAt) {
    }

    public record CommentConnection(List<Comment> items, String nextCursor) {
    }

    public record Problem(@Id String id, @Id String groupId, @Id String sessionId, Author author, String title,
            String statement, String html, String link, @Id String acceptedSolutionId, int solutionCount,
            boolean solutionsVisible, String createdAt) {
    }

    public record ProblemSummary(@Id String id, @Id String groupId, @Id String sessionId, Author author,
            String title, String excerpt, String link, @Id String acceptedSolutionId, String createdAt) {
    }

    public record ProblemConnection(List<ProblemSummary> items, String nextCursor) {
    }

    @Description("withheld: body and html are null until the caller posted a solution or called reveal")
    public record Solution(@Id String id, @Id String problemId, @Id String groupId, Author author, String language,
            int votes, boolean accepted, String body, String html, boolean withheld, String createdAt) {
    }

    public record SolutionConnection(List<Solution> items, String nextCursor) {
    }

    public record Vote(@Id String solutionId, int value, int votes) {
    }

    @Input("NoteInput")
    @Description("For postNote: groupId, title and body are required. For editNote: absent fields stay.")
    public record NoteInput(@Id String groupId, @Id String sessionId, String title, String body, List<String> tags) {
    }

    @Input("ProblemInput")
    public record ProblemInput(@Id String groupId, @Id String sessionId, String title, String statement,
            String link) {
    }

    @Input("SolutionInput")
    public record SolutionInput(String body, String language) {
    }
}
