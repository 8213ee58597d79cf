package dev.nexus.sessions.calendar;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Calendar feeds (RFC 5545). Calendar apps cannot send a bearer token, so a feed's URL is a
 * capability URL: its {@code feedId} is a long random secret, and knowing the URL is the access
 * (hence no security requirement). The token is issued by {@link CalendarTokenResource}, with one.
 */
@Path("/api/v1/calendar")
@Tag(name = "Calendar")
@SecurityRequirementsSet
public class CalendarResource {

    private final CalendarService calendars;

    public CalendarResource(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GET
    @Path("/{feedId}.ics")
    @Operation(operationId = "getCalendarFeed",
            summary = "My sessions as an RFC 5545 calendar (no bearer token: the feed URL is the access)",
            description = "feedId is the secret part of the url that POST /api/v1/me/sessions/calendar-token returned.")
    @APIResponse(responseCode = "200", description = "The calendar (charset=utf-8)",
            content = @Content(mediaType = "text/calendar"))
    @APIResponse(responseCode = "404", description = "Unknown or rotated feed")
    public Uni<Response> feed(@RestPath String feedId) {
        return calendars.feed(feedId)
                .map(ics -> Response.ok(ics, "text/calendar; charset=utf-8").build());
    }
}
