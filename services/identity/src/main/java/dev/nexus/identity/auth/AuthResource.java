package dev.nexus.identity.auth;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** Anonymous by nature: these calls are how a client gets its tokens (an empty requirement set says so). */
@Path("/api/v1/auth")
@Tag(name = "Auth")
@SecurityRequirementsSet
public class AuthResource {

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/register")
    @Operation(operationId = "register", summary = "Create an account and log in",
            description = "Password 10 to 72 characters; timeZone is an IANA name and defaults to UTC.")
    @APIResponse(responseCode = "201", description = "The new account and its first token pair",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid field; see errors[]")
    @APIResponse(responseCode = "409", description = "E-mail address already registered")
    public Uni<RestResponse<TokenResponse>> register(@Valid @NotNull Requests.Register request) {
        return auth.register(request).map(tokens -> uncached(RestResponse.Status.CREATED, tokens));
    }

    @POST
    @Path("/login")
    @Operation(operationId = "login", summary = "Exchange e-mail and password for a token pair")
    @APIResponse(responseCode = "200", description = "A new token pair")
    @APIResponse(responseCode = "401", description = "Wrong e-mail or password (the same answer for both)")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this e-mail address or from this client"
            + " address: locked for Retry-After seconds, a delay that doubles with each further failure. Unknown"
            + " addresses are locked alike.")
    public Uni<RestResponse<TokenResponse>> login(@Valid @NotNull Requests.Login request, @Context HttpServerRequest http) {
        return auth.login(request, http.remoteAddress().hostAddress()).map(tokens -> uncached(RestResponse.Status.OK, tokens));
    }

    @POST
    @Path("/refresh")
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for a new pair",
            description = "Each refresh token works once. Presenting a used one again revokes every token of its login.")
    @APIResponse(responseCode = "200", description = "The new token pair")
    @APIResponse(responseCode = "401", description = "Invalid, expired, revoked or reused refresh token")
    public Uni<RestResponse<TokenResponse>> refresh(@Valid @NotNull Requests.Refresh request) {
        return auth.refresh(request.refreshToken()).map(tokens -> uncached(RestResponse.Status.OK, tokens));
    }

    /** Tokens must not be stored by any cache on the way (RFC 6749 §5.1). */
    private static RestResponse<TokenResponse> uncached(RestResponse.Status status, TokenResponse tokens) {
        return RestResponse.ResponseBuilder.create(status, tokens)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    @POST
    @Path("/logout")
    @ResponseStatus(204)
    @Operation(operationId = "logout", summary = "Revoke the refresh token and every token issued from the same login")
    @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
    public Uni<Void> logout(@Valid @NotNull Requests.Refresh request) {
        return auth.logout(request.refreshToken());
    }
}
