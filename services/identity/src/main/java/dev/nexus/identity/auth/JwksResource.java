package dev.nexus.identity.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/.well-known/jwks.json")
@Tag(name = "Auth")
public class JwksResource {

    private final TokenIssuer issuer;

    public JwksResource(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys that verify Nexus access tokens (RFC 7517)")
    public String jwks() {
        return issuer.jwks();
    }
}
