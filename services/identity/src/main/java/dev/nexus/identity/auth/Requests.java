package dev.nexus.identity.auth;

import dev.nexus.platform.validation.IanaTimeZone;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the auth endpoints. */
public final class Requests {

    private Requests() {
    }

    /** Passwords: 10 to 72 characters (bcrypt reads no further than 72 bytes). */
    public record Register(
            @NotBlank @Email(regexp = ".+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address like ada@example.org")
            @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 72, message = "must be 10 to 72 characters long") String password,
            @NotBlank @Size(max = 80) String displayName,
            @IanaTimeZone String timeZone) {
    }

    public record Login(@NotBlank String email, @NotNull String password) {
    }

    public record Refresh(@NotBlank String refreshToken) {
    }
}
