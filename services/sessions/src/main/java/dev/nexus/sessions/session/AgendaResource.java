package dev.nexus.sessions.session;

import dev.nexus.platform.http.Params;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.sessions.session.SessionParams.Window;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
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

/** The caller's agenda across all their groups. Its calendar feed's token: {@code calendar.CalendarTokenResource}. */
@Path("/api/v1/me/sessions")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class AgendaResource {

    private final SessionService sessions;
    private final SessionCache cache;
    private final CallerZone zones;
    private final Caller caller;

    public AgendaResource(SessionService sessions, SessionCache cache, CallerZone zones, Caller caller) {
        this.sessions = sessions;
        this.cache = cache;
        this.zones = zones;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getMyAgenda",
            summary = "My agenda: occurrences of the sessions of every group I belong to, in time order",
            description = "from defaults to now, to to from + 90 days (at most 366 days). Pages: limit, cursor."
                    + " The first page without parameters comes from the cache (ETag, If-None-Match).")
    @APIResponse(responseCode = "200", description = "A page of occurrences",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupSessionsResource.OccurrencePage.class)))
    public Uni<Response> agenda(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        UUID me = caller.id();
        if (from == null && to == null && limit == null && cursor == null) {
            return cache.agenda(me, Params.noCache(cacheControl))
                    .map(e -> zones.respond(e, ifNoneMatch));
        }
        Window window = SessionParams.window(from, to);
        return sessions.agenda(me, window.from(), window.to(), Cursor.decode(cursor), Cursor.limit(limit))
                .map(page -> zones.respond(Response.Status.OK, page, null));
    }
}
