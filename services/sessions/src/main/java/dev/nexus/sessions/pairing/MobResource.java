package dev.nexus.sessions.pairing;

import dev.nexus.platform.http.Caller;
import dev.nexus.sessions.pairing.MobService.FormatView;
import dev.nexus.sessions.pairing.MobService.RotationView;
import dev.nexus.sessions.pairing.PairService.PairsView;
import dev.nexus.sessions.session.SessionParams;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Pair and mob sessions: a session's format and a mob occurrence's driver rotation. Same path
 * prefix as {@code session.SessionResource}: Quarkus REST routes classes with the same {@code @Path}
 * as one.
 */
@Path("/api/v1/sessions")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class MobResource {

    /** How a session is run: {@code format} PAIR or MOB (null: an ordinary one); a mob's turn length. */
    public record SetFormat(MobService.Format format,
            @Min(value = 5, message = "must be 5 to 60 minutes") @Max(value = 60, message = "must be 5 to 60 minutes")
            Integer rotationMinutes) {
    }

    private final MobService mobs;
    private final PairService pairs;
    private final Caller caller;

    public MobResource(MobService mobs, PairService pairs, Caller caller) {
        this.mobs = mobs;
        this.pairs = pairs;
        this.caller = caller;
    }

    @GET
    @Path("/{sessionId}/occurrences/{start}/pairs")
    @Operation(operationId = "getPairs", summary = "A pair occurrence's pairs: as set by an organizer, or proposed",
            description = "set false: proposed now among the members going, by shared language, level and free hours,"
                    + " avoiding the pairs set for the previous occurrence; a trio when the count is odd.")
    @APIResponse(responseCode = "200", description = "The pairs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairsView.class)))
    @APIResponse(responseCode = "409", description = "Not a pair session, or the session was cancelled")
    public Uni<PairsView> pairs(@RestPath UUID sessionId, @RestPath String start) {
        return pairs.pairs(caller.id(), sessionId, SessionParams.instant("start", start));
    }

    @PUT
    @Path("/{sessionId}/occurrences/{start}/pairs")
    @Operation(operationId = "setPairs", summary = "Set a pair occurrence's pairs (owner or organizer)",
            description = "groups: every member going in exactly one group of 2 or 3 (1 only when one is going).")
    @APIResponse(responseCode = "200", description = "The pairs as set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairsView.class)))
    @APIResponse(responseCode = "400", description = "A member not going, in two groups or in none; a group of 1")
    @APIResponse(responseCode = "409", description = "Not a pair session, or the session was cancelled")
    public Uni<PairsView> setPairs(@RestPath UUID sessionId, @RestPath String start,
            @Valid @NotNull PairService.SetPairs request) {
        return pairs.setPairs(caller.id(), sessionId, SessionParams.instant("start", start), request.groups());
    }

    @GET
    @Path("/{sessionId}/format")
    @Operation(operationId = "getSessionFormat", summary = "How the session is run: pair, mob or neither")
    @APIResponse(responseCode = "200", description = "The session's format",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FormatView.class)))
    public Uni<FormatView> format(@RestPath UUID sessionId) {
        return mobs.format(caller.id(), sessionId);
    }

    @PUT
    @Path("/{sessionId}/format")
    @Operation(operationId = "setSessionFormat", summary = "Make the session a pair or mob session (owner or organizer)",
            description = "format PAIR, MOB or null (neither); rotationMinutes (5-60, default 10): a mob's driver turn.")
    @APIResponse(responseCode = "200", description = "The session's format as set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FormatView.class)))
    @APIResponse(responseCode = "409", description = "The session was cancelled")
    public Uni<FormatView> setFormat(@RestPath UUID sessionId, @Valid @NotNull SetFormat request) {
        return mobs.setFormat(caller.id(), sessionId, request.format(), request.rotationMinutes());
    }

    @GET
    @Path("/{sessionId}/occurrences/{start}/rotation")
    @Operation(operationId = "getRotation", summary = "A mob occurrence's driver rotation",
            description = "start as an occurrence list shows it (RFC 3339). published false: not published yet;"
                    + " the turns are what publishing would make now.")
    @APIResponse(responseCode = "200", description = "The rotation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RotationView.class)))
    @APIResponse(responseCode = "409", description = "Not a mob session, or the session was cancelled")
    public Uni<RotationView> rotation(@RestPath UUID sessionId, @RestPath String start) {
        return mobs.rotation(caller.id(), sessionId, SessionParams.instant("start", start));
    }

    @POST
    @Path("/{sessionId}/occurrences/{start}/rotation")
    @Operation(operationId = "publishRotation", summary = "Publish a mob occurrence's driver rotation (owner or organizer)",
            description = "A turn every rotationMinutes among the members going, whoever drove fewest turns at"
                    + " earlier occurrences first; each driver is notified at their turn. Publishing again replaces it.")
    @APIResponse(responseCode = "200", description = "The published rotation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RotationView.class)))
    @APIResponse(responseCode = "409", description = "Not a mob session, the occurrence has ended, or nobody is going")
    public Uni<RotationView> publishRotation(@RestPath UUID sessionId, @RestPath String start) {
        return mobs.publish(caller.id(), sessionId, SessionParams.instant("start", start));
    }
}
