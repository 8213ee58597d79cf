package dev.nexus.identity.auth;

import dev.nexus.platform.audit.AuditLog;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Signs RS256 access tokens and publishes the matching public key as a JWKS. The key id is the
 * key's RFC 7638 thumbprint, so a new key gets a new id without configuration. After a rotation the
 * previous key ({@code nexus.jwt.previous-key-location}, a public or private PEM) is published too,
 * so that tokens it signed stay valid until they expire while new ones carry the new {@code kid}.
 */
@Startup
@ApplicationScoped
public class TokenIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey signingKey;
    private final RsaJsonWebKey publicJwk;
    private final Optional<RsaJsonWebKey> previousJwk;
    private final String issuer;
    private final Duration accessTokenLifetime;

    public TokenIssuer(
            @ConfigProperty(name = "nexus.jwt.signing-key-location") String keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "nexus.jwt.previous-key-location") Optional<String> previousKeyLocation,
            @ConfigProperty(name = "nexus.jwt.access-token-lifetime", defaultValue = "15m") Duration accessTokenLifetime,
            AuditLog audit)
            throws GeneralSecurityException, JoseException {
        this.signingKey = KeyUtils.decodePrivateKey(readPem(keyLocation));
        this.publicJwk = jwk(publicKeyOf(signingKey, keyLocation));
        Optional<RsaJsonWebKey> previous = Optional.empty();
        if (previousKeyLocation.isPresent() && !previousKeyLocation.get().isBlank()) {
            String pem = readPem(previousKeyLocation.get());
            previous = Optional.of(jwk(pem.contains("PRIVATE KEY")
                    ? publicKeyOf(KeyUtils.decodePrivateKey(pem), previousKeyLocation.get())
                    : (RSAPublicKey) KeyUtils.decodePublicKey(pem)));
        }
        this.previousJwk = previous.filter(p -> !p.getKeyId().equals(publicJwk.getKeyId()));
        // the audit trail of a key rotation: which key signs from now on, which one still verifies
        audit.record("signing-key.loaded", null, Map.of("kid", publicJwk.getKeyId(),
                "previousKid", previousJwk.map(RsaJsonWebKey::getKeyId).orElse("none")));
        this.issuer = issuer;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    private static RSAPublicKey publicKeyOf(PrivateKey key, String location) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException(location + " is not an RSA private key in PKCS#8 PEM");
        }
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }

    private static RsaJsonWebKey jwk(RSAPublicKey key) throws JoseException {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    /** A file path, or a classpath resource (the test key). Fails start-up with a clear message. */
    private static String readPem(String location) {
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return Files.readString(file);
            }
            try (InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (resource != null) {
                    return new String(resource.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the token signing key at " + location + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no token signing key at '" + location + "' (nexus.jwt.signing-key-location,"
                + " env NEXUS_JWT_SIGNING_KEY): give the path of a PKCS#8 PEM RSA private key; ./nexus up generates one");
    }

    /**
     * Claims: sub (account id), name, zoneinfo (the IANA time zone, OIDC's standard claim, so every
     * service can show times in the caller's zone), sid (the login, i.e. the refresh-token family, so
     * that what it opened can be closed when it ends), groups ["user"].
     */
    public String accessToken(UUID accountId, String displayName, String timeZone, UUID sessionId) {
        return Jwt.issuer(issuer)
                .audience("nexus")
                .subject(accountId.toString())
                .groups(Set.of("user"))
                .claim("name", displayName)
                .claim("zoneinfo", timeZone)
                .claim("sid", sessionId.toString())
                .expiresIn(accessTokenLifetime)
                .jws()
                .keyId(publicJwk.getKeyId())
                .sign(signingKey);
    }

    public long accessTokenSeconds() {
        return accessTokenLifetime.toSeconds();
    }

    /** Length of a refresh token: 256 random bits in base64url without padding. */
    public static final int REFRESH_TOKEN_LENGTH = 43;

    /** A new opaque refresh token: 256 random bits. */
    public static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code {"keys":[...]}}: the public signing key, then the previous one if there is one. */
    public String jwks() {
        return "{\"keys\":[" + publicJwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                + previousJwk.map(p -> "," + p.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).orElse("") + "]}";
    }

}
