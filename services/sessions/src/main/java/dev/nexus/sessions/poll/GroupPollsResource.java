package dev.nexus.sessions.poll;

import dev.nexus.platform.http.Caller;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.sessions.poll.PollViews.AnswerPoll;
import dev.nexus.sessions.poll.PollViews.ClosePoll;
import dev.nexus.sessions.poll.PollViews.CreatePoll;
import dev.nexus.sessions.poll.PollViews.PollView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** A group's availability polls: opening one, and the list. */
@Path("/api/v1/groups/{groupId}/polls")
@Authenticated
@Tag(name = "Polls")
@SecurityRequirement(name = "bearer")
public class GroupPollsResource {

    private final PollService polls;
    private final Caller caller;

    public GroupPollsResource(PollService polls, Caller caller) {
        this.polls = polls;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "openPoll", summary = "Ask the group when to meet (owner or organizer)",
            description = "1-50 slots, each startsAt (RFC 3339 with an offset, in the future) and durationMinutes"
                    + " (5-720), no two the same; deadline in the future and no later than the last slot's start;"
                    + " timeZone: where the chosen slot will be scheduled. Members are asked to answer.")
    @APIResponse(responseCode = "201", description = "The poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollView.class)))
    public Uni<Response> open(@RestPath UUID groupId, @Valid @NotNull CreatePoll request) {
        return polls.open(caller.id(), groupId, request)
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @GET
    @Operation(operationId = "listPolls", summary = "A group's polls, newest first",
            description = "Pages: limit (1-100, default 20), cursor.")
    @APIResponse(responseCode = "200", description = "A page of polls",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollPage.class)))
    public Uni<Page<PollView>> list(@RestPath UUID groupId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return polls.list(caller.id(), groupId, Cursor.decode(cursor), Cursor.limit(limit));
    }

    /** For the OpenAPI document: the shape of a page of polls. */
    public record PollPage(@Schema(maxItems = Cursor.MAX_LIMIT) List<PollView> items,
            @Schema(maxLength = Cursor.MAX_LENGTH) String nextCursor) {
    }
}
