package dev.nexus.gateway.graphql;

import static dev.nexus.gateway.graphql.Paths.path;

import dev.nexus.gateway.graphql.SessionTypes.PairOrMob;
import dev.nexus.gateway.graphql.SessionTypes.PairingProfile;
import dev.nexus.gateway.graphql.SessionTypes.PairingProfileInput;
import dev.nexus.gateway.graphql.SessionTypes.Pairs;
import dev.nexus.gateway.graphql.SessionTypes.Rotation;
import dev.nexus.gateway.graphql.SessionTypes.Session;
import dev.nexus.gateway.graphql.SessionTypes.SessionFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * Pair and mob sessions, resolved through the sessions service's REST API. {@code @Name} keeps the
 * "set" of a mutation's name, which SmallRye GraphQL would otherwise drop.
 */
@GraphQLApi
public class PairingApi {

    private final Rest rest;
    private final Caller caller;

    PairingApi(Rest rest, Caller caller) {
        this.rest = rest;
        this.caller = caller;
    }

    @Description("How the session is run: pair, mob or neither")
    public Uni<SessionFormat> format(@Source Session session) {
        return rest.get(caller.authorization(), path("/api/v1/sessions/%s/format", session.id()), SessionFormat.class);
    }

    @Mutation
    @Description("Makes a session a pair or mob session, or (format null) neither (owner and organizers);"
            + " rotationMinutes: a mob's driver turn, 5-60, default 10")
    @Name("setSessionFormat")
    public Uni<SessionFormat> setSessionFormat(@NonNull @Id String sessionId, PairOrMob format, Integer rotationMinutes) {
        Map<String, Object> body = new HashMap<>();
        body.put("format", format);
        body.put("rotationMinutes", rotationMinutes);
        return rest.send(HttpMethod.PUT, caller.authorization(), path("/api/v1/sessions/%s/format", sessionId), body,
                SessionFormat.class);
    }

    @Query
    @Description("The caller's pairing profile (no languages, level 3, until set)")
    public Uni<PairingProfile> pairingProfile() {
        return rest.get(caller.authorization(), "/api/v1/me/pairing-profile", PairingProfile.class);
    }

    @Mutation
    @Description("Replaces the caller's pairing profile")
    @Name("setPairingProfile")
    public Uni<PairingProfile> setPairingProfile(@NonNull PairingProfileInput input) {
        return rest.send(HttpMethod.PUT, caller.authorization(), "/api/v1/me/pairing-profile", input,
                PairingProfile.class);
    }

    @Query
    @Description("A pair occurrence's pairs: as set by an organizer, or proposed among the members going."
            + " occurrenceStart: RFC 3339, as an occurrence list gives it")
    public Uni<Pairs> pairs(@NonNull @Id String sessionId, @NonNull String occurrenceStart) {
        return rest.get(caller.authorization(), occurrence(sessionId, occurrenceStart, "pairs"), Pairs.class);
    }

    @Mutation
    @Description("Sets a pair occurrence's pairs (owner and organizers): every member going in exactly one group"
            + " of 2 or 3")
    @Name("setPairs")
    public Uni<Pairs> setPairs(@NonNull @Id String sessionId, @NonNull String occurrenceStart,
            @NonNull @Description("Each group: the user ids of its members") List<@NonNull List<@NonNull String>> groups) {
        return rest.send(HttpMethod.PUT, caller.authorization(), occurrence(sessionId, occurrenceStart, "pairs"),
                Map.of("groups", groups), Pairs.class);
    }

    @Query
    @Description("A mob occurrence's driver rotation: published, or what publishing would make now")
    public Uni<Rotation> rotation(@NonNull @Id String sessionId, @NonNull String occurrenceStart) {
        return rest.get(caller.authorization(), occurrence(sessionId, occurrenceStart, "rotation"), Rotation.class);
    }

    @Mutation
    @Description("Publishes a mob occurrence's driver rotation (owner and organizers); each driver is notified at"
            + " their turn. Publishing again replaces it.")
    public Uni<Rotation> publishRotation(@NonNull @Id String sessionId, @NonNull String occurrenceStart) {
        return rest.send(HttpMethod.POST, caller.authorization(), occurrence(sessionId, occurrenceStart, "rotation"),
                null, Rotation.class);
    }

    private static String occurrence(String sessionId, String start, String what) {
        return path("/api/v1/sessions/%s/occurrences/%s/" + what, sessionId, start);
    }
}
