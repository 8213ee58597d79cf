package dev.nexus.platform.http;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who calls: the user and login of the request's verified access token, as resources need them. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's user id (the token's subject); call only on an authenticated request. */
    public UUID id() {
        return UUID.fromString(token.getSubject());
    }

    /** The login the token was issued for (its {@code sid} claim). */
    public String session() {
        return token.getClaim("sid");
    }
}
