package dev.nexus.notifications.preference;

import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.recipient.Preference;
import dev.nexus.notifications.recipient.Preference.Channel;
import dev.nexus.notifications.recipient.Preference.Digest;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.platform.http.Caller;
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
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/notification-preferences")
@Authenticated
@Tag(name = "Notification preferences")
@SecurityRequirement(name = "bearer")
public class PreferenceResource {

    private static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    private final PreferenceService preferences;
    private final Caller caller;

    public PreferenceResource(PreferenceService preferences, Caller caller) {
        this.preferences = preferences;
        this.caller = caller;
    }

    /**
     * Preferences as the API shows and takes them. {@code channels}: per type IN_APP (inbox and live
     * push), EMAIL (also an e-mail, or the daily digest) or OFF; quiet hours "HH:mm" in the user's
     * zone, both or neither; {@code holdDuringSessions}: while I am in a session I have a place at,
     * e-mail and push wait until it ends and come as one catch-up (default true).
     */
    public record PreferencesView(
            Map<String, Channel> channels,
            @Size(max = 100) List<@NotNull UUID> mutedGroups,
            Digest digest,
            @Size(min = 1, max = 5) List<@NotNull @Min(value = 1, message = "must be 1 to 10080 minutes")
                    @Max(value = 10080, message = "must be 1 to 10080 minutes") Integer> reminderLeadMinutes,
            @Pattern(regexp = TIME, message = "must be HH:mm") @Schema(maxLength = 5) String quietStart,
            @Pattern(regexp = TIME, message = "must be HH:mm") @Schema(maxLength = 5) String quietEnd,
            @Schema(description = "While I am in a session I have a place at (start to end), e-mail and push of"
                    + " other notifications wait until it ends and come as one catch-up; the inbox still records"
                    + " them. Default true.") Boolean holdDuringSessions) {
    }

    @GET
    @Operation(operationId = "getNotificationPreferences",
            summary = "My notification preferences (the defaults until I set any)")
    public Uni<PreferencesView> get() {
        return preferences.get(caller.id()).map(PreferenceResource::view);
    }

    @PUT
    @Operation(operationId = "replaceNotificationPreferences",
            summary = "Replace my notification preferences; absent fields take their defaults",
            description = "Defaults: every type IN_APP, no muted group, digest OFF, reminders 60 and 10 minutes"
                    + " before, no quiet hours, held during sessions. Types: " + Kind.KEYS_TEXT + ".")
    public Uni<PreferencesView> put(@Valid @NotNull PreferencesView request) {
        Preference preference = preference(request);
        return preferences.replace(caller.id(), preference).replaceWith(view(preference));
    }

    static Preference preference(PreferencesView request) {
        Map<String, Channel> channels = request.channels() == null ? Map.of() : request.channels();
        for (Map.Entry<String, Channel> entry : channels.entrySet()) {
            if (Kind.of(entry.getKey()).isEmpty()) {
                throw ProblemException.invalidField("channels." + entry.getKey(), "is not a notification type; one of "
                        + String.join(", ", Kind.keys()));
            }
            if (entry.getValue() == null) {
                throw ProblemException.invalidField("channels." + entry.getKey(), "must be IN_APP, EMAIL or OFF");
            }
        }
        if ((request.quietStart() == null) != (request.quietEnd() == null)) {
            throw ProblemException.invalidField(request.quietStart() == null ? "quietStart" : "quietEnd",
                    "quiet hours need both quietStart and quietEnd");
        }
        Set<UUID> muted = request.mutedGroups() == null ? Set.of() : new LinkedHashSet<>(request.mutedGroups());
        List<Integer> leads = request.reminderLeadMinutes() == null ? Preference.DEFAULT_LEADS
                : request.reminderLeadMinutes().stream().distinct().sorted((a, b) -> b - a).toList();
        return new Preference(Map.copyOf(channels), muted, request.digest() == null ? Digest.OFF : request.digest(),
                leads, request.quietStart() == null ? null : LocalTime.parse(request.quietStart()),
                request.quietEnd() == null ? null : LocalTime.parse(request.quietEnd()),
                !Boolean.FALSE.equals(request.holdDuringSessions()));
    }

    static PreferencesView view(Preference p) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            channels.put(kind.key(), p.channel(kind));
        }
        return new PreferencesView(channels, List.copyOf(p.mutedGroups()), p.digest(), p.reminderLeads(),
                p.quietStart() == null ? null : p.quietStart().toString(),
                p.quietEnd() == null ? null : p.quietEnd().toString(), p.holdInSessions());
    }

}
