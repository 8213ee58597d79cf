package dev.nexus.notifications.push;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import dev.nexus.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One-use tickets for the WebSocket stream: browsers cannot send an Authorization header on the
 * upgrade, so a client exchanges its bearer token for a ticket (Redis, 30 s) and opens the socket
 * with it. Taking a ticket deletes it (GETDEL), on whichever replica the socket lands.
 */
@ApplicationScoped
public class Tickets {

    public static final Duration LIFETIME = Duration.ofSeconds(30);
    /** 24 random bytes in base64url without padding. */
    public static final int LENGTH = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A token without a {@code sid} claim: its streams end only with the user's other reasons. */
    static final String NO_SESSION = "-";

    private final ReactiveRedisDataSource redis;
    private final String prefix;

    public Tickets(ReactiveRedisDataSource redis, @ConfigProperty(name = "nexus.cache.prefix") String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** Who a ticket is for: the user and the login ({@code sid} claim) it was taken with, if any. */
    public record Holder(UUID user, String session) {
    }

    public Uni<String> issue(UUID user, String session) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String holder = user + " " + (session == null || session.isBlank() ? NO_SESSION : session);
        return redis.value(String.class).set(prefix + "ticket:" + ticket, holder, new SetArgs().px(LIFETIME))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(e -> ProblemException.of(Response.Status.SERVICE_UNAVAILABLE,
                        "Live notifications are unavailable right now (their store, Redis, does not answer);"
                                + " the inbox still works. Try again shortly."))
                .replaceWith(ticket);
    }

    /** The ticket's holder, once; null when it is unknown, used or expired; a failure when Redis does not answer. */
    public Uni<Holder> take(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 64) {
            return Uni.createFrom().nullItem();
        }
        return redis.value(String.class).getdel(prefix + "ticket:" + ticket)
                .ifNoItem().after(TIMEOUT).fail()
                .map(holder -> {
                    if (holder == null) {
                        return null;
                    }
                    String[] parts = holder.split(" ", 2);
                    return new Holder(UUID.fromString(parts[0]), parts.length < 2 ? NO_SESSION : parts[1]);
                });
    }
}
