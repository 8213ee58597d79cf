package dev.nexus.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who a bearer token belongs to, verified like the services verify it (identity's JWKS, issuer,
 * audience, expiry). A token is verified once, on a worker thread (fetching the JWKS may block),
 * then remembered until it expires (at most ten minutes); a token that fails is remembered as
 * anonymous for a minute.
 */
@ApplicationScoped
public class Callers {

    private record Verified(Optional<String> subject, long expiresAtNanos) {
    }

    private static final Duration LONGEST = Duration.ofMinutes(10);
    private static final Duration INVALID = Duration.ofMinutes(1);

    private final JWTParser parser;
    private final Vertx vertx;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfter(new Expiry<String, Verified>() {
                @Override
                public long expireAfterCreate(String token, Verified value, long now) {
                    return Math.max(0, value.expiresAtNanos() - System.nanoTime());
                }

                @Override
                public long expireAfterUpdate(String token, Verified value, long now, long current) {
                    return current;
                }

                @Override
                public long expireAfterRead(String token, Verified value, long now, long current) {
                    return current;
                }
            })
            .build();

    Callers(JWTParser parser, Vertx vertx) {
        this.parser = parser;
        this.vertx = vertx;
    }

    /** The subject of the {@code Authorization: Bearer} token, empty without a valid one. */
    public Future<Optional<String>> subject(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.succeededFuture(Optional.empty());
        }
        String token = authorization.substring(7).trim();
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            return Future.succeededFuture(known.subject());
        }
        return vertx.executeBlocking(() -> verify(token), false).map(result -> {
            verified.put(token, result);
            return result.subject();
        });
    }

    private Verified verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            long secondsLeft = jwt.getExpirationTime() - System.currentTimeMillis() / 1000;
            long nanos = TimeUnit.SECONDS.toNanos(Math.min(secondsLeft, LONGEST.toSeconds()));
            return new Verified(Optional.ofNullable(jwt.getSubject()), System.nanoTime() + nanos);
        } catch (ParseException e) {
            return new Verified(Optional.empty(), System.nanoTime() + INVALID.toNanos());
        }
    }
}
