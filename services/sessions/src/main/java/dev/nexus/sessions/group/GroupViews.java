package dev.nexus.sessions.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.contracts.Events;
import dev.nexus.platform.validation.IanaTimeZone;
import dev.nexus.sessions.access.Group;
import dev.nexus.sessions.access.Membership;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the group endpoints. */
public final class GroupViews {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;

    private GroupViews() {
    }

    public record CreateGroup(
            @NotBlank @Size(max = MAX_NAME) String name,
            @Size(max = MAX_DESCRIPTION) String description,
            @NotNull Group.Visibility visibility,
            @IanaTimeZone @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone) {
    }

    /** Absent fields stay as they are. */
    public record UpdateGroup(
            @Size(min = 1, max = MAX_NAME) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Size(max = MAX_DESCRIPTION) String description,
            Group.Visibility visibility,
            @IanaTimeZone @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone) {
    }

    public record JoinGroup(
            @Size(max = Invite.CODE_LENGTH, message = "is not an invite code") String inviteCode) {
    }

    /** Optional: {@code maxUses} limits how many people can join with the code. */
    public record CreateInvite(@Min(value = 1, message = "must be 1 to " + Invite.MAX_USES)
            @Max(value = Invite.MAX_USES, message = "must be 1 to " + Invite.MAX_USES) Integer maxUses) {
    }

    public record ChangeRole(@NotNull Membership.Role role) {
    }

    /** {@code myRole} is the caller's role, or null when the caller is not a member. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GroupView(UUID id, @Schema(maxLength = MAX_NAME) String name,
            @Schema(maxLength = MAX_DESCRIPTION) String description, Group.Visibility visibility,
            @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone, UUID ownerId,
            @Schema(minimum = "0") long memberCount, Membership.Role myRole, Instant createdAt) {
    }

    public record MemberView(UUID userId, @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName,
            Membership.Role role, Instant joinedAt) {
    }

    public record InviteView(@Schema(minLength = Invite.CODE_LENGTH, maxLength = Invite.CODE_LENGTH) String code,
            UUID groupId, Instant expiresAt,
            @Schema(minimum = "1", maximum = "" + Invite.MAX_USES, description = "null: no limit") Integer maxUses,
            @Schema(minimum = "0", maximum = "" + Invite.MAX_USES) int uses) {
    }
}
