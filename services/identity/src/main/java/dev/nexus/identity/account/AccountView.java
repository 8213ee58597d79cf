package dev.nexus.identity.account;

import dev.nexus.contracts.Events;
import dev.nexus.platform.validation.IanaTimeZone;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The account as the API shows it to its owner. */
public record AccountView(UUID id, @Schema(maxLength = Account.MAX_EMAIL, format = "email") String email,
        @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName,
        @Schema(maxLength = IanaTimeZone.MAX_LENGTH) String timeZone, Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id, account.email, account.displayName, account.timeZone, account.createdAt);
    }
}
