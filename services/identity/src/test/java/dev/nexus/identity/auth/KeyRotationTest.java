package dev.nexus.identity.auth;

import static dev.nexus.identity.auth.Accounts.anAccount;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.nexus.testing.Ports;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

/**
 * Identity right after a key rotation: it signs with a new key and still publishes the previous one
 * (the test key every other test signs with). It verifies tokens through its own JWKS, as every
 * service and the gateway do, so a token of the previous key is accepted until it expires.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotated.class)
class KeyRotationTest {

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = Ports.free();
            return Map.of("nexus.jwt.signing-key-location", write(newKeyPair().getPrivate()).toString(),
                    "nexus.jwt.previous-key-location", "nexus-dev-keys/public.pem",
                    "quarkus.http.test-port", String.valueOf(port),
                    "mp.jwt.verify.publickey.location", "http://localhost:" + port + "/.well-known/jwks.json");
        }
    }

    @Test
    void the_jwks_publishes_the_new_key_first_then_the_previous_one() {
        List<String> kids = jwks().getList("keys.kid");
        assertEquals(2, kids.size(), "current and previous key");
        assertNotEquals(kids.get(0), kids.get(1));
        assertEquals(kids.get(1), kidOfPreviousKey(), "the previous key is the one tokens were signed with before");
    }

    @Test
    void new_tokens_carry_the_new_kid_and_are_accepted() throws Exception {
        String token = anAccount().register().getString("accessToken");
        assertEquals(jwks().getList("keys.kid").get(0), kidOf(token));
        given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void a_token_signed_with_the_previous_key_stays_valid_and_one_of_an_unknown_key_is_refused() throws Exception {
        String userId = anAccount().register().getString("user.id");
        String previous = tokenFor(userId, devKey(), kidOfPreviousKey());
        given().auth().oauth2(previous).when().get("/api/v1/users/me").then().statusCode(200);

        String stranger = tokenFor(userId, newKeyPair().getPrivate(), "some-other-key");
        given().auth().oauth2(stranger).when().get("/api/v1/users/me").then().statusCode(401);
    }

    private static JsonPath jwks() {
        return given().when().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath();
    }

    private static String kidOfPreviousKey() {
        return jwks().getList("keys.kid", String.class).stream().skip(1).findFirst().orElseThrow();
    }

    private static String kidOf(String token) throws Exception {
        return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
    }

    private static String tokenFor(String userId, PrivateKey key, String kid) {
        return Jwt.issuer("https://nexus.dev/identity").audience("nexus").subject(userId).groups(Set.of("user"))
                .claim("name", "Previous").claim("zoneinfo", "UTC").expiresIn(600).jws().keyId(kid).sign(key);
    }

    private static PrivateKey devKey() throws IOException, GeneralSecurityException {
        try (InputStream pem = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("nexus-dev-keys/private.pem")) {
            return KeyUtils.decodePrivateKey(new String(pem.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(PrivateKey key) {
        try {
            Path file = Files.createTempFile("nexus-rotated-", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
