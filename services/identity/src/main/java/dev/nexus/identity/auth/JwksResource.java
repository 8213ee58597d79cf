package dev.nexus.identity.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public by design: every service (and the gateway) verifies tokens with these keys. */
@Path("/.well-known/jwks.json")
@Tag(name = "Auth")
@SecurityRequirementsSet
public class JwksResource {

    private final TokenIssuer issuer;

    public JwksResource(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getJwks", summary = "Public keys that verify Nexus access tokens (RFC 7517)")
    @APIResponse(responseCode = "200", description = "The key set: the key that signs access tokens, then, after a"
            + " rotation, the previous key, which still verifies the tokens it signed until they expire",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Jwks.class)))
    public String jwks() {
        return issuer.jwks();
    }

    /**
     * For the OpenAPI document: what {@link TokenIssuer#jwks()} writes. {@code n} and {@code e} are
     * base64url numbers of at most 2,048 bytes (the JDK refuses RSA keys over 16,384 bits); {@code kid}
     * is the key's base64url SHA-256 thumbprint.
     */
    public record Jwks(@Schema(minItems = 1, maxItems = 2) List<Jwk> keys) {

        public record Jwk(@Schema(enumeration = "RSA") String kty, @Schema(maxLength = 43) String kid,
                @Schema(enumeration = "sig") String use, @Schema(enumeration = "RS256") String alg,
                @Schema(maxLength = 2731) String n, @Schema(maxLength = 2731) String e) {
        }
    }
}
