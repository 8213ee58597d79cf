package dev.nexus.sessions.pairing;

import dev.nexus.platform.http.Caller;
import dev.nexus.sessions.pairing.PairService.FreeTime;
import dev.nexus.sessions.pairing.PairService.ProfileView;
import dev.nexus.sessions.session.CallerZone;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's pairing profile, which pair proposals read. Free hours are in the caller's zone (the token's). */
@Path("/api/v1/me/pairing-profile")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class ProfileResource {

    /** languages: 1-10; level 1 (new) to 5 (expert); free: the hours usually free, per day, in my zone. */
    public record SetProfile(
            @NotNull @Size(min = 1, max = 10) List<@NotNull @Size(max = 30) @Pattern(regexp = "^(?=.*[^ ])[\\p{L}\\p{N}+#. -]+$",
                    message = "must be letters, digits, spaces or + # . -, not only spaces") String> languages,
            @NotNull @Min(value = 1, message = "must be 1 to 5") @Max(value = 5, message = "must be 1 to 5") Integer level,
            @Size(max = 168) List<@NotNull @Valid FreeTime> free) {
    }

    private final PairService pairs;
    private final Caller caller;
    private final CallerZone zones;

    public ProfileResource(PairService pairs, Caller caller, CallerZone zones) {
        this.pairs = pairs;
        this.caller = caller;
        this.zones = zones;
    }

    @GET
    @Operation(operationId = "getPairingProfile", summary = "My pairing profile (empty, level 3, until set)")
    @APIResponse(responseCode = "200", description = "Your pairing profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)))
    public Uni<ProfileView> get() {
        return pairs.profile(caller.id(), zones.zone());
    }

    @PUT
    @Operation(operationId = "setPairingProfile", summary = "Replace my pairing profile",
            description = "free: [{day: MONDAY..SUNDAY, fromHour 0-23, toHour 1-24}] in my time zone, stored in UTC.")
    @APIResponse(responseCode = "200", description = "Your pairing profile as saved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "400", description = "A field out of range, or a toHour not after its fromHour")
    public Uni<ProfileView> put(@Valid @NotNull SetProfile request) {
        return pairs.setProfile(caller.id(), zones.zone(), request.languages(), request.level(),
                request.free() == null ? List.of() : request.free());
    }
}
