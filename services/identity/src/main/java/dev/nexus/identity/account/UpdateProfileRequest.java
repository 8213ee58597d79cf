package dev.nexus.identity.account;

import dev.nexus.contracts.Events;
import dev.nexus.platform.validation.IanaTimeZone;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PATCH /api/v1/users/me}: absent fields stay as they are. */
public record UpdateProfileRequest(
        @Size(min = 1, max = Events.MAX_DISPLAY_NAME) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String displayName,
        @IanaTimeZone @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone) {
}
