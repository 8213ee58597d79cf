package dev.nexus.identity.account;

import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/me")
@Authenticated
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
public class UserResource {

    private final AccountService accounts;
    private final Caller caller;

    public UserResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getMe", summary = "The caller's own account")
    public Uni<AccountView> me() {
        return accounts.get(caller.id()).map(AccountView::of);
    }

    @PATCH
    @Operation(operationId = "updateMe", summary = "Change the caller's display name or time zone",
            description = "Absent fields are left unchanged. Other services learn the change from user.updated.v1.")
    public Uni<AccountView> update(@Valid @NotNull UpdateProfileRequest request) {
        return accounts.update(caller.id(), request).map(AccountView::of);
    }
}
