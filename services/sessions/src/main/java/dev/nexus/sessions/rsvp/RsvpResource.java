package dev.nexus.sessions.rsvp;

import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.sessions.rsvp.RsvpViews.Answer;
import dev.nexus.sessions.rsvp.RsvpViews.AttendeeView;
import dev.nexus.sessions.rsvp.RsvpViews.RsvpView;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Answers to a session. Same path prefix as {@code session.SessionResource}: Quarkus REST routes
 * classes with the same {@code @Path} as one.
 */
@Path("/api/v1/sessions")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class RsvpResource {

    private final RsvpService rsvps;
    private final Caller caller;

    public RsvpResource(RsvpService rsvps, Caller caller) {
        this.rsvps = rsvps;
        this.caller = caller;
    }

    @PUT
    @Path("/{sessionId}/rsvp")
    @Operation(operationId = "answerRsvp", summary = "Answer GOING, MAYBE or DECLINED (group members only)",
            description = "With a capacity, GOING beyond it joins a first-come-first-served waitlist (position 1 is"
                    + " next); a place freed by a decline or a larger capacity goes to the first in line.")
    @APIResponse(responseCode = "200", description = "The caller's answer, with the waitlist position")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the group")
    @APIResponse(responseCode = "409", description = "The session was cancelled")
    public Uni<RsvpView> rsvp(@RestPath UUID sessionId, @Valid @NotNull Answer request) {
        return rsvps.answer(caller.id(), sessionId, request.status());
    }

    @GET
    @Path("/{sessionId}/rsvp")
    @Operation(operationId = "getMyRsvp", summary = "My own answer, with my place on the waitlist",
            description = "status is absent when I have not answered; position (1 is next) only while waitlisted.")
    public Uni<RsvpView> myRsvp(@RestPath UUID sessionId) {
        return rsvps.mine(caller.id(), sessionId);
    }

    @GET
    @Path("/{sessionId}/rsvps")
    @Operation(operationId = "listRsvps", summary = "Everyone's answers, in the order they answered")
    public Uni<Page<AttendeeView>> attendees(@RestPath UUID sessionId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return rsvps.attendees(caller.id(), sessionId, Cursor.decode(cursor), Cursor.limit(limit));
    }

}
