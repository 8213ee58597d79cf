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

/** A poll by id: reading, answering and closing it. A group's polls: {@link GroupPollsResource}. */
@Path("/api/v1/polls")
@Authenticated
@Tag(name = "Polls")
@SecurityRequirement(name = "bearer")
public class PollResource {

    private final PollService polls;
    private final Caller caller;

    public PollResource(PollService polls, Caller caller) {
        this.polls = polls;
        this.caller = caller;
    }

    @GET
    @Path("/{pollId}")
    @Operation(operationId = "getPoll", summary = "One poll: its slots with counts and who answered what")
    @APIResponse(responseCode = "200", description = "The poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "404", description = "No such poll, or in a private group the caller is not in")
    public Uni<PollView> get(@RestPath UUID pollId) {
        return polls.view(caller.id(), pollId);
    }

    @PUT
    @Path("/{pollId}/answer")
    @Operation(operationId = "answerPoll", summary = "Answer a poll (members), replacing your earlier answers",
            description = "answers: 1-50 of {slotId, answer: YES | IF_NEED_BE | NO}, each slot at most once."
                    + " A closed poll, or one past its deadline, answers 409.")
    @APIResponse(responseCode = "200", description = "The poll with your answers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "409", description = "The poll is closed or past its deadline")
    public Uni<PollView> answer(@RestPath UUID pollId, @Valid @NotNull AnswerPoll request) {
        return polls.answer(caller.id(), pollId, request);
    }

    @POST
    @Path("/{pollId}/close")
    @Operation(operationId = "closePoll", summary = "Set the time: pick a slot (owner or organizer)",
            description = "Schedules the session in the poll's zone, with an optional recurrence (an RRULE, as"
                    + " when scheduling), capacity and meetingUrl; everyone who answered is told. Closing twice"
                    + " answers 409.")
    @APIResponse(responseCode = "200", description = "The closed poll; sessionId is the scheduled session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "409", description = "The poll is already closed")
    public Uni<PollView> close(@RestPath UUID pollId, @Valid @NotNull ClosePoll request) {
        return polls.close(caller.id(), pollId, request);
    }
}
