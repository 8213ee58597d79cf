package dev.nexus.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens verified once, not on every call: the identity a token proved is kept until the
 * token's {@code exp} (never longer than {@code nexus.auth.verified-tokens.max-age}), for at most
 * {@code nexus.auth.verified-tokens.max-size} tokens. It runs before SmallRye JWT's verifier, which
 * still checks every token it has not seen (signature against the JWKS, issuer, audience, expiry).
 *
 * <p>Key rotation: identity keeps publishing the previous key while tokens it signed live, so a
 * token stays as valid as the verifier found it until it expires. A key withdrawn early (a leak)
 * stops working here after the max age at the latest, which is shorter than SmallRye's own JWKS
 * refresh; restarting the services drops it at once.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private record Verified(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final IdentityProvider<TokenAuthenticationRequest> verifier;
    private final LongSupplier clock;
    private final Cache<String, Verified> verified;
    private final Counter hits;
    private final Counter misses;

    @Inject
    public VerifiedTokens(MpJwtValidator verifier, MeterRegistry metrics,
            @ConfigProperty(name = "nexus.auth.verified-tokens.max-size", defaultValue = "10000") long maxSize,
            @ConfigProperty(name = "nexus.auth.verified-tokens.max-age", defaultValue = "5m") Duration maxAge) {
        this(verifier, System::currentTimeMillis, metrics, maxSize, maxAge);
    }

    /** With a clock in epoch milliseconds: tests move time. */
    VerifiedTokens(IdentityProvider<TokenAuthenticationRequest> verifier, LongSupplier clock, MeterRegistry metrics,
            long maxSize, Duration maxAge) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(maxAge)
                .ticker(() -> clock.getAsLong() * 1_000_000)
                .executor(Runnable::run) // evictions happen in the call that caused them, no pool thread
                .build();
        this.hits = metrics.counter("nexus.auth.tokens", "result", "cached");
        this.misses = metrics.counter("nexus.auth.tokens", "result", "verified");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before the verifier (which has the default, 1001): the identity manager asks providers from the
     * highest priority down and stops at the first answer, so a cached token skips the verifier.
     */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Verified known = verified.getIfPresent(token);
        if (known != null && clock.getAsLong() < known.expiresAtMillis()) {
            hits.increment();
            return Uni.createFrom().item(known.identity());
        }
        misses.increment();
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                verified.put(token, new Verified(identity, jwt.getExpirationTime() * 1000));
            }
        });
    }
}
