package dev.nexus.identity.account;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/me")
@Authenticated
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
public class UserResource {

    private final AccountService accounts;
    private final JsonWebToken token;

    public UserResource(AccountService accounts, JsonWebToken token) {
        this.accounts = accounts;
        this.token = token;
    }

    @GET
    @Operation(operationId = "getMe", summary = "The caller's own account")
    public Uni<AccountView> me() {
        return accounts.get(UUID.fromString(token.getSubject())).map(AccountView::of);
    }

    @PATCH
    @Operation(operationId = "updateMe", summary = "Change the caller's display name or time zone",
            description = "Absent fields are left unchanged. Other services learn the change from user.updated.v1.")
    public Uni<AccountView> update(@Valid @NotNull UpdateProfileRequest request) {
        return accounts.update(UUID.fromString(token.getSubject()), request).map(AccountView::of);
    }
}
