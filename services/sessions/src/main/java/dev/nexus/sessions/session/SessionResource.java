package dev.nexus.sessions.session;

import dev.nexus.platform.http.Params;
import dev.nexus.platform.http.Versions;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.sessions.session.SessionParams.Window;
import dev.nexus.sessions.session.SessionViews.CancelSession;
import dev.nexus.sessions.session.SessionViews.MoveOccurrence;
import dev.nexus.sessions.session.SessionViews.SessionView;
import dev.nexus.sessions.session.SessionViews.UpdateSession;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Sessions by id: reading, editing, cancelling, and one occurrence of a series. Their RSVPs: {@code rsvp.RsvpResource}. */
@Path("/api/v1/sessions")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class SessionResource {

    private static final SessionView EXAMPLE = new SessionView(
            UUID.fromString("00000000-0000-4000-8000-000000000001"), UUID.fromString("00000000-0000-4000-8000-000000000002"),
            "Mob programming: a parser combinator library", "Bring a laptop; we rotate every 10 minutes.",
            OffsetDateTime.parse("2026-03-17T18:00:00+01:00"), OffsetDateTime.parse("2026-03-17T19:30:00+01:00"), 90,
            "Europe/Berlin", 8, "FREQ=WEEKLY;COUNT=6", "https://meet.example.org/parsers",
            UUID.fromString("00000000-0000-4000-8000-000000000003"), false, null, 0);

    private final SessionService sessions;
    private final SessionCache cache;
    private final CallerZone zones;
    private final Caller caller;

    public SessionResource(SessionService sessions, SessionCache cache, CallerZone zones, Caller caller) {
        this.sessions = sessions;
        this.cache = cache;
        this.zones = zones;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listOccurrencesOfGroups", summary = "The first occurrences of several groups at once",
            description = "groupId repeated 1-100 times; from and to as for a group's sessions; limit (1-100,"
                    + " default 20) per group. A group the caller may not see comes back with no items. Each"
                    + " group's nextCursor continues on GET /api/v1/groups/{groupId}/sessions.")
    @APIResponse(responseCode = "200", description = "One page of occurrences per group, in the order asked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupsOccurrences.class)))
    public Uni<Response> ofGroups(
            @QueryParam("groupId") @Size(min = 1, max = MAX_GROUPS, message = "give 1 to 100 group ids")
            List<String> groupId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") Integer limit) {
        List<UUID> ids = SessionParams.groupIds(groupId);
        Window window = SessionParams.window(from, to);
        return sessions.occurrencesOfGroups(caller.id(), ids, window.from(), window.to(), Cursor.limit(limit))
                .map(groups -> zones.respond(Response.Status.OK, new GroupsOccurrences(groups.stream()
                        .map(g -> new GroupsOccurrences.OfGroup(g.groupId(), g.page().items(), g.page().nextCursor()))
                        .toList()), null));
    }

    /** Occurrences of several groups: one entry per group asked for. */
    public record GroupsOccurrences(@Schema(maxItems = MAX_GROUPS) List<OfGroup> items) {
        public record OfGroup(UUID groupId,
                @Schema(maxItems = Cursor.MAX_LIMIT) List<SessionViews.OccurrenceView> items,
                @Schema(maxLength = Cursor.MAX_LENGTH) String nextCursor) {
        }
    }

    @GET
    @Path("/example")
    @Operation(operationId = "getExampleSession", summary = "An example session document, always the same",
            description = "Shows client developers every field of a session without creating one."
                    + " It also serves as the baseline of the read benchmark (bench/sessions-read.sh).")
    @APIResponse(responseCode = "200", description = "The example session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionView.class)))
    public Response example() {
        return zones.respond(Response.Status.OK, EXAMPLE, Versions.etag(EXAMPLE.version()));
    }

    @GET
    @Path("/{sessionId}")
    @Operation(operationId = "getSession", summary = "One session (or series)",
            description = "Served from the cache; send If-None-Match with the ETag for a 304, or"
                    + " Cache-Control: no-cache to read past the cache.")
    @APIResponse(responseCode = "200", description = "The session; ETag carries its version for If-Match",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such session, or in a private group the caller is not in")
    public Uni<Response> get(@RestPath UUID sessionId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        return cache.session(caller.id(), sessionId, Params.noCache(cacheControl))
                .map(entry -> zones.respond(entry, ifNoneMatch));
    }

    @PATCH
    @Path("/{sessionId}")
    @Operation(operationId = "updateSession", summary = "Edit or reschedule a session (owner or organizer)",
            description = "Send the ETag of your last read in If-Match. Absent fields stay as they are."
                    + " A session cannot be moved into the past.")
    @APIResponse(responseCode = "200", description = "The changed session, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "412", description = "The session changed since the ETag was read")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> update(@RestPath UUID sessionId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull UpdateSession request) {
        return sessions.update(caller.id(), sessionId, Versions.ifMatch(ifMatch, "session"), request)
                .map(view -> view.toResponse(Response.Status.OK));
    }

    @POST
    @Path("/{sessionId}/cancel")
    @Operation(operationId = "cancelSession",
            summary = "Cancel a session or a whole series (owner or organizer); cancelling twice is harmless")
    @APIResponse(responseCode = "200", description = "The cancelled session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionView.class)))
    public Uni<Response> cancel(@RestPath UUID sessionId, @Valid CancelSession request) {
        return sessions.cancel(caller.id(), sessionId, request == null ? null : request.reason())
                .map(view -> view.toResponse(Response.Status.OK));
    }

    @POST
    @Path("/{sessionId}/occurrences/{start}/cancel")
    @Operation(operationId = "cancelOccurrence",
            summary = "Cancel one occurrence of a series (owner or organizer); the others stay",
            description = "start is the occurrence's original start as an occurrence list shows it (RFC 3339).")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", description = "The series has no occurrence at that start")
    public Uni<Response> cancelOccurrence(@RestPath UUID sessionId, @RestPath String start,
            @Valid CancelSession request) {
        return sessions.cancelOccurrence(caller.id(), sessionId, SessionParams.instant("start", start),
                        request == null ? null : request.reason())
                .map(view -> view.toResponse(Response.Status.OK));
    }

    @PUT
    @Path("/{sessionId}/occurrences/{start}")
    @Operation(operationId = "moveOccurrence",
            summary = "Move one occurrence of a series (owner or organizer); the others stay",
            description = "start is the occurrence's original start; the body's startsAt is where it moves to.")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionView.class)))
    public Uni<Response> moveOccurrence(@RestPath UUID sessionId, @RestPath String start,
            @Valid @NotNull MoveOccurrence request) {
        return sessions.moveOccurrence(caller.id(), sessionId, SessionParams.instant("start", start),
                        request.startsAt().toInstant())
                .map(view -> view.toResponse(Response.Status.OK));
    }

    /** At most this many groups in one {@link #ofGroups} call. */
    static final int MAX_GROUPS = 100;

}
