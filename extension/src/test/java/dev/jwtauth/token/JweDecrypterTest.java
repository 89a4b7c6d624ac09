package dev.jwtauth.token;

import static dev.jwtauth.token.Jwes.assertOpens;
import static dev.jwtauth.token.Jwes.assertRefused;
import static dev.jwtauth.token.Jwes.flipBit;
import static dev.jwtauth.token.Jwes.headerJson;
import static dev.jwtauth.token.Jwes.segment;
import static dev.jwtauth.token.Jwes.signedJwt;
import static dev.jwtauth.token.Jwes.standard;
import static dev.jwtauth.token.Jwes.standardHeader;
import static dev.jwtauth.token.Jwes.withSegment;
import static dev.jwtauth.token.Tokens.b64;
import static dev.jwtauth.token.Tokens.rsaKey;
import static dev.jwtauth.token.Tokens.rsaPublicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JweEncrypter} and {@link JweDecrypter}: round trips and interoperability, keys and fallback keys,
 * tampering with each of the five segments, refused algorithms and header parameters, content that is not a signed
 * JWT, and hostile structures — every refusal a {@link TokenException} with the expected reason, never another
 * exception.
 */
class JweDecrypterTest {
    private static final String CLAIMS_ONLY = Tokens.validPayload();

    private final JweEncrypter encrypter = new JweEncrypter(rsaPublicKey(0));
    private final JweDecrypter decrypter = new JweDecrypter(List.of(rsaKey(0)));

    // ---- round trips and interoperability ---------------------------------------------------------------------

    @Test
    void roundTripGivesBackTheSignedJwtWhichTheReaderThenVerifies() {
        String jws = signedJwt();
        String jwe = encrypter.encrypt(jws);

        assertTrue(JweDecrypter.isJwe(jwe), "an encrypted token has five segments");
        String inner = assertOpens(decrypter::decrypt, jwe, "a token we encrypted ourselves");
        assertEquals(jws, inner, "decryption must give back exactly the signed JWT");
        VerifiedToken verified = Tokens.assertAccepted(
                Tokens.policy(JwsAlgorithm.RS256, Tokens.rsaRing(0)).reader(), inner, "the decrypted inner JWS");
        assertEquals("alice", verified.subject(), "the claims of the inner JWS");
    }

    @Test
    void headerAndSegmentsAreExactlyWhatRfc7516AndRfc7518Prescribe() {
        String jwe = encrypter.encrypt(signedJwt());

        assertEquals("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"kid\":\""
                + KeyIds.thumbprint(rsaPublicKey(0)) + "\"}", headerJson(jwe),
                "header: our two algorithms, cty JWT for a nested JWT (RFC 7519 §5.2), the RFC 7638 thumbprint as kid");
        assertEquals(encrypter.kid(), KeyIds.thumbprint(rsaPublicKey(0)), "kid() is the recipient's thumbprint");
        assertEquals(256, decodedLength(jwe, 1), "the encrypted key is one RSA block of the 2048-bit key");
        assertEquals(16, decodedLength(jwe, 2), "A128CBC-HS256 uses a 128-bit IV (RFC 7518 §5.2.2.1)");
        assertEquals(0, decodedLength(jwe, 3) % 16, "the ciphertext is whole AES blocks");
        assertEquals(16, decodedLength(jwe, 4), "the tag is HMAC-SHA-256 truncated to 16 bytes (RFC 7518 §5.2.3)");
        assertFalse(jwe.contains("="), "Base64url without padding");
    }

    @Test
    void everyEncryptionUsesAFreshCekAndIv() {
        String jws = signedJwt();
        String first = encrypter.encrypt(jws);
        String second = encrypter.encrypt(jws);
        assertNotEquals(segment(first, 1), segment(second, 1), "a new random CEK (RSA-OAEP is randomised as well)");
        assertNotEquals(segment(first, 2), segment(second, 2), "a new random IV for every token");
        assertNotEquals(segment(first, 3), segment(second, 3), "so the same JWS never gives the same ciphertext");
    }

    @Test
    void jose4jsOwnDecryptionReadsOurTokens() throws JoseException {
        String jws = signedJwt();
        JsonWebEncryption jose4j = new JsonWebEncryption();
        jose4j.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, "RSA-OAEP"));
        jose4j.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, "A128CBC-HS256"));
        jose4j.setCompactSerialization(encrypter.encrypt(jws));
        jose4j.setKey(rsaKey(0));
        assertEquals(jws, jose4j.getPlaintextString(), "a standard JOSE library must decrypt what we encrypt");
    }

    @Test
    void aJweBuiltIndependentlyFromRfc7516IsDecrypted() {
        String jws = signedJwt();
        String withKid = standard(standardHeader(rsaPublicKey(0)), jws, rsaPublicKey(0));
        String withoutKid = standard(Jwes.STANDARD_HEADER, jws, rsaPublicKey(0));
        String lowerCaseCty = standard("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"jwt\",\"typ\":\"JWT\"}",
                jws, rsaPublicKey(0));

        assertEquals(jws, assertOpens(decrypter::decrypt, withKid, "JCA-built JWE with our kid"),
                "RFC 7516 §5.1 done by hand with the JCA: AAD, AL, CEK split and tag truncation must agree with ours");
        assertEquals(jws, assertOpens(decrypter::decrypt, withoutKid, "JCA-built JWE without kid"), "kid is optional");
        assertEquals(jws, assertOpens(decrypter::decrypt, lowerCaseCty, "cty jwt and typ JWT"),
                "media type names are case-insensitive, and typ JWT is allowed on the JWE");
    }

    @Test
    void isJweLooksOnlyAtTheShape() {
        assertTrue(JweDecrypter.isJwe("a.b.c.d.e"), "five segments");
        assertFalse(JweDecrypter.isJwe(signedJwt()), "a JWS has three");
        assertFalse(JweDecrypter.isJwe("a.b.c.d.e.f"), "six segments");
        assertFalse(JweDecrypter.isJwe(""), "empty");
        assertFalse(JweDecrypter.isJwe("an-api-key"), "no dots");
    }

    // ---- what may be encrypted, with which keys ---------------------------------------------------------------

    @Test
    void onlyASignedJwtMayBeEncrypted() {
        String noneJws = b64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + b64(CLAIMS_ONLY) + ".";
        String unknownAlg = b64("{\"typ\":\"JWT\",\"alg\":\"ES384\"}") + "." + b64(CLAIMS_ONLY) + ".c2ln";
        for (String content : List.of(CLAIMS_ONLY, noneJws, unknownAlg, encrypter.encrypt(signedJwt()), "", "a.b.c")) {
            assertThrows(IllegalArgumentException.class, () -> encrypter.encrypt(content),
                    "encrypt-only or unsigned content must never be encrypted: " + Tokens.abbreviate(content));
        }
    }

    @Test
    void keysMustBeUsableRsaKeysOfAtLeast2048Bits() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var small = generator.generateKeyPair();
        assertThrows(KeyFormatException.class, () -> new JweEncrypter((RSAPublicKey) small.getPublic()),
                "RFC 7518 §4.3: RSA-OAEP keys of 2048 bits or more");
        assertThrows(KeyFormatException.class,
                () -> new JweDecrypter(List.of(rsaKey(0), (RSAPrivateCrtKey) small.getPrivate())),
                "a small fallback key is refused at start-up too");
        assertThrows(KeyFormatException.class, () -> new JweDecrypter(List.of()), "at least one private key");
    }

    @Test
    void fallbackKeysDecrypt() {
        String jws = signedJwt();
        JweDecrypter rotated = new JweDecrypter(List.of(rsaKey(1), rsaKey(0)));

        assertEquals(jws, assertOpens(rotated::decrypt, encrypter.encrypt(jws), "kid names the fallback key"),
                "a token encrypted for the previous key still opens after a rotation");
        assertEquals(jws, assertOpens(rotated::decrypt, standard(Jwes.STANDARD_HEADER, jws, rsaPublicKey(0)),
                "no kid"), "without kid every key is tried, fallbacks included");
        assertEquals(jws, assertOpens(rotated::decrypt, standard(
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"kid\":\"oah\"}", jws, rsaPublicKey(0)),
                "a kid we do not know"), "an unknown kid (e.g. ServiceStack's 3 characters) means every key is tried");
    }

    @Test
    void wrongKeysAreRefused() {
        String jwe = encrypter.encrypt(signedJwt());
        assertRefused(TokenFailure.UNDECRYPTABLE, new JweDecrypter(List.of(rsaKey(2)))::decrypt, jwe,
                "a token encrypted for another key");
        assertRefused(TokenFailure.UNDECRYPTABLE, new JweDecrypter(List.of(rsaKey(1), rsaKey(2)))::decrypt,
                standard(Jwes.STANDARD_HEADER, signedJwt(), rsaPublicKey(0)), "no kid, none of our keys fits");
    }

    @Test
    void aKidNamingOneOfOurKeysSelectsThatKeyAlone() {
        // Encrypted for key 1 but labelled with key 0's thumbprint: a CEK wrapped for one key never unwraps with
        // another, so we do not spend RSA operations trying the others.
        String mislabelled = standard(standardHeader(rsaPublicKey(0)), signedJwt(), rsaPublicKey(1));
        assertRefused(TokenFailure.UNDECRYPTABLE, new JweDecrypter(List.of(rsaKey(0), rsaKey(1)))::decrypt, mislabelled,
                "kid of key 0, encrypted for key 1");
    }

    @Test
    void theSignatureInsideIsNotTheDecryptersToVerifyButTheReaderRefusesAForgedOne() {
        // Anyone holding our public key can encrypt; here an attacker wraps a JWS signed with their own key.
        String forged = Tokens.rs256(Tokens.rsaSigningKey(2), Tokens.validPayloadWith("\"roles\":[\"Admin\"]"));
        String jwe = standard(Jwes.STANDARD_HEADER, forged, rsaPublicKey(0));

        String inner = assertOpens(decrypter::decrypt, jwe, "a JWE made with our public key around a forged JWS");
        Tokens.assertRefused(TokenFailure.BAD_SIGNATURE, Tokens.policy(JwsAlgorithm.RS256, Tokens.rsaRing(0)).reader(),
                inner, "the inner JWS signed by a key we do not trust");
    }

    // ---- tampering ---------------------------------------------------------------------------------------------

    @Test
    void everySegmentIsAuthenticated() {
        String jwe = encrypter.encrypt(signedJwt());
        String otherKid = withSegment(jwe, 0, b64(
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"kid\":\"another\"}"));
        String reordered = withSegment(jwe, 0, b64("{\"enc\":\"A128CBC-HS256\",\"alg\":\"RSA-OAEP\",\"cty\":\"JWT\"}"));
        assertRefused(TokenFailure.UNDECRYPTABLE, decrypter::decrypt, otherKid, "header with another kid (the AAD)");
        assertRefused(TokenFailure.UNDECRYPTABLE, decrypter::decrypt, reordered, "header re-serialised (the AAD)");
        for (int segment = 1; segment <= 4; segment++) {
            for (int index : new int[] {0, 7, -1}) {
                assertRefused(TokenFailure.UNDECRYPTABLE, decrypter::decrypt, flipBit(jwe, segment, index),
                        "one bit flipped in byte " + index + " of segment " + segment);
            }
        }
        assertRefused(TokenFailure.UNDECRYPTABLE, decrypter::decrypt,
                withSegment(jwe, 4, segment(encrypter.encrypt(signedJwt()), 4)), "the tag of another token");
        assertRefused(TokenFailure.UNDECRYPTABLE, decrypter::decrypt,
                withSegment(jwe, 1, segment(encrypter.encrypt(signedJwt()), 1)), "the encrypted key of another token");
    }

    @Test
    void everyAuthenticationFailureLooksTheSame() {
        String jwe = encrypter.encrypt(signedJwt());
        List<TokenException> refusals = new ArrayList<>();
        refusals.add(assertRefused(TokenFailure.UNDECRYPTABLE, new JweDecrypter(List.of(rsaKey(2)))::decrypt, jwe,
                "wrong key"));
        for (int segment = 1; segment <= 4; segment++) {
            refusals.add(assertRefused(TokenFailure.UNDECRYPTABLE, decrypter::decrypt, flipBit(jwe, segment, 3),
                    "segment " + segment + " altered"));
        }
        for (TokenException refusal : refusals) {
            assertEquals(refusals.get(0).getMessage(), refusal.getMessage(),
                    "a wrong key, a bad RSA-OAEP padding and a bad tag must be indistinguishable (no oracle)");
        }
    }

    @Test
    void segmentsOfTheWrongLengthAreMalformed() {
        String jwe = encrypter.encrypt(signedJwt());
        byte[] tag = Base64.getUrlDecoder().decode(segment(jwe, 4));
        byte[] ciphertext = Base64.getUrlDecoder().decode(segment(jwe, 3));
        assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, withSegment(jwe, 2, b64(new byte[12])), "a 96-bit IV");
        assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, withSegment(jwe, 4, b64(Arrays.copyOf(tag, 8))),
                "a truncated tag");
        assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, withSegment(jwe, 4, b64(new byte[32])),
                "a full 32-byte tag (ServiceStack's layout)");
        assertRefused(TokenFailure.MALFORMED, decrypter::decrypt,
                withSegment(jwe, 3, b64(Arrays.copyOf(ciphertext, ciphertext.length - 1))), "ciphertext not whole blocks");
        for (int segment = 0; segment <= 4; segment++) {
            assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, withSegment(jwe, segment, ""),
                    "empty segment " + segment);
        }
    }

    // ---- algorithms and header parameters ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dir", "RSA1_5", "RSA-OAEP-384", "RSA-OAEP-512", "rsa-oaep-256", "A128KW", "A256KW", "A128GCMKW",
            "ECDH-ES", "ECDH-ES+A128KW", "PBES2-HS256+A128KW", "PBES2-HS512+A256KW", "none", "rsa-oaep", "RSA-OAEP ",
            ""})
    void keyManagementOtherThanRsaOaepOrRsaOaep256IsRefused(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\""
                + (alg.startsWith("PBES2") ? ",\"p2s\":\"2WCTcJZ1Rvd_CJuJripQ1w\",\"p2c\":4096" : "")
                + (alg.startsWith("ECDH") ? ",\"epk\":{\"kty\":\"EC\"}" : "") + "}";
        String jwe = standard(header, signedJwt(), rsaPublicKey(0));
        assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt, jwe, "alg '" + alg + "'");
        if (alg.equals("dir")) {
            assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt, withSegment(jwe, 1, ""),
                    "dir with the empty encrypted key it prescribes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A128GCM", "A192GCM", "A192CBC-HS384", "A256CBC-HS512", "a128cbc-hs256", "a256gcm",
            "A128CBC+HS256", ""})
    void contentEncryptionOtherThanA128cbcHs256OrA256GcmIsRefused(String enc) {
        String jwe = standard("{\"alg\":\"RSA-OAEP\",\"enc\":\"" + enc + "\",\"cty\":\"JWT\"}", signedJwt(),
                rsaPublicKey(0));
        assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt, jwe, "enc '" + enc + "'");
    }

    @Test
    void compressionIsRefusedThoughJose4jWouldInflateIt() throws JoseException {
        String header = "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"zip\":\"DEF\"}";
        String jws = signedJwt();
        String jwe = Jwes.standard(header, deflate(jws.getBytes(StandardCharsets.US_ASCII)), rsaPublicKey(0),
                Jwes.randomBytes(32), Jwes.randomBytes(16));

        TokenException refusal = assertRefused(TokenFailure.UNSUPPORTED_HEADER, decrypter::decrypt, jwe,
                "zip DEF (compressed content invites decompression bombs and compression side channels)");
        assertEquals("zip", refusal.detail(), "the refusal must name the header parameter");

        // Why we check it ourselves: jose4j 0.9.6 inflates "zip":"DEF" even under the strictest algorithm
        // constraints; nothing in its API refuses compression.
        JsonWebEncryption jose4j = new JsonWebEncryption();
        jose4j.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, "RSA-OAEP"));
        jose4j.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, "A128CBC-HS256"));
        jose4j.setCompactSerialization(jwe);
        jose4j.setKey(rsaKey(0));
        assertEquals(jws, jose4j.getPlaintextString(), "jose4j decompresses the content (documents the gap we close)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"crit\":[\"exp\"],\"exp\":1", "\"jku\":\"https://attacker.example/keys\"",
            "\"jwk\":{\"kty\":\"RSA\"}", "\"x5u\":\"https://attacker.example/cert\"", "\"x5c\":[\"MIIB\"]",
            "\"x5t\":\"abc\"", "\"x5t#S256\":\"abc\"", "\"epk\":{\"kty\":\"EC\"}", "\"apu\":\"abc\"", "\"iv\":\"abc\"",
            "\"tag\":\"abc\"", "\"p2c\":1", "\"b64\":false", "\"zip\":\"NONE\"", "\"nonce\":\"x\"",
            "\"a-very-long-header-parameter-name\":1"})
    void headerParametersWeDoNotUnderstandAreRefused(String member) {
        String jwe = standard("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"," + member + "}",
                signedJwt(), rsaPublicKey(0));
        TokenException refusal = assertRefused(TokenFailure.UNSUPPORTED_HEADER, decrypter::decrypt, jwe,
                "header member " + member);
        assertTrue(refusal.detail().length() <= 17, "the detail quotes at most a short piece of attacker text");
    }

    @Test
    void contentTypeMustSayNestedJwt() {
        String jws = signedJwt();
        for (String header : List.of("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\"}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JOSE\"}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":1}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"typ\":\"JWTR\"}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"typ\":\"at+jwt\"}")) {
            assertRefused(TokenFailure.INVALID_TYPE, decrypter::decrypt, standard(header, jws, rsaPublicKey(0)), header);
        }
    }

    @Test
    void malformedHeadersAreRefused() {
        String jws = signedJwt();
        for (String header : List.of("{\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}",
                "{\"alg\":\"RSA-OAEP\",\"cty\":\"JWT\"}",
                "{\"alg\":[\"RSA-OAEP\"],\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":null,\"cty\":\"JWT\"}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"kid\":7}",
                "{\"alg\":\"RSA-OAEP\",\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}",
                "{\"alg\":\"dir\",\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}",
                "[\"RSA-OAEP\"]", "\"RSA-OAEP\"", "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}x",
                "{", "")) {
            assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, standard(header, jws, rsaPublicKey(0)),
                    "header " + header);
        }
    }

    // ---- content that is not a signed JWT ---------------------------------------------------------------------

    @Test
    void encryptOnlyTokensAreRefused() {
        // What ServiceStack and many JWE issuers do: the claims themselves as the encrypted content.
        assertRefused(TokenFailure.NOT_SIGNED, decrypter::decrypt, standard(Jwes.STANDARD_HEADER, CLAIMS_ONLY,
                rsaPublicKey(0)), "claims JSON encrypted without a signature");
    }

    @Test
    void unsignedOrWronglySignedInnerTokensAreRefused() {
        String payload = b64(CLAIMS_ONLY);
        assertRefused(TokenFailure.NOT_SIGNED, decrypter::decrypt, inner(b64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "."
                + payload + "."), "alg none with the empty signature it prescribes");
        assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt, inner(b64("{\"typ\":\"JWT\",\"alg\":\"none\"}")
                + "." + payload + ".c2ln"), "alg none with something in the signature segment");
        for (String alg : List.of("None", "ES384", "PS256", "EdDSA", "HS1", "RSA-OAEP")) {
            assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt,
                    inner(b64("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + payload + ".c2ln"), "inner alg " + alg);
        }
        assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, inner(b64("{\"typ\":\"JWT\"}") + "." + payload + ".c2ln"),
                "inner JWS without alg");
        assertRefused(TokenFailure.INVALID_TYPE, decrypter::decrypt, inner(b64("{\"alg\":\"RS256\"}") + "." + payload
                + ".c2ln"), "inner JWS without typ");
        assertRefused(TokenFailure.INVALID_TYPE, decrypter::decrypt, inner(b64("{\"typ\":\"JWTR\",\"alg\":\"RS256\"}")
                + "." + payload + ".c2ln"), "inner refresh token (typ JWTR)");
    }

    @Test
    void innerContentOfTheWrongShapeIsRefused() {
        String jws = signedJwt();
        for (String content : List.of(encrypter.encrypt(jws), jws + ".x", jws.substring(0, jws.lastIndexOf('.')),
                jws + "\n", " " + jws, jws.replace('.', ','), "." + segment(jws, 1) + "." + segment(jws, 2),
                segment(jws, 0) + ".." + segment(jws, 2), "é" + jws, "")) {
            assertRefused(TokenFailure.NOT_SIGNED, decrypter::decrypt, inner(content),
                    "inner content " + Tokens.abbreviate(content));
        }
        assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, inner(b64("not json") + "." + segment(jws, 1) + ".c2ln"),
                "inner header not JSON");
    }

    // ---- hostile structures -----------------------------------------------------------------------------------

    @Test
    void hostileStructuresAreMalformed() {
        String jwe = encrypter.encrypt(signedJwt());
        String header = segment(jwe, 0);
        List<String> hostile = new ArrayList<>(List.of("", ".", "....", ".....", "a.b.c.d", "a.b.c.d.e.f",
                jwe + ".", jwe + "=", jwe.replaceFirst("\\.", "=."), header + "....", jwe + "!", "é" + jwe,
                jwe.replaceFirst("\\.", ".\u0000")));
        // Standard Base64's two characters instead of Base64url's (RFC 4648 §5).
        if (jwe.indexOf('-') >= 0) {
            hostile.add(jwe.replace('-', '+'));
        }
        if (jwe.indexOf('_') >= 0) {
            hostile.add(jwe.replace('_', '/'));
        }
        // The last character of a 2- or 3-remainder segment carries unused bits; setting one must be refused
        // (non-canonical Base64url: one token, several spellings).
        String iv = segment(jwe, 2);
        char last = iv.charAt(iv.length() - 1);
        char sibling = (char) (last == 'A' ? 'B' : last == 'Q' ? 'R' : last == 'g' ? 'h' : last == 'w' ? 'x' : last);
        if (sibling != last) {
            hostile.add(withSegment(jwe, 2, iv.substring(0, iv.length() - 1) + sibling));
        }
        for (String token : hostile) {
            assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, token, "hostile structure");
        }
    }

    @Test
    void randomMutationsOfAGenuineTokenNeverEscapeAsAnotherException() {
        String jwe = encrypter.encrypt(signedJwt());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ !é\u0000{}\"";
        Random random = new Random(7516);
        for (int i = 0; i < 150; i++) {
            int position = random.nextInt(jwe.length());
            String mutated;
            if (i % 5 == 4) {
                mutated = jwe.substring(0, position);
            } else {
                char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
                if (replacement == jwe.charAt(position)) {
                    continue;
                }
                mutated = jwe.substring(0, position) + replacement + jwe.substring(position + 1);
            }
            try {
                decrypter.decrypt(mutated);
                fail("mutation " + i + " at " + position + " was accepted: " + Tokens.abbreviate(mutated));
            } catch (TokenException expected) {
                // any reason: the point is that nothing else escapes and nothing is accepted
            } catch (RuntimeException e) {
                throw new AssertionError("mutation " + i + " at " + position + " escaped as " + e, e);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A genuine JWE for key 0 (valid tag) whose content is the given text. */
    private static String inner(String content) {
        return standard(Jwes.STANDARD_HEADER, content, rsaPublicKey(0));
    }

    private static int decodedLength(String token, int segment) {
        return Base64.getUrlDecoder().decode(segment(token, segment)).length;
    }

    /** RFC 7516 §4.1.3 "DEF": raw DEFLATE (RFC 1951), no zlib wrapper. */
    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(input);
        deflater.finish();
        byte[] buffer = new byte[input.length + 64];
        int length = deflater.deflate(buffer);
        deflater.end();
        return Arrays.copyOf(buffer, length);
    }
}
