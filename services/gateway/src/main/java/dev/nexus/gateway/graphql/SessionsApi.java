package dev.nexus.gateway.graphql;

import static dev.nexus.gateway.graphql.Paths.path;
import static dev.nexus.gateway.graphql.Paths.query;

import dev.nexus.gateway.graphql.SessionTypes.AttendeeConnection;
import dev.nexus.gateway.graphql.SessionTypes.Group;
import dev.nexus.gateway.graphql.SessionTypes.GroupConnection;
import dev.nexus.gateway.graphql.SessionTypes.GroupInput;
import dev.nexus.gateway.graphql.SessionTypes.Invite;
import dev.nexus.gateway.graphql.SessionTypes.Member;
import dev.nexus.gateway.graphql.SessionTypes.MemberConnection;
import dev.nexus.gateway.graphql.SessionTypes.Occurrence;
import dev.nexus.gateway.graphql.SessionTypes.OccurrenceConnection;
import dev.nexus.gateway.graphql.SessionTypes.Role;
import dev.nexus.gateway.graphql.SessionTypes.Rsvp;
import dev.nexus.gateway.graphql.SessionTypes.RsvpStatus;
import dev.nexus.gateway.graphql.SessionTypes.Session;
import dev.nexus.gateway.graphql.SessionTypes.SessionInput;
import dev.nexus.gateway.ratelimit.Callers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Groups, coding sessions and RSVPs, resolved through the sessions service's REST API. */
@GraphQLApi
public class SessionsApi {

    /** The batch read's answer (GET /api/v1/sessions?groupId=...). */
    record GroupsOccurrences(List<OfGroup> items) {
        record OfGroup(String groupId, List<Occurrence> items, String nextCursor) {
        }
    }

    /** Groups per batch read: the most the sessions service takes at once. */
    static final int BATCH = 100;

    private final Rest rest;
    private final Caller caller;
    private final Callers callers;

    SessionsApi(Rest rest, Caller caller, Callers callers) {
        this.rest = rest;
        this.caller = caller;
        this.callers = callers;
    }

    @Query
    @Description("Groups by name (q), or only the caller's (mine); first: 1-100, default 20; after: a nextCursor")
    public Uni<GroupConnection> groups(String q, @DefaultValue("false") boolean mine, Integer first, String after) {
        return rest.get(caller.authorization(),
                "/api/v1/groups" + query("q", q, "mine", mine ? true : null, "limit", first, "cursor", after),
                GroupConnection.class);
    }

    @Query
    @Description("A group; not found when it does not exist or is private and the caller is not a member")
    public Uni<Group> group(@NonNull @Id String id) {
        return rest.get(caller.authorization(), path("/api/v1/groups/%s", id), Group.class);
    }

    @Description("The group's members")
    public Uni<MemberConnection> members(@Source Group group, Integer first, String after) {
        return rest.get(caller.authorization(),
                path("/api/v1/groups/%s/members", group.id()) + query("limit", first, "cursor", after),
                MemberConnection.class);
    }

    @Description("The group's sessions as occurrences in time order (series expanded). from defaults to now, to to"
            + " from + 90 days. For a list of groups this is one call to the sessions service per 100 groups.")
    public Uni<List<OccurrenceConnection>> sessions(@Source List<Group> groups, String from, String to, Integer first,
            String after) {
        String authorization = caller.authorization();
        if (after != null) {
            // a next page of one group's sessions: the cursor belongs to that group's own list
            List<Uni<OccurrenceConnection>> pages = groups.stream().map(group -> rest.get(authorization,
                    path("/api/v1/groups/%s/sessions", group.id())
                            + query("from", from, "to", to, "limit", first, "cursor", after),
                    OccurrenceConnection.class)).toList();
            return Uni.join().all(pages).andFailFast();
        }
        List<Uni<GroupsOccurrences>> batches = new ArrayList<>();
        for (int i = 0; i < groups.size(); i += BATCH) {
            List<String> ids = groups.subList(i, Math.min(groups.size(), i + BATCH)).stream().map(Group::id).toList();
            batches.add(rest.get(authorization, "/api/v1/sessions" + query("groupId", ids, "from", from, "to", to,
                    "limit", first), GroupsOccurrences.class));
        }
        return Uni.join().all(batches).andFailFast().map(answers -> {
            Map<String, OccurrenceConnection> byGroup = new HashMap<>();
            answers.forEach(answer -> answer.items().forEach(g -> byGroup.put(g.groupId(),
                    new OccurrenceConnection(g.items(), g.nextCursor()))));
            return groups.stream().map(g -> byGroup.getOrDefault(g.id(), new OccurrenceConnection(List.of(), null)))
                    .toList();
        });
    }

    @Query
    @Description("A coding session")
    public Uni<Session> session(@NonNull @Id String id) {
        return rest.get(caller.authorization(), path("/api/v1/sessions/%s", id), Session.class);
    }

    @Description("Everyone's answers, in the order they answered")
    public Uni<AttendeeConnection> rsvps(@Source Session session, Integer first, String after) {
        return rest.get(caller.authorization(),
                path("/api/v1/sessions/%s/rsvps", session.id()) + query("limit", first, "cursor", after),
                AttendeeConnection.class);
    }

    @Description("The caller's own answer with their place on the waitlist; null when they have not answered")
    public Uni<Rsvp> myRsvp(@Source Session session) {
        return rest.get(caller.authorization(), path("/api/v1/sessions/%s/rsvp", session.id()), Rsvp.class)
                .map(rsvp -> rsvp.status() == null ? null : rsvp);
    }

    @Query
    @Description("The caller's agenda: occurrences of every group they belong to. from defaults to now, to to"
            + " from + 90 days.")
    public Uni<OccurrenceConnection> agenda(String from, String to, Integer first, String after) {
        return rest.get(caller.authorization(),
                "/api/v1/me/sessions" + query("from", from, "to", to, "limit", first, "cursor", after),
                OccurrenceConnection.class);
    }

    @Mutation
    @Description("Creates a group; the caller becomes its owner")
    public Uni<Group> createGroup(@NonNull GroupInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), "/api/v1/groups", input, Group.class);
    }

    @Mutation
    @Description("Changes a group (owner and organizers); absent fields stay as they are")
    public Uni<Group> updateGroup(@NonNull @Id String id, @NonNull GroupInput input) {
        return rest.send(HttpMethod.PATCH, caller.authorization(), path("/api/v1/groups/%s", id), input, Group.class);
    }

    @Mutation
    @Description("Joins a group: a public one as it is, a private one with an invite code")
    public Uni<Member> joinGroup(@NonNull @Id String id, String inviteCode) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/groups/%s/members", id),
                inviteCode == null ? Map.of() : Map.of("inviteCode", inviteCode), Member.class);
    }

    @Mutation
    @Description("Leaves a group (its owner cannot)")
    public Uni<Boolean> leaveGroup(@NonNull @Id String id) {
        String authorization = caller.authorization();
        return Uni.createFrom().completionStage(callers.subject(authorization).toCompletionStage())
                .map(subject -> subject.orElseThrow(UpstreamProblem::unauthenticated))
                .chain(me -> removeMember(id, me, authorization));
    }

    @Mutation
    @Description("Removes a member (owner and organizers)")
    public Uni<Boolean> removeMember(@NonNull @Id String groupId, @NonNull @Id String userId) {
        return removeMember(groupId, userId, caller.authorization());
    }

    private Uni<Boolean> removeMember(String groupId, String userId, String authorization) {
        return rest.send(HttpMethod.DELETE, authorization, path("/api/v1/groups/%s/members/%s", groupId, userId),
                null, Void.class).replaceWith(true);
    }

    @Mutation
    @Description("Gives a member another role (the owner; organizers for members)")
    public Uni<Member> changeRole(@NonNull @Id String groupId, @NonNull @Id String userId, @NonNull Role role) {
        return rest.send(HttpMethod.PUT, caller.authorization(),
                path("/api/v1/groups/%s/members/%s/role", groupId, userId), Map.of("role", role), Member.class);
    }

    @Mutation
    @Description("A new invite code for a group (owner and organizers); maxUses limits how many can join with it")
    public Uni<Invite> createInvite(@NonNull @Id String groupId, Integer maxUses) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/groups/%s/invites", groupId),
                maxUses == null ? Map.of() : Map.of("maxUses", maxUses), Invite.class);
    }

    @Mutation
    @Description("Revokes an invite code: nobody can join with it any more (owner and organizers)")
    public Uni<Boolean> revokeInvite(@NonNull @Id String groupId, @NonNull String code) {
        return rest.send(HttpMethod.DELETE, caller.authorization(),
                path("/api/v1/groups/%s/invites/%s", groupId, code), null, Void.class).replaceWith(true);
    }

    @Mutation
    @Description("Schedules a session in a group (owner and organizers)")
    public Uni<Session> scheduleSession(@NonNull @Id String groupId, @NonNull SessionInput input) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/groups/%s/sessions", groupId), input,
                Session.class);
    }

    @Mutation
    @Description("Reschedules or edits a session; version: the one last read (a newer one fails with"
            + " PRECONDITION_FAILED), or absent to overwrite whatever is current")
    public Uni<Session> rescheduleSession(@NonNull @Id String id, @NonNull SessionInput input, Integer version) {
        return rest.call(HttpMethod.PATCH, caller.authorization(), path("/api/v1/sessions/%s", id), input,
                Paths.ifMatch(version), Session.class);
    }

    @Mutation
    @Description("Cancels a session (or a whole series)")
    public Uni<Session> cancelSession(@NonNull @Id String id, String reason) {
        return rest.send(HttpMethod.POST, caller.authorization(), path("/api/v1/sessions/%s/cancel", id),
                reason == null ? Map.of() : Map.of("reason", reason), Session.class);
    }

    @Mutation
    @Description("Answers a session GOING, MAYBE or DECLINED; GOING beyond the capacity joins the waitlist")
    public Uni<Rsvp> rsvp(@NonNull @Id String sessionId, @NonNull RsvpStatus status) {
        return rest.send(HttpMethod.PUT, caller.authorization(), path("/api/v1/sessions/%s/rsvp", sessionId),
                Map.of("status", status), Rsvp.class);
    }
}
