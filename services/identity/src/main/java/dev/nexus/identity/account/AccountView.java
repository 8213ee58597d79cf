package dev.nexus.identity.account;

import java.time.Instant;
import java.util.UUID;

/** The account as the API shows it to its owner. */
public record AccountView(UUID id, String email, String displayName, String timeZone, Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id, account.email, account.displayName, account.timeZone, account.createdAt);
    }
}
