package dev.jwtauth.token;

import static dev.jwtauth.token.Tokens.NOW;
import static dev.jwtauth.token.Tokens.assertAccepted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * What a token issued by jwtauth looks like on the wire: ServiceStack's header and payload layout
 * with the deliberate differences from ServiceStack (string {@code sub},
 * random {@code jti}, {@code kid} without key material), and that every algorithm's tokens read back.
 */
class TokenWriterTest {

    private static final HmacKey KEY = Tokens.hmacKey(32, 1);

    /** A SecureRandom that always yields 0x07 bytes, so the jti of a token is known in advance. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) 7);
        }
    }

    private static TokenWriter writer(TokenPolicy policy) {
        return new TokenWriter(policy, Tokens.CLOCK, new SecureRandom());
    }

    private static TokenUser fullUser() {
        return TokenUser.of("42", List.of("Admin", "Editor"), List.of("read", "write"))
                .withUserName("jdoe")
                .withProfile(Profile.empty().withEmail("jdoe@example.com").withDisplayName("John Doe")
                        .withNames("John", "Doe").withProfileUrl("https://example.com/jdoe.png"));
    }

    private static String headerJson(String token) {
        return Tokens.decodeToText(token.split("\\.")[0]);
    }

    private static String payloadJson(String token) {
        return Tokens.decodeToText(token.split("\\.")[1]);
    }

    /** The top-level member names of a JSON object text, in the order they appear. */
    private static List<String> memberOrder(String json) throws JoseException {
        Map<String, Object> parsed = JsonUtil.parseJson(json);
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("[{,]\"([a-z_]+)\":").matcher(json);
        while (matcher.find()) {
            if (parsed.containsKey(matcher.group(1)) && !names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        assertEquals(parsed.keySet(), Set.copyOf(names), "every member must be found in " + json);
        return names;
    }

    // ---- header -----------------------------------------------------------------------------------------------

    @Test
    void headerIsServiceStacksTypAlgKidInThatOrder() {
        String token = writer(Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).build())
                .create(TokenUser.of("42", List.of(), List.of()));
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"" + KeyIds.thumbprint(Tokens.keyBytes(32, 1)) + "\"}",
                headerJson(token), "the header must be exactly ServiceStack's, with the key's RFC 7638 thumbprint as kid");
    }

    @Test
    void headerKidIsTheConfiguredKeyId() {
        HmacKey named = KEY.withKid("key-2026");
        String token = writer(Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(named)).build())
                .create(TokenUser.of("42", List.of(), List.of()));
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"key-2026\"}", headerJson(token),
                "a key created with withKid (jwt.KeyId) must put that kid into the header");
    }

    @Test
    void headerNamesTheConfiguredAlgorithm() {
        String token = writer(Tokens.policy(JwsAlgorithm.RS512, Tokens.rsaRing(0)).build())
                .create(TokenUser.of("42", List.of(), List.of()));
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"RS512\",\"kid\":\"" + KeyIds.thumbprint(Tokens.rsaPublicKey(0)) + "\"}",
                headerJson(token), "an RS512 token's header");
    }

    // ---- payload ----------------------------------------------------------------------------------------------

    @Test
    void payloadIsExactlyServiceStacksLayout() {
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY))
                .issuer("https://issuer.example").audiences("search", "analytics")
                .expireTokensIn(Duration.ofMinutes(15)).build();
        String token = new TokenWriter(policy, Tokens.CLOCK, new FixedRandom()).create(fullUser());

        // jti: Base64url of 16 random bytes (here all 0x07).
        String jti = Tokens.b64(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7});
        assertEquals("{\"iss\":\"https://issuer.example\",\"sub\":\"42\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 900)
                        + ",\"aud\":[\"search\",\"analytics\"],\"email\":\"jdoe@example.com\",\"given_name\":\"John\""
                        + ",\"family_name\":\"Doe\",\"name\":\"John Doe\",\"preferred_username\":\"jdoe\""
                        + ",\"picture\":\"https://example.com/jdoe.png\",\"roles\":[\"Admin\",\"Editor\"]"
                        + ",\"perms\":[\"read\",\"write\"],\"jti\":\"" + jti + "\"}",
                payloadJson(token), "the payload must be ServiceStack's claims in ServiceStack's order, without whitespace");
    }

    @Test
    void mpJwtClaimsAreAddedWhenConfigured() {
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).mpJwtClaims(true).tenant("acme").build();
        String payload = payloadJson(new TokenWriter(policy, Tokens.CLOCK, new FixedRandom()).create(fullUser()));
        assertTrue(payload.contains(",\"perms\":[\"read\",\"write\"],\"upn\":\"jdoe\",\"groups\":[\"Admin\",\"Editor\"],\"tenant\":\"acme\",\"jti\":"),
                "upn and groups after perms, then tenant and jti: " + payload);
        String anonymous = payloadJson(new TokenWriter(policy, Tokens.CLOCK, new FixedRandom())
                .create(TokenUser.of("7", List.of(), List.of())));
        assertTrue(anonymous.contains("\"upn\":\"7\",\"groups\":[]"), "without a user name, upn is the id: " + anonymous);
        String plain = payloadJson(new TokenWriter(Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).build(), Tokens.CLOCK,
                new FixedRandom()).create(fullUser()));
        assertFalse(plain.contains("upn") || plain.contains("groups"), "off by default: " + plain);
    }

    @Test
    void payloadKeyOrderWithRealRandomness() throws JoseException {
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).audiences("a", "b").build();
        String payload = payloadJson(writer(policy).create(fullUser()));
        assertEquals(List.of("iss", "sub", "iat", "exp", "aud", "email", "given_name", "family_name", "name",
                        "preferred_username", "picture", "roles", "perms", "jti"), memberOrder(payload),
                "payload members must come in ServiceStack's order: " + payload);
    }

    @Test
    void absentOptionalValuesAreOmitted() throws JoseException {
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).build();
        String payload = payloadJson(writer(policy).create(TokenUser.of("u1", List.of(), List.of())));
        assertEquals(List.of("iss", "sub", "iat", "exp", "jti"), memberOrder(payload),
                "a user with only an id and a deployment without audiences give only iss, sub, iat, exp, jti: " + payload);

        TokenUser emptyValues = TokenUser.of("u1", List.of(), List.of()).withUserName("")
                .withProfile(Profile.empty().withEmail("").withNames("", "").withDisplayName("").withProfileUrl(""));
        String emptyPayload = payloadJson(writer(policy).create(emptyValues));
        assertEquals(List.of("iss", "sub", "iat", "exp", "jti"), memberOrder(emptyPayload),
                "empty optional values are omitted like absent ones (ServiceStack writes only non-empty ones): "
                        + emptyPayload);
    }

    @Test
    void numericUserIdIsWrittenAsJsonString() {
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).build();
        String payload = payloadJson(writer(policy).create(TokenUser.of("42", List.of(), List.of())));
        assertTrue(payload.contains(",\"sub\":\"42\","),
                "sub must be the JSON string \"42\" (RFC 7519 §4.1.2), not ServiceStack's number 42: " + payload);
    }

    @Test
    void lifetimeIsExpireTokensIn() throws JoseException {
        for (Duration lifetime : List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(14))) {
            TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).expireTokensIn(lifetime).build();
            Map<String, Object> claims = JsonUtil.parseJson(payloadJson(writer(policy).create(fullUser())));
            assertEquals(NOW, claims.get("iat"), "iat is the clock's now in whole seconds");
            assertEquals(lifetime.toSeconds(), (Long) claims.get("exp") - (Long) claims.get("iat"),
                    "exp - iat must equal expireTokensIn (" + lifetime + ")");
        }
    }

    @Test
    void oneAudienceIsAStringSeveralAreAnArray() {
        String one = payloadJson(writer(Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).audiences("x").build())
                .create(fullUser()));
        assertTrue(one.contains(",\"aud\":\"x\","), "one audience is written as a JSON string: " + one);

        String two = payloadJson(writer(Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).audiences("x", "y").build())
                .create(fullUser()));
        assertTrue(two.contains(",\"aud\":[\"x\",\"y\"],"), "two audiences are written as a JSON array: " + two);
    }

    @Test
    void jtiDiffersBetweenTokens() throws JoseException {
        TokenWriter writer = writer(Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).build());
        TokenUser user = fullUser();
        Object first = JsonUtil.parseJson(payloadJson(writer.create(user))).get("jti");
        Object second = JsonUtil.parseJson(payloadJson(writer.create(user))).get("jti");
        assertTrue(first instanceof String && ((String) first).length() >= 16,
                "jti must be a random string (not ServiceStack's guessable counter): " + first);
        assertNotEquals(first, second, "two tokens for the same user in the same second must have different jti");
    }

    // ---- round trips ------------------------------------------------------------------------------------------

    @Test
    void roundTripForEveryAlgorithm() {
        Map<JwsAlgorithm, KeyRing> rings = Map.of(
                JwsAlgorithm.HS256, Tokens.ring(Tokens.hmacKey(32, 11)),
                JwsAlgorithm.HS384, Tokens.ring(Tokens.hmacKey(48, 12)),
                JwsAlgorithm.HS512, Tokens.ring(Tokens.hmacKey(64, 13)),
                JwsAlgorithm.RS256, Tokens.rsaRing(0),
                JwsAlgorithm.RS384, Tokens.rsaRing(0),
                JwsAlgorithm.RS512, Tokens.rsaRing(0),
                JwsAlgorithm.ES256, Tokens.ecRing(0));
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            TokenPolicy policy = Tokens.policy(algorithm, rings.get(algorithm)).expireTokensIn(Duration.ofHours(2)).build();
            String token = writer(policy).create(fullUser());
            VerifiedToken read = assertAccepted(new TokenReader(policy, Tokens.CLOCK), token,
                    algorithm + " token issued by TokenWriter");
            assertEquals(algorithm, read.algorithm(), algorithm + ": verified with the algorithm it was issued with");
            assertEquals("42", read.subject(), algorithm + ": subject");
            assertEquals(List.of("Admin", "Editor"), List.copyOf(read.roles()), algorithm + ": roles");
            assertEquals(List.of("read", "write"), read.permissions(), algorithm + ": permissions");
            assertEquals(NOW + 7200, read.expiresAt(), algorithm + ": expiry");
            assertEquals(Optional.of("ssjwt"), read.string("iss"), algorithm + ": issuer");
        }
    }

    @Test
    void roundTripAfterTheLifetimeIsExpired() {
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).expireTokensIn(Duration.ofMinutes(15)).build();
        String token = writer(policy).create(fullUser());
        Tokens.assertRefused(TokenFailure.EXPIRED, new TokenReader(policy, Tokens.clockAt(NOW + 900)), token,
                "a token read exactly expireTokensIn after it was issued");
        assertAccepted(new TokenReader(policy, Tokens.clockAt(NOW + 899)), token, "a token read one second before exp");
    }

    // ---- reader-only deployments ------------------------------------------------------------------------------

    @Test
    void readerOnlyPolicyCannotIssueTokens() {
        TokenPolicy readerOnly = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(Tokens.rsaVerificationKey(0))).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TokenWriter(readerOnly, Tokens.CLOCK, new SecureRandom()),
                "a deployment with only a public key must not get a TokenWriter");
        assertTrue(e.getMessage().contains("no signing key"), "the message says what is missing: " + e.getMessage());
    }
}
