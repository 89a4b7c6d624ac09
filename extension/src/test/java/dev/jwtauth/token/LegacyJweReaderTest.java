package dev.jwtauth.token;

import static dev.jwtauth.token.Jwes.assertOpens;
import static dev.jwtauth.token.Jwes.assertRefused;
import static dev.jwtauth.token.Jwes.flipBit;
import static dev.jwtauth.token.Jwes.headerJson;
import static dev.jwtauth.token.Jwes.segment;
import static dev.jwtauth.token.Jwes.serviceStack;
import static dev.jwtauth.token.Jwes.serviceStackHeader;
import static dev.jwtauth.token.Jwes.withSegment;
import static dev.jwtauth.token.Tokens.NOW;
import static dev.jwtauth.token.Tokens.b64;
import static dev.jwtauth.token.Tokens.rsaKey;
import static dev.jwtauth.token.Tokens.rsaPublicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * {@link LegacyJweReader} against ServiceStack-layout JWEs built by {@link Jwes#serviceStack} exactly as
 * ServiceStack's documentation describes {@code JwtAuthProvider.CreateEncryptedJweToken} (no ServiceStack-issued
 * token is available as a fixed vector: its CEK and IV are random). The layout tests show the reader accepts that
 * construction and nothing near it — not RFC 7516's AAD, not a truncated tag.
 */
class LegacyJweReaderTest {
    /** Claims as ServiceStack writes them: numeric sub and jti, roles as an array. */
    private static final String SERVICESTACK_CLAIMS = "{\"iss\":\"ssjwt\",\"sub\":1,\"iat\":" + (NOW - 60) + ",\"exp\":"
            + (NOW + 3600) + ",\"preferred_username\":\"alice\",\"roles\":[\"Admin\"],\"jti\":1}";

    private final LegacyJweReader reader = new LegacyJweReader(List.of(rsaKey(0)));

    @Test
    void readsTheClaimsOfAServiceStackToken() {
        String token = serviceStack(SERVICESTACK_CLAIMS, rsaPublicKey(0));

        assertTrue(LegacyJweReader.hasLegacyTag(token), "a ServiceStack JWE carries a 32-byte tag (43 characters)");
        assertEquals(32, Base64.getUrlDecoder().decode(segment(token, 4)).length, "the full HMAC-SHA-256 as tag");
        assertEquals(serviceStackHeader(rsaPublicKey(0)), headerJson(token), "ServiceStack's three header members");
        JsonObject claims = assertOpens(reader::read, token, "a ServiceStack-layout JWE for our key");
        assertEquals(JsonCodec.parseObject(SERVICESTACK_CLAIMS), claims, "the claims exactly as encrypted");
    }

    @Test
    void serviceStackKidIsTheStartOfTheDotNetModulus() {
        String xml = Tokens.resource("rsa2048-dotnet.xml");
        Matcher modulus = Pattern.compile("<Modulus>([^<]+)</Modulus>").matcher(xml);
        assertTrue(modulus.find(), "the .NET XML test key has a Modulus");
        assertEquals(modulus.group(1).substring(0, 3),
                LegacyJweReader.serviceStackKid(RsaKeyFormats.privateKeyFromXml(xml)),
                "ServiceStack's key id: the first 3 characters of the <Modulus> text");
    }

    @Test
    void fallbackPrivateKeysWorkUnlikeUpstream() {
        // ServiceStack's loop stops at the first key whose RSA decryption throws, so its fallbacks never help.
        LegacyJweReader rotated = new LegacyJweReader(List.of(rsaKey(1), rsaKey(2), rsaKey(0)));
        String claims = SERVICESTACK_CLAIMS;
        assertOpens(rotated::read, serviceStack(claims, rsaPublicKey(0)), "a token for the last fallback key");
        String unknownKid = serviceStack("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"kid\":\"zzz\"}", claims,
                rsaPublicKey(0));
        assertOpens(rotated::read, unknownKid, "a kid matching none of our keys: every key is tried");
        String noKid = serviceStack("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\"}", claims, rsaPublicKey(0));
        assertOpens(rotated::read, noKid, "no kid at all");
    }

    @Test
    void aTokenForAnotherKeyIsRefused() {
        assertRefused(TokenFailure.UNDECRYPTABLE, reader::read, serviceStack(SERVICESTACK_CLAIMS, rsaPublicKey(2)),
                "a ServiceStack JWE for a key we do not hold");
    }

    @Test
    void anyoneWithThePublicKeyCanMintATokenThisReaderAccepts() {
        // The property the class comment warns about, demonstrated: nothing here needs a private key.
        RSAPublicKey published = rsaPublicKey(0);
        String minted = serviceStack("{\"sub\":\"mallory\",\"exp\":" + (NOW + 3600) + ",\"roles\":[\"Admin\"]}",
                published);
        JsonObject claims = assertOpens(reader::read, minted, "a token made from the public key alone");
        assertEquals("mallory", claims.getString("sub"),
                "the legacy layout authenticates no issuer: safe only while the public key is secret");
    }

    @Test
    void everySegmentIsAuthenticated() {
        String token = serviceStack(SERVICESTACK_CLAIMS, rsaPublicKey(0));
        String otherKid = withSegment(token, 0, b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"kid\":\"abc\"}"));
        assertRefused(TokenFailure.UNDECRYPTABLE, reader::read, otherKid, "header with another kid (in the AAD)");
        for (int segment = 1; segment <= 4; segment++) {
            for (int index : new int[] {0, 9, -1}) {
                assertRefused(TokenFailure.UNDECRYPTABLE, reader::read, flipBit(token, segment, index),
                        "one bit flipped in byte " + index + " of segment " + segment);
            }
        }
    }

    @Test
    void everyAuthenticationFailureLooksTheSame() {
        String token = serviceStack(SERVICESTACK_CLAIMS, rsaPublicKey(0));
        List<TokenException> refusals = new ArrayList<>();
        refusals.add(assertRefused(TokenFailure.UNDECRYPTABLE, new LegacyJweReader(List.of(rsaKey(2)))::read, token,
                "wrong key"));
        for (int segment = 1; segment <= 4; segment++) {
            refusals.add(assertRefused(TokenFailure.UNDECRYPTABLE, reader::read, flipBit(token, segment, 5),
                    "segment " + segment + " altered"));
        }
        for (TokenException refusal : refusals) {
            assertEquals(refusals.get(0).getMessage(), refusal.getMessage(),
                    "a wrong key, a bad RSA-OAEP padding and a bad tag must be indistinguishable (no oracle)");
        }
    }

    @Test
    void onlyTheExactServiceStackLayoutIsRead() {
        RSAPublicKey key = rsaPublicKey(0);
        assertRefused(TokenFailure.UNDECRYPTABLE, reader::read, variant(key, false, false, 32),
                "RFC 7516 AAD (header only) with a full tag");
        assertRefused(TokenFailure.UNDECRYPTABLE, reader::read, variant(key, false, true, 32),
                "RFC 7518 MAC input (with the AAD length block), untruncated");
        assertRefused(TokenFailure.UNDECRYPTABLE, reader::read, variant(key, true, true, 32),
                "ServiceStack's AAD plus an AAD length block");
        assertRefused(TokenFailure.MALFORMED, reader::read, variant(key, true, false, 16),
                "ServiceStack's MAC input truncated to 16 bytes");
        assertRefused(TokenFailure.MALFORMED, reader::read, variant(key, false, true, 16),
                "a genuine RFC 7516 token (16-byte tag)");
        assertOpens(reader::read, variant(key, true, false, 32), "the layout itself, from the same builder");
    }

    @Test
    void standardAndLegacyTokensAreToldApart() {
        String legacy = serviceStack(SERVICESTACK_CLAIMS, rsaPublicKey(0));
        String standard = new JweEncrypter(rsaPublicKey(0)).encrypt(Jwes.signedJwt());

        assertFalse(LegacyJweReader.hasLegacyTag(standard), "our tag is 16 bytes");
        assertFalse(LegacyJweReader.hasLegacyTag(Jwes.signedJwt()), "a JWS is not a JWE");
        assertRefused(TokenFailure.UNSUPPORTED_HEADER, reader::read, standard, "our JWE (cty JWT) to the legacy reader");
        assertRefused(TokenFailure.INVALID_TYPE, new JweDecrypter(List.of(rsaKey(0)))::decrypt, legacy,
                "a ServiceStack JWE (no cty, encrypt-only) to the standard decrypter");
    }

    @Test
    void headersServiceStackNeverWritesAreRefused() {
        RSAPublicKey key = rsaPublicKey(0);
        assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, reader::read,
                serviceStack("{\"alg\":\"RSA1_5\",\"enc\":\"A128CBC-HS256\",\"kid\":\"abc\"}", SERVICESTACK_CLAIMS, key),
                "alg RSA1_5");
        // Known to the standard decrypter, but never ServiceStack's.
        assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, reader::read,
                serviceStack("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"abc\"}", SERVICESTACK_CLAIMS, key),
                "enc A256GCM");
        assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, reader::read,
                serviceStack("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128CBC-HS256\",\"kid\":\"abc\"}", SERVICESTACK_CLAIMS, key),
                "alg RSA-OAEP-256");
        assertRefused(TokenFailure.UNSUPPORTED_HEADER, reader::read,
                serviceStack("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"zip\":\"DEF\"}", SERVICESTACK_CLAIMS, key),
                "zip");
        assertRefused(TokenFailure.MALFORMED, reader::read,
                serviceStack("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"kid\":[1]}", SERVICESTACK_CLAIMS, key),
                "a kid that is not a string");
    }

    @Test
    void authenticContentThatIsNotAJsonObjectIsMalformed() {
        RSAPublicKey key = rsaPublicKey(0);
        for (String payload : List.of("[1,2]", "not json", "", "{\"sub\":\"a\",\"sub\":\"b\"}", "{\"a\":1}x")) {
            assertRefused(TokenFailure.MALFORMED, reader::read, serviceStack(payload, key), "payload " + payload);
        }
    }

    @Test
    void randomMutationsNeverEscapeAsAnotherException() {
        String token = serviceStack(SERVICESTACK_CLAIMS, rsaPublicKey(0));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ !é";
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            int position = random.nextInt(token.length());
            char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            if (replacement == token.charAt(position)) {
                continue;
            }
            String mutated = token.substring(0, position) + replacement + token.substring(position + 1);
            try {
                reader.read(mutated);
                fail("mutation " + i + " at " + position + " was accepted");
            } catch (TokenException expected) {
                // any reason
            } catch (RuntimeException e) {
                throw new AssertionError("mutation " + i + " at " + position + " escaped as " + e, e);
            }
        }
    }

    /**
     * ServiceStack's construction with one of its documented differences from RFC 7516/7518 switched: the AAD
     * (header and encrypted key, or the header alone), the 64-bit AAD length block, the tag length.
     */
    private static String variant(RSAPublicKey key, boolean serviceStackAad, boolean aadLengthBlock, int tagBytes) {
        byte[] cek = Jwes.randomBytes(32);
        byte[] iv = Jwes.randomBytes(16);
        String header = b64(serviceStackHeader(key));
        String encryptedKey = b64(Jwes.rsaOaep(key, cek));
        byte[] aad = (serviceStackAad ? header + "." + encryptedKey : header).getBytes(StandardCharsets.US_ASCII);
        byte[] ciphertext = Jwes.aesCbc(Cipher.ENCRYPT_MODE, Arrays.copyOfRange(cek, 16, 32), iv,
                SERVICESTACK_CLAIMS.getBytes(StandardCharsets.UTF_8));
        byte[] al = aadLengthBlock ? ByteBuffer.allocate(8).putLong(aad.length * 8L).array() : new byte[0];
        byte[] tag = Arrays.copyOf(Jwes.hmacSha256(Arrays.copyOf(cek, 16), aad, iv, ciphertext, al), tagBytes);
        return header + "." + encryptedKey + "." + b64(iv) + "." + b64(ciphertext) + "." + b64(tag);
    }
}
