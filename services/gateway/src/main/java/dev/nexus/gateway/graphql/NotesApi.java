package dev.nexus.gateway.graphql;

import static dev.nexus.gateway.graphql.Paths.path;
import static dev.nexus.gateway.graphql.Paths.query;

import dev.nexus.gateway.graphql.NoteTypes.Comment;
import dev.nexus.gateway.graphql.NoteTypes.CommentConnection;
import dev.nexus.gateway.graphql.NoteTypes.CommentTarget;
import dev.nexus.gateway.graphql.NoteTypes.Note;
import dev.nexus.gateway.graphql.NoteTypes.NoteConnection;
import dev.nexus.gateway.graphql.NoteTypes.NoteInput;
import dev.nexus.gateway.graphql.NoteTypes.Problem;
import dev.nexus.gateway.graphql.NoteTypes.ProblemConnection;
import dev.nexus.gateway.graphql.NoteTypes.ProblemInput;
import dev.nexus.gateway.graphql.NoteTypes.RevisionConnection;
import dev.nexus.gateway.graphql.NoteTypes.Solution;
import dev.nexus.gateway.graphql.NoteTypes.SolutionConnection;
import dev.nexus.gateway.graphql.NoteTypes.SolutionInput;
import dev.nexus.gateway.graphql.NoteTypes.SolutionSort;
import dev.nexus.gateway.graphql.NoteTypes.Vote;
import dev.nexus.gateway.graphql.SessionTypes.Group;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Notes, problems, solutions and comments, resolved through the notes service's REST API. */
@GraphQLApi
public class NotesApi {

    private final Rest rest;
    private final Caller caller;

    NotesApi(Rest rest, Caller caller) {
        this.rest = rest;
        this.caller = caller;
    }

    @Description("The group's notes, newest first; tag and q (full-text search) narrow them")
    public Uni<NoteConnection> notes(@Source Group group, String tag, String q, Integer first, String after) {
        return rest.get(caller.authorization(), "/api/v1/notes"
                + query("groupId", group.id(), "tag", tag, "q", q, "limit", first, "cursor", after), NoteConnection.class);
    }

    @Description("The group's problems, newest first; q searches their titles and statements")
    public Uni<ProblemConnection> problems(@Source Group group, String q, Integer first, String after) {
        return rest.get(caller.authorization(), "/api/v1/problems"
                + query("groupId", group.id(), "q", q, "limit", first, "cursor", after), ProblemConnection.class);
    }

    @Query
    @Description("A note, with its Markdown body and sanitized HTML")
    public Uni<Note> note(@NonNull @Id String id) {
        return rest.get(caller.authorization(), path("/api/v1/notes/%s", id), Note.class);
    }

    @Description("Earlier versions of the note, newest first")
    public Uni<RevisionConnection> revisions(@Source Note note, Integer first, String after) {
        return rest.get(caller.authorization(),
                path("/api/v1/notes/%s/revisions", note.id()) + query("limit", first, "cursor", after),
                RevisionConnection.class);
    }

    @Description("Comments on the note, oldest first")
    public Uni<CommentConnection> comments(@Source Note note, Integer first, String after) {
        return comments("notes", note.id(), first, after);
    }

    @Description("Comments on the solution; withheld like the solution itself")
    public Uni<CommentConnection> comments(@Source Solution solution, Integer first, String after) {
        return comments("solutions", solution.id(), first, after);
    }

    private Uni<CommentConnection> comments(String targets, String id, Integer first, String after) {
        return rest.get(caller.authorization(),
                path("/api/v1/" + targets + "/%s/comments", id) + query("limit", first, "cursor", after),
                CommentConnection.class);
    }

    @Query
    @Description("A problem")
    public Uni<Problem> problem(@NonNull @Id String id) {
        return rest.get(caller.authorization(), path("/api/v1/problems/%s", id), Problem.class);
    }

    @Description("The problem's solutions: TOP (most votes, the accepted one first) or NEW. Other members' bodies"
            + " are withheld until the caller posted a solution or called revealSolutions.")
    public Uni<SolutionConnection> solutions(@Source Problem problem, @DefaultValue("TOP") SolutionSort sort,
            Integer first, String after) {
        return rest.get(caller.authorization(), path("/api/v1/problems/%s/solutions", problem.id())
                + query("sort", sort.name().toLowerCase(Locale.ROOT), "limit", first, "cursor", after),
                SolutionConnection.class);
    }

    @Query
    @Description("A solution")
    public Uni<Solution> solution(@NonNull @Id String id) {
        return rest.get(caller.authorization(), path("/api/v1/solutions/%s", id), Solution.class);
    }

    @Mutation
    @Description("Posts a note to a group (optionally about one of its sessions)")
    public Uni<Note> postNote(@NonNull NoteInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), "/api/v1/notes", input, Note.class);
    }

    @Mutation
    @Description("Edits a note (its author or the group's organizers), keeping the old text as a revision;"
            + " version: the one last read, or absent to overwrite whatever is current")
    public Uni<Note> editNote(@NonNull @Id String id, @NonNull NoteInput input, Integer version) {
        Map<String, Object> changes = new java.util.HashMap<>();
        if (input.title() != null) {
            changes.put("title", input.title());
        }
        if (input.body() != null) {
            changes.put("body", input.body());
        }
        if (input.tags() != null) {
            changes.put("tags", input.tags());
        }
        return rest.call(HttpMethod.PATCH, caller.authorization(), path("/api/v1/notes/%s", id), changes,
                Paths.ifMatch(version), Note.class);
    }

    @Mutation
    @Description("Comments on a note or a solution; @displayName mentions a member")
    public Uni<Comment> addComment(@NonNull CommentTarget target, @NonNull @Id String id, @NonNull String body) {
        String targets = target == CommentTarget.NOTE ? "notes" : "solutions";
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/" + targets + "/%s/comments", id),
                Map.of("body", body), Comment.class);
    }

    @Mutation
    @Description("Posts a problem to a group")
    public Uni<Problem> postProblem(@NonNull ProblemInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), "/api/v1/problems", input, Problem.class);
    }

    @Mutation
    @Description("Posts a solution to a problem")
    public Uni<Solution> postSolution(@NonNull @Id String problemId, @NonNull SolutionInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/problems/%s/solutions", problemId),
                input, Solution.class);
    }

    @Mutation
    @Description("Votes for a solution (value 1) or takes the vote back (0)")
    public Uni<Vote> vote(@NonNull @Id String solutionId, int value) {
        return rest.send(HttpMethod.PUT, caller.authorization(), path("/api/v1/solutions/%s/vote", solutionId),
                Map.of("value", value), Vote.class);
    }

    @Mutation
    @Description("Accepts a solution (the problem's author or the group's organizers)")
    public Uni<Solution> acceptSolution(@NonNull @Id String solutionId) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/solutions/%s/accept", solutionId),
                null, Solution.class);
    }

    @Mutation
    @Description("Shows the caller every solution of the problem without posting one first")
    public Uni<Problem> revealSolutions(@NonNull @Id String problemId) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/problems/%s/reveal", problemId), null,
                Problem.class);
    }
}
