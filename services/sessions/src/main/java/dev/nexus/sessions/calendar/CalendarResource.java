package dev.nexus.sessions.calendar;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Calendar feeds; the feed token in the path is the only credential (JAX-RS picks one class per path prefix). */
@Path("/api/v1/calendar")
@Tag(name = "Calendar")
public class CalendarResource {

    private final CalendarService calendars;

    public CalendarResource(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GET
    @Path("/{feedToken}.ics")
    @Operation(summary = "My sessions as an RFC 5545 calendar (no bearer token: the feed token is the credential)")
    @APIResponse(responseCode = "404", description = "Unknown or rotated token")
    public Uni<Response> feed(@RestPath String feedToken) {
        return calendars.feed(feedToken)
                .map(ics -> Response.ok(ics, "text/calendar; charset=utf-8").build());
    }
}
