package dev.nexus.sessions.session;

import dev.nexus.platform.http.Params;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.sessions.session.SessionParams.Window;
import dev.nexus.sessions.session.SessionViews.OccurrenceView;
import dev.nexus.sessions.session.SessionViews.ScheduleSession;
import dev.nexus.sessions.session.SessionViews.SessionView;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
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

/** A group's coding sessions: scheduling and the list of occurrences. */
@Path("/api/v1/groups/{groupId}/sessions")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class GroupSessionsResource {

    private final SessionService sessions;
    private final SessionCache cache;
    private final CallerZone zones;
    private final Caller caller;

    public GroupSessionsResource(SessionService sessions, SessionCache cache, CallerZone zones, Caller caller) {
        this.sessions = sessions;
        this.cache = cache;
        this.zones = zones;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "scheduleSession", summary = "Schedule a coding session (owner or organizer)",
            description = "startsAt is RFC 3339 with an offset; durationMinutes 5-720; timeZone an IANA name;"
                    + " recurrence an RRULE ending within 200 occurrences and a year; meetingUrl http(s) only.")
    @APIResponse(responseCode = "201", description = "Scheduled; ETag carries the version for If-Match",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    public Uni<Response> schedule(@RestPath UUID groupId, @Valid @NotNull ScheduleSession request) {
        return sessions.schedule(caller.id(), groupId, request).map(view -> view.toResponse(Response.Status.CREATED));
    }

    @GET
    @Operation(operationId = "listGroupOccurrences", summary = "A group's sessions as occurrences in time order",
            description = "Recurring sessions are expanded into their occurrences. from defaults to now, to to"
                    + " from + 90 days (at most 366 days). Pages: limit (1-100, default 20), cursor.")
    @APIResponse(responseCode = "200", description = "A page of occurrences",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OccurrencePage.class)))
    public Uni<Response> occurrences(@RestPath UUID groupId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        if (from == null && to == null && limit == null && cursor == null) {
            // the upcoming page everyone opens first: from the cache
            return cache.upcoming(caller.id(), groupId, Params.noCache(cacheControl))
                    .map(entry -> zones.respond(entry, ifNoneMatch));
        }
        Window window = SessionParams.window(from, to);
        return sessions.occurrences(caller.id(), groupId, window.from(), window.to(), Cursor.decode(cursor),
                Cursor.limit(limit)).map(page -> zones.respond(Response.Status.OK, page, null));
    }

    /** For the OpenAPI document: the shape of a page of occurrences. */
    public record OccurrencePage(@Schema(maxItems = Cursor.MAX_LIMIT) java.util.List<OccurrenceView> items,
            @Schema(maxLength = Cursor.MAX_LENGTH) String nextCursor) {
    }

}
