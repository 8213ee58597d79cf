package dev.nexus.notes.solution;

import dev.nexus.notes.comment.CommentService.AddComment;
import dev.nexus.notes.comment.CommentService.CommentView;
import dev.nexus.notes.solution.SolutionViews.SolutionView;
import dev.nexus.notes.solution.SolutionViews.Vote;
import dev.nexus.notes.solution.SolutionViews.VoteView;
import dev.nexus.platform.http.Params;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/solutions")
@Authenticated
@Tag(name = "Problems and solutions")
@SecurityRequirement(name = "bearer")
public class SolutionResource {

    private final SolutionService solutions;
    private final Caller caller;

    public SolutionResource(SolutionService solutions, Caller caller) {
        this.solutions = solutions;
        this.caller = caller;
    }

    @GET
    @Path("/{solutionId}")
    @Operation(operationId = "getSolution",
            summary = "One solution (body withheld by the spoiler guard where it applies)",
            description = "Served from the cache; send If-None-Match with the ETag for a 304, or"
                    + " Cache-Control: no-cache to read past the cache.")
    @APIResponse(responseCode = "200", description = "The solution",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SolutionView.class)))
    @APIResponse(responseCode = "404", description = "No such solution, or in a group the caller is not in")
    public Uni<Response> get(@RestPath UUID solutionId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        return solutions.read(caller.id(), solutionId, Params.noCache(cacheControl))
                .map(entry -> entry.toResponse(ifNoneMatch));
    }

    @PUT
    @Path("/{solutionId}/vote")
    @Operation(operationId = "voteForSolution",
            summary = "Vote for a solution (value 1) or take the vote back (0); one vote per member, repeatable",
            description = "Not for one's own solution.")
    @APIResponse(responseCode = "200", description = "The caller's vote and the solution's count")
    @APIResponse(responseCode = "403", description = "The caller wrote the solution")
    public Uni<VoteView> vote(@RestPath UUID solutionId, @Valid @NotNull Vote request) {
        return solutions.vote(caller.id(), solutionId, request.value())
                .call(solutions::voted)
                .map(SolutionService.Voted::vote);
    }

    @POST
    @Path("/{solutionId}/accept")
    @Operation(operationId = "acceptSolution",
            summary = "Accept a solution (the problem's author or the group's organizers); it is listed first",
            description = "Accepting another solution moves the mark; accepting the same one again changes nothing.")
    @APIResponse(responseCode = "200", description = "The accepted solution")
    @APIResponse(responseCode = "403", description = "The caller neither posed the problem nor organizes the group")
    public Uni<SolutionView> accept(@RestPath UUID solutionId) {
        return solutions.accept(caller.id(), solutionId)
                .call(solutions::accepted)
                .map(SolutionService.Accepted::solution);
    }

    @POST
    @Path("/{solutionId}/comments")
    @Operation(operationId = "commentOnSolution",
            summary = "Comment on a solution (Markdown; @displayName mentions members of the group)")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentView.class)))
    public Uni<Response> comment(@RestPath UUID solutionId, @Valid @NotNull AddComment request) {
        return solutions.comment(caller.id(), solutionId, request)
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @GET
    @Path("/{solutionId}/comments")
    @Operation(operationId = "listSolutionComments",
            summary = "A solution's comments, oldest first; bodies withheld while the solution is")
    public Uni<Page<CommentView>> comments(@RestPath UUID solutionId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return solutions.comments(caller.id(), solutionId, Cursor.decode(cursor), Cursor.limit(limit));
    }

}
