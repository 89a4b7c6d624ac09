package dev.jwtauth.token;


import static dev.jwtauth.token.Tokens.assertAccepted;
import static dev.jwtauth.token.Tokens.assertRefused;
import static dev.jwtauth.token.Tokens.rsaKey;
import static dev.jwtauth.token.Tokens.rsaPublicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * {@code jwt.EncryptPayload} end to end through the engine: the writer signs then encrypts, the reader decrypts then
 * checks the signed token inside; ServiceStack's layout only when asked for.
 */
class EncryptedTokensTest {
    private static final HmacKey KEY = Tokens.hmacKey(32, 7);
    private static final TokenUser USER = TokenUser.of("42", List.of("User"), List.of()).withUserName("alice");

    private static Encryption encryption(boolean encrypt, boolean legacy) {
        List<RSAPrivateCrtKey> keys = List.of(rsaKey(0), rsaKey(1));
        return new Encryption(encrypt ? Optional.of(new JweEncrypter(rsaPublicKey(0))) : Optional.empty(),
                encrypt ? Optional.of(new JweDecrypter(keys)) : Optional.empty(),
                legacy ? Optional.of(new LegacyJweReader(keys)) : Optional.empty());
    }

    private static TokenPolicy policy(Encryption encryption) {
        return Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).encryption(encryption).build();
    }

    @Test
    void newTokensAreSignedThenEncryptedAndReadBack() {
        TokenPolicy policy = policy(encryption(true, false));
        String token = new TokenWriter(policy, Tokens.CLOCK, new SecureRandom()).create(USER);
        assertEquals(5, token.split("\\.", -1).length, "a JWE: " + Tokens.abbreviate(token));
        VerifiedToken read = assertAccepted(new TokenReader(policy, Tokens.CLOCK), token, "our own encrypted token");
        assertEquals("42", read.subject());
        assertEquals(token, read.raw(), "the token as presented, not the signed one inside");
        assertEquals(JwsAlgorithm.HS256, read.algorithm(), "the inner signature was verified");
    }

    @Test
    void signedTokensStillCountAndEncryptedOnesNeedTheKeys() {
        TokenPolicy encrypting = policy(encryption(true, false));
        TokenPolicy plain = policy(Encryption.NONE);
        String signed = new TokenWriter(plain, Tokens.CLOCK, new SecureRandom()).create(USER);
        assertAccepted(new TokenReader(encrypting, Tokens.CLOCK), signed, "a signed token during the switch to encryption");
        String encrypted = new TokenWriter(encrypting, Tokens.CLOCK, new SecureRandom()).create(USER);
        assertRefused(TokenFailure.MALFORMED, new TokenReader(plain, Tokens.CLOCK), encrypted,
                "a JWE where encryption is not configured");
    }

    @Test
    void anEncryptedTokenIsStillCheckedInside() {
        TokenPolicy policy = policy(encryption(true, false));
        TokenPolicy otherKey = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(Tokens.hmacKey(32, 8)))
                .encryption(encryption(true, false)).build();
        String forged = new TokenWriter(otherKey, Tokens.CLOCK, new SecureRandom()).create(USER);
        assertRefused(TokenFailure.BAD_SIGNATURE, new TokenReader(policy, Tokens.CLOCK), forged,
                "encrypted for us (anyone can: the key is public) but signed with another key");
        String encryptOnly = Jwes.standard(Jwes.STANDARD_HEADER, "{\"sub\":\"admin\",\"exp\":" + (Tokens.NOW + 60) + "}",
                rsaPublicKey(0));
        assertRefused(TokenFailure.NOT_SIGNED, new TokenReader(policy, Tokens.CLOCK), encryptOnly, "encrypt-only claims");
    }

    @Test
    void serviceStacksLayoutIsReadOnlyWhenAccepted() {
        String serviceStack = Jwes.serviceStack("{\"iss\":\"ssjwt\",\"sub\":1,\"iat\":" + (Tokens.NOW - 10) + ",\"exp\":"
                + (Tokens.NOW + 600) + ",\"preferred_username\":\"alice\",\"roles\":[\"User\"]}", rsaPublicKey(0));
        VerifiedToken read = assertAccepted(new TokenReader(policy(encryption(false, true)), Tokens.CLOCK), serviceStack,
                "a ServiceStack JWE during a migration");
        assertEquals("1", read.subject());
        assertTrue(read.roles().contains("User"));
        assertRefused(TokenFailure.INVALID_TYPE, new TokenReader(policy(encryption(true, false)), Tokens.CLOCK), serviceStack,
                "not accepted unless asked for: the standard reader wants cty JWT (a signed token inside)");
    }
}
