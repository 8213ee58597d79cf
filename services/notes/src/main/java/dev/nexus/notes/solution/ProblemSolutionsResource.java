package dev.nexus.notes.solution;

import dev.nexus.notes.solution.SolutionService.Sort;
import dev.nexus.notes.solution.SolutionViews.PostSolution;
import dev.nexus.notes.solution.SolutionViews.SolutionView;
import dev.nexus.platform.http.Params;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** A problem's solutions: posting one and listing them (the spoiler guard applies). */
@Path("/api/v1/problems")
@Authenticated
@Tag(name = "Problems and solutions")
@SecurityRequirement(name = "bearer")
public class ProblemSolutionsResource {

    private final SolutionService solutions;
    private final Caller caller;

    public ProblemSolutionsResource(SolutionService solutions, Caller caller) {
        this.solutions = solutions;
        this.caller = caller;
    }

    @POST
    @Path("/{problemId}/solutions")
    @Operation(operationId = "postSolution",
            summary = "Post a solution (Markdown body and its language); unlocks the other solutions")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SolutionView.class)))
    public Uni<Response> solve(@RestPath UUID problemId, @Valid @NotNull PostSolution request) {
        return solutions.post(caller.id(), problemId, request)
                .call(solutions::posted)
                .map(view -> Response.created(URI.create("/api/v1/solutions/" + view.id())).entity(view).build());
    }

    @GET
    @Path("/{problemId}/solutions")
    @Operation(operationId = "listSolutions",
            summary = "A problem's solutions: the accepted one first, then by votes (top, default) or newest",
            description = "Spoiler guard: until the caller has posted a solution or revealed them, other members'"
                    + " solutions come with withheld=true and no body or html; author, language and votes stay."
                    + " The first page of sort=top is served from the cache (Cache-Control: no-cache reads past it).")
    public Uni<Page<SolutionView>> solutions(@RestPath UUID problemId, @QueryParam("sort") String sort,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        return solutions.list(caller.id(), problemId, sort(sort), cursor, Cursor.limit(limit), Params.noCache(cacheControl));
    }

    private static Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return Sort.TOP;
        }
        try {
            return Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("sort", "must be top or new");
        }
    }

}
