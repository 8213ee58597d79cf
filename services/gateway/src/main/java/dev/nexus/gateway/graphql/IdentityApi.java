package dev.nexus.gateway.graphql;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class IdentityApi {

    @Description("An account, as identity shows it to its owner")
    public record User(@Id String id, String email, String displayName, String timeZone, String createdAt) {
    }

    private final Rest rest;
    private final Caller caller;

    IdentityApi(Rest rest, Caller caller) {
        this.rest = rest;
        this.caller = caller;
    }

    @Query
    @Description("The caller's own account")
    public Uni<User> me() {
        return rest.get(caller.authorization(), "/api/v1/users/me", User.class);
    }
}
