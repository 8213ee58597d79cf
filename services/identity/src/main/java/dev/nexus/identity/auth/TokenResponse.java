package dev.nexus.identity.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.identity.account.AccountView;

/**
 * Tokens for a client: send {@code accessToken} as {@code Authorization: Bearer ...} until
 * {@code expiresIn} seconds have passed, then exchange {@code refreshToken} for a new pair.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(AccountView user, String accessToken, String tokenType, long expiresIn,
        String refreshToken) {
}
