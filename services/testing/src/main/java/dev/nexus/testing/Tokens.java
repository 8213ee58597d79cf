package dev.nexus.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/** Access tokens signed with the development key (nexus-dev-keys/), as identity would issue them. */
public final class Tokens {

    public static final String ISSUER = "https://nexus.dev/identity";
    private static final PrivateKey KEY = load();

    private Tokens() {
    }

    public static String forUser(UUID userId, String displayName) {
        return forUser(userId, displayName, "UTC");
    }

    /** With {@code zoneinfo}, the caller's IANA time zone, as identity issues it. */
    public static String forUser(UUID userId, String displayName, String timeZone) {
        return Jwt.issuer(ISSUER).audience("nexus").subject(userId.toString()).groups(Set.of("user"))
                .claim("name", displayName).claim("zoneinfo", timeZone).expiresIn(Duration.ofMinutes(15)).jws().sign(KEY);
    }

    /** As identity issues it for one login: {@code sid} names the login (its refresh-token family). */
    public static String forSession(UUID userId, String displayName, UUID sessionId) {
        return Jwt.issuer(ISSUER).audience("nexus").subject(userId.toString()).groups(Set.of("user"))
                .claim("name", displayName).claim("zoneinfo", "UTC").claim("sid", sessionId.toString())
                .expiresIn(Duration.ofMinutes(15)).jws().sign(KEY);
    }

    /** Signed with the right key but naming another issuer. */
    public static String withIssuer(UUID userId, String issuer) {
        return Jwt.issuer(issuer).audience("nexus").subject(userId.toString()).groups(Set.of("user"))
                .expiresIn(Duration.ofMinutes(15)).jws().sign(KEY);
    }

    /** Signed correctly, but expired an hour ago. */
    public static String expired(UUID userId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(ISSUER).audience("nexus").subject(userId.toString()).groups(Set.of("user"))
                .issuedAt(past).expiresAt(past.plus(Duration.ofHours(1))).jws().sign(KEY);
    }

    /** The same claims with {@code "alg":"none"} and no signature. */
    public static String unsigned(UUID userId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        long exp = Instant.now().plus(Duration.ofMinutes(15)).getEpochSecond();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"nexus\",\"sub\":\"" + userId
                + "\",\"groups\":[\"user\"],\"exp\":" + exp + "}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static PrivateKey load() {
        try {
            return KeyUtils.readPrivateKey("nexus-dev-keys/private.pem");
        } catch (Exception e) {
            throw new IllegalStateException("development key missing", e);
        }
    }
}
