package dev.nexus.identity.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nexus.identity.account.AccountView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Tokens for a client: send {@code accessToken} as {@code Authorization: Bearer ...} until
 * {@code expiresIn} seconds have passed, then exchange {@code refreshToken} for a new pair.
 *
 * @param accessToken an RS256 JWT. Its length: the header (about 110 characters), the claims (about
 *     1,000 with the longest name, escaped, plus the configured issuer) and a signature of at most
 *     2,731 characters (the JDK refuses RSA keys over 16,384 bits); 8,192 leaves room for an issuer
 *     of a few thousand characters.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(AccountView user,
        @Schema(maxLength = 8192, description = "RS256 JWT; send it as Authorization: Bearer <accessToken>")
        String accessToken,
        @Schema(enumeration = "Bearer") String tokenType,
        @Schema(minimum = "1", description = "Seconds until accessToken expires") long expiresIn,
        @Schema(minLength = TokenIssuer.REFRESH_TOKEN_LENGTH, maxLength = TokenIssuer.REFRESH_TOKEN_LENGTH)
        String refreshToken) {
}
