package dev.nexus.sessions.calendar;

import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The token of the caller's calendar feed ({@link CalendarResource} serves the feed). It sits beside
 * the agenda ({@code session.AgendaResource}, same path prefix: Quarkus REST routes classes with
 * the same {@code @Path} as one) and, unlike the feed, needs a bearer token.
 */
@Path("/api/v1/me/sessions")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class CalendarTokenResource {

    private final CalendarService calendars;
    private final Caller caller;

    public CalendarTokenResource(CalendarService calendars, Caller caller) {
        this.calendars = calendars;
        this.caller = caller;
    }

    /** A new calendar feed token (32 random bytes, base64url) and the path to subscribe to. */
    public record FeedToken(@Schema(minLength = 43, maxLength = 43, pattern = "^[A-Za-z0-9_-]{43}$") String token,
            @Schema(maxLength = 64, example = "/api/v1/calendar/<token>.ics") String url) {
    }

    @POST
    @Path("/calendar-token")
    @Operation(operationId = "rotateCalendarToken", summary = "Create (or rotate) my calendar feed token",
            description = "Subscribe a calendar app to the returned url (GET, no bearer token)."
                    + " Rotating makes the previous url stop working.")
    @APIResponse(responseCode = "201", description = "The token, shown only now, and the feed path",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedToken.class)))
    public Uni<Response> calendarToken() {
        return calendars.rotate(caller.id())
                .map(t -> Response.status(Response.Status.CREATED)
                        .entity(new FeedToken(t, "/api/v1/calendar/" + t + ".ics")).build());
    }
}
