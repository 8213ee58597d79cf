package dev.nexus.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000_000L;

    /** Stands in for SmallRye's verifier: accepts the tokens it was told about, each valid until its exp. */
    private static final class Verifier implements IdentityProvider<TokenAuthenticationRequest> {
        final List<String> calls = new ArrayList<>();
        final Map<String, Long> valid = new HashMap<>();

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            String token = request.getToken().getToken();
            calls.add(token);
            Long exp = valid.get(token);
            if (exp == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException("bad signature"));
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(jwt(token, exp)).build());
        }
    }

    private final Verifier verifier = new Verifier();
    private final AtomicLong clock = new AtomicLong(NOW);
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock::get, new SimpleMeterRegistry(), 2,
            Duration.ofMinutes(5));

    @Test
    void a_token_is_verified_once_then_served_from_memory_until_it_expires() {
        verifier.valid.put("a", NOW / 1000 + 60);
        SecurityIdentity first = authenticate("a");
        assertSame(first, authenticate("a"));
        clock.set(NOW + 59_999);
        assertSame(first, authenticate("a"));
        assertEquals(List.of("a"), verifier.calls);

        clock.set(NOW + 60_000); // its exp: the verifier decides again
        verifier.valid.remove("a");
        assertThrows(AuthenticationFailedException.class, () -> authenticate("a"));
        assertEquals(List.of("a", "a"), verifier.calls);
    }

    @Test
    void a_refused_token_is_never_remembered() {
        assertThrows(AuthenticationFailedException.class, () -> authenticate("forged"));
        assertThrows(AuthenticationFailedException.class, () -> authenticate("forged"));
        assertEquals(List.of("forged", "forged"), verifier.calls);
    }

    @Test
    void a_token_whose_key_was_withdrawn_is_refused_once_its_entry_is_older_than_the_max_age() {
        verifier.valid.put("a", NOW / 1000 + 3600);
        authenticate("a");
        verifier.valid.remove("a"); // its key left the JWKS
        clock.set(NOW + Duration.ofMinutes(5).toMillis() - 1);
        authenticate("a");
        clock.set(NOW + Duration.ofMinutes(5).toMillis());
        assertThrows(AuthenticationFailedException.class, () -> authenticate("a"));
    }

    @Test
    void the_cache_holds_at_most_its_size() {
        for (String token : Set.of("a", "b", "c", "d")) {
            verifier.valid.put(token, NOW / 1000 + 60);
            authenticate(token);
        }
        verifier.calls.clear();
        for (String token : List.of("a", "b", "c", "d")) {
            authenticate(token);
        }
        assertTrue(verifier.calls.size() >= 2, "at most 2 of 4 tokens kept: " + verifier.calls);
    }

    private SecurityIdentity authenticate(String token) {
        return tokens.authenticate(request(token), null).await().indefinitely();
    }

    private static TokenAuthenticationRequest request(String token) {
        return new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
    }

    private static JsonWebToken jwt(String token, long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return token;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return "exp".equals(claim) ? (T) Long.valueOf(exp) : null;
            }
        };
    }
}
