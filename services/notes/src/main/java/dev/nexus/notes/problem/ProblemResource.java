package dev.nexus.notes.problem;

import dev.nexus.notes.problem.ProblemViews.CreateProblem;
import dev.nexus.notes.problem.ProblemViews.ProblemSummary;
import dev.nexus.notes.problem.ProblemViews.ProblemView;
import dev.nexus.platform.http.Params;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/problems")
@Authenticated
@Tag(name = "Problems and solutions")
@SecurityRequirement(name = "bearer")
public class ProblemResource {

    private final ProblemService problems;
    private final Caller caller;

    public ProblemResource(ProblemService problems, Caller caller) {
        this.problems = problems;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createProblem",
            summary = "Pose a problem in a group (members only), optionally linked to one of its sessions",
            description = "The statement is Markdown; link, when given, is an http(s) URL (say, the kata's page).")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = "No such group, or the caller is not a member")
    public Uni<Response> create(@Valid @NotNull CreateProblem request) {
        return problems.create(caller.id(), request)
                .map(view -> Response.created(URI.create("/api/v1/problems/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(operationId = "listProblems", summary = "Problems, newest first",
            description = "Without groupId: the problems of every group the caller is in. q searches title and"
                    + " statement (never solutions, which may be hidden from the caller).")
    public Uni<Page<ProblemSummary>> list(@QueryParam("groupId") String groupId,
            @QueryParam("q") @Size(max = Params.MAX_QUERY, message = Params.MAX_QUERY_MESSAGE) String q,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return problems.list(caller.id(), Params.uuid("groupId", groupId), q, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @GET
    @Path("/{problemId}")
    @Operation(operationId = "getProblem",
            summary = "One problem; solutionsVisible says whether the caller may read others' solutions")
    @APIResponse(responseCode = "200", description = "The problem")
    @APIResponse(responseCode = "404", description = "No such problem, or in a group the caller is not in")
    public Uni<ProblemView> get(@RestPath UUID problemId) {
        return problems.get(caller.id(), problemId);
    }

    @POST
    @Path("/{problemId}/reveal")
    @Operation(operationId = "revealSolutions",
            summary = "Show me the other solutions before I solve it (spoiler guard off for the caller)")
    public Uni<ProblemView> reveal(@RestPath UUID problemId) {
        return problems.reveal(caller.id(), problemId).call(() -> problems.unlockedBy(caller.id(), problemId));
    }

}
