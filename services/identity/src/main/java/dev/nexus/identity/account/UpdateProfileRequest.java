package dev.nexus.identity.account;

import dev.nexus.platform.validation.IanaTimeZone;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /api/v1/users/me}: absent fields stay as they are. */
public record UpdateProfileRequest(
        @Size(min = 1, max = 80) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName,
        @IanaTimeZone String timeZone) {
}
