package dev.nexus.gateway.graphql;

import static dev.nexus.gateway.graphql.Paths.path;
import static dev.nexus.gateway.graphql.Paths.query;

import dev.nexus.gateway.graphql.SessionTypes.ClosePollInput;
import dev.nexus.gateway.graphql.SessionTypes.Group;
import dev.nexus.gateway.graphql.SessionTypes.Poll;
import dev.nexus.gateway.graphql.SessionTypes.PollAnswerInput;
import dev.nexus.gateway.graphql.SessionTypes.PollConnection;
import dev.nexus.gateway.graphql.SessionTypes.PollInput;
import dev.nexus.gateway.graphql.SessionTypes.Session;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Availability polls, resolved through the sessions service's REST API. */
@GraphQLApi
public class PollsApi {

    private final Rest rest;
    private final Caller caller;

    PollsApi(Rest rest, Caller caller) {
        this.rest = rest;
        this.caller = caller;
    }

    @Query
    @Description("An availability poll")
    public Uni<Poll> poll(@NonNull @Id String id) {
        return rest.get(caller.authorization(), path("/api/v1/polls/%s", id), Poll.class);
    }

    @Description("The group's polls, newest first; first: 1-100, default 20; after: a nextCursor")
    public Uni<PollConnection> polls(@Source Group group, Integer first, String after) {
        return rest.get(caller.authorization(),
                path("/api/v1/groups/%s/polls", group.id()) + query("limit", first, "cursor", after),
                PollConnection.class);
    }

    @Description("The session that closing the poll scheduled; null while it is open")
    public Uni<Session> session(@Source Poll poll) {
        return poll.sessionId() == null ? Uni.createFrom().nullItem()
                : rest.get(caller.authorization(), path("/api/v1/sessions/%s", poll.sessionId()), Session.class);
    }

    @Mutation
    @Description("Asks the group when to meet (owner and organizers); members are asked to answer")
    public Uni<Poll> openPoll(@NonNull @Id String groupId, @NonNull PollInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/groups/%s/polls", groupId), input,
                Poll.class);
    }

    @Mutation
    @Description("The caller's answers to a poll (members), replacing their earlier ones")
    public Uni<Poll> answerPoll(@NonNull @Id String pollId, @NonNull List<@NonNull PollAnswerInput> answers) {
        return rest.send(HttpMethod.PUT, caller.authorization(), path("/api/v1/polls/%s/answer", pollId),
                Map.of("answers", answers), Poll.class);
    }

    @Mutation
    @Description("Sets the time: closes the poll on one slot and schedules the session or series (owner and"
            + " organizers); everyone who answered is told")
    public Uni<Poll> closePoll(@NonNull @Id String pollId, @NonNull ClosePollInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/polls/%s/close", pollId), input,
                Poll.class);
    }
}
