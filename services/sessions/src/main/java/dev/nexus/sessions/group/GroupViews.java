package dev.nexus.sessions.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.platform.validation.IanaTimeZone;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the group endpoints. */
public final class GroupViews {

    private GroupViews() {
    }

    public record CreateGroup(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description,
            @NotNull Group.Visibility visibility,
            @IanaTimeZone String timeZone) {
    }

    /** Absent fields stay as they are. */
    public record UpdateGroup(
            @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Size(max = 2000) String description,
            Group.Visibility visibility,
            @IanaTimeZone String timeZone) {
    }

    public record JoinGroup(String inviteCode) {
    }

    public record ChangeRole(@NotNull Membership.Role role) {
    }

    /** {@code myRole} is the caller's role, or null when the caller is not a member. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GroupView(UUID id, String name, String description, Group.Visibility visibility, String timeZone,
            UUID ownerId, long memberCount, Membership.Role myRole, Instant createdAt) {
    }

    public record MemberView(UUID userId, String displayName, Membership.Role role, Instant joinedAt) {
    }

    public record InviteView(String code, UUID groupId, Instant expiresAt) {
    }
}
