package dev.nexus.sessions.group;

import dev.nexus.platform.http.Params;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.sessions.group.GroupViews.ChangeRole;
import dev.nexus.sessions.group.GroupViews.CreateGroup;
import dev.nexus.sessions.group.GroupViews.CreateInvite;
import dev.nexus.sessions.group.GroupViews.GroupView;
import dev.nexus.sessions.group.GroupViews.InviteView;
import dev.nexus.sessions.group.GroupViews.JoinGroup;
import dev.nexus.sessions.group.GroupViews.MemberView;
import dev.nexus.sessions.group.GroupViews.UpdateGroup;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/groups")
@Authenticated
@Tag(name = "Groups")
@SecurityRequirement(name = "bearer")
public class GroupResource {

    private final GroupService groups;
    private final Caller caller;

    public GroupResource(GroupService groups, Caller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createGroup", summary = "Create a study group; the caller becomes its owner")
    @APIResponse(responseCode = "201", description = "The new group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    public Uni<RestResponse<GroupView>> create(@Valid @NotNull CreateGroup request) {
        return groups.create(caller.id(), request).map(g -> RestResponse.status(RestResponse.Status.CREATED, g));
    }

    @GET
    @Operation(operationId = "listGroups", summary = "Groups the caller can see, newest first",
            description = "Public groups and the caller's private ones. q matches any part of the name;"
                    + " mine=true lists only the caller's groups. Pages: limit (1-100, default 20), cursor.")
    public Uni<Page<GroupView>> list(
            @QueryParam("q") @Size(max = Params.MAX_QUERY, message = Params.MAX_QUERY_MESSAGE) String q,
            @QueryParam("mine") boolean mine,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return groups.list(caller.id(), q, mine, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @GET
    @Path("/{groupId}")
    @Operation(operationId = "getGroup", summary = "One group, with the caller's role in it")
    @APIResponse(responseCode = "200", description = "The group")
    @APIResponse(responseCode = "404", description = "No such group, or private and the caller is not a member")
    public Uni<GroupView> get(@RestPath UUID groupId) {
        return groups.get(caller.id(), groupId);
    }

    @PATCH
    @Path("/{groupId}")
    @Operation(operationId = "updateGroup",
            summary = "Edit a group (owner or organizer); absent fields stay as they are")
    @APIResponse(responseCode = "200", description = "The changed group")
    @APIResponse(responseCode = "403", description = "The caller is not the owner or an organizer")
    public Uni<GroupView> update(@RestPath UUID groupId, @Valid @NotNull UpdateGroup request) {
        return groups.update(caller.id(), groupId, request);
    }

    @POST
    @Path("/{groupId}/members")
    @Operation(operationId = "joinGroup", summary = "Join a group",
            description = "Public groups: anyone. Private groups: only with a valid invite code. Joining twice is harmless.")
    @APIResponse(responseCode = "201", description = "Joined",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "200", description = "Already a member")
    @APIResponse(responseCode = "410", description = "The invite code has expired")
    public Uni<RestResponse<MemberView>> join(@RestPath UUID groupId, @Valid JoinGroup request) {
        return groups.join(caller.id(), groupId, request == null ? null : request.inviteCode())
                .map(joined -> RestResponse.status(
                        joined.isNew() ? RestResponse.Status.CREATED : RestResponse.Status.OK, joined.member()));
    }

    @GET
    @Path("/{groupId}/members")
    @Operation(operationId = "listGroupMembers",
            summary = "Members with their display names and roles, in joining order")
    public Uni<Page<MemberView>> members(@RestPath UUID groupId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return groups.members(caller.id(), groupId, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @DELETE
    @Path("/{groupId}/members/{userId}")
    @ResponseStatus(204)
    @Operation(operationId = "removeGroupMember", summary = "Remove a member, or leave when userId is the caller",
            description = "The owner removes anyone; organizers remove plain members; the owner leaves only after handing over.")
    public Uni<Void> remove(@RestPath UUID groupId, @RestPath UUID userId) {
        return groups.remove(caller.id(), groupId, userId);
    }

    @PUT
    @Path("/{groupId}/members/{userId}/role")
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role (owner only)",
            description = "role OWNER hands ownership over: the previous owner becomes an organizer.")
    public Uni<MemberView> changeRole(@RestPath UUID groupId, @RestPath UUID userId,
            @Valid @NotNull ChangeRole request) {
        return groups.changeRole(caller.id(), groupId, userId, request.role());
    }

    @POST
    @Path("/{groupId}/invites")
    @Operation(operationId = "createInvite", summary = "Create an invite code (owner or organizer)",
            description = "Anyone with the code can join until expiresAt (nexus.sessions.invite-lifetime, default 7 days),"
                    + " at most maxUses times when given, and until it is revoked. The body is optional.")
    @APIResponse(responseCode = "201", description = "The code to share",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InviteView.class)))
    public Uni<RestResponse<InviteView>> invite(@RestPath UUID groupId, @Valid CreateInvite request) {
        return groups.invite(caller.id(), groupId, request == null ? null : request.maxUses())
                .map(i -> RestResponse.status(RestResponse.Status.CREATED, i));
    }

    @DELETE
    @Path("/{groupId}/invites/{code}")
    @ResponseStatus(204)
    @Operation(operationId = "revokeInvite", summary = "Revoke an invite code (owner or organizer)",
            description = "Nobody can join with it any more (410); revoking it again changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "The group has no such invite")
    public Uni<Void> revokeInvite(@RestPath UUID groupId,
            @RestPath @Size(max = Invite.CODE_LENGTH, message = "is not an invite code") String code) {
        return groups.revokeInvite(caller.id(), groupId, code);
    }

}
