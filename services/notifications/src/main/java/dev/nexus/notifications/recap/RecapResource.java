package dev.nexus.notifications.recap;

import dev.nexus.platform.http.Caller;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/recaps")
@Authenticated
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
public class RecapResource {

    private final Recaps recaps;
    private final Caller caller;

    public RecapResource(Recaps recaps, Caller caller) {
        this.recaps = recaps;
        this.caller = caller;
    }

    @GET
    @Path("/{sessionId}/{start}")
    @Operation(operationId = "getRecap", summary = "What an occurrence of a session produced (members of its group)",
            description = "start: the occurrence's start (RFC 3339), as a recap notification's link or an occurrence"
                    + " list gives it. Who had a place, the notes and problems posted for the session since the previous"
                    + " occurrence ended, the solutions to its problems, and the next occurrence: as the recap"
                    + " notification said once sent, before that what was posted so far.")
    @APIResponse(responseCode = "200", description = "The recap",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecapView.class)))
    @APIResponse(responseCode = "400", description = "start is not an RFC 3339 date-time")
    @APIResponse(responseCode = "404", description = "No such session or occurrence, or the caller is not in its group")
    public Uni<RecapView> get(@RestPath UUID sessionId, @RestPath String start) {
        return recaps.view(caller.id(), sessionId, instant(start));
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("start", "must be an RFC 3339 date-time, e.g. 2026-03-02T17:00:00Z");
        }
    }
}
