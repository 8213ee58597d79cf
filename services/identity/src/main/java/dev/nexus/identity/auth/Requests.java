package dev.nexus.identity.auth;

import dev.nexus.contracts.Events;
import dev.nexus.identity.account.Account;
import dev.nexus.platform.validation.IanaTimeZone;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the auth endpoints. */
public final class Requests {

    static final int MIN_PASSWORD = 10;
    /** bcrypt reads no further than 72 bytes. */
    static final int MAX_PASSWORD = 72;

    private Requests() {
    }

    /** Passwords: 10 to 72 characters, and at most 72 bytes in UTF-8 (all that bcrypt reads). */
    public record Register(
            @NotBlank @Email(regexp = ".+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address like ada@example.org")
            @Size(max = Account.MAX_EMAIL) String email,
            @NotNull @Size(min = MIN_PASSWORD, max = MAX_PASSWORD, message = "must be 10 to 72 characters long")
            @Utf8Bytes(max = MAX_PASSWORD) String password,
            @NotBlank @Size(max = Events.MAX_DISPLAY_NAME) String displayName,
            @IanaTimeZone @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone) {
    }

    /** No account has a longer address or password, so longer ones are refused before any lookup. */
    public record Login(
            @NotBlank @Size(max = Account.MAX_EMAIL, message = "must be at most " + Account.MAX_EMAIL + " characters")
            String email,
            @NotNull @Size(max = MAX_PASSWORD, message = "must be at most " + MAX_PASSWORD + " characters")
            String password) {
    }

    public record Refresh(@NotBlank @Size(max = TokenIssuer.REFRESH_TOKEN_LENGTH, message = "is not a refresh token")
            String refreshToken) {
    }
}
