package dev.jwtauth.token;


import static dev.jwtauth.token.Tokens.HS256_HEADER;
import static dev.jwtauth.token.Tokens.NOW;
import static dev.jwtauth.token.Tokens.ascii;
import static dev.jwtauth.token.Tokens.assertAccepted;
import static dev.jwtauth.token.Tokens.assertRefused;
import static dev.jwtauth.token.Tokens.b64;
import static dev.jwtauth.token.Tokens.hs256;
import static dev.jwtauth.token.Tokens.refusal;
import static dev.jwtauth.token.Tokens.rs256;
import static dev.jwtauth.token.Tokens.sign;
import static dev.jwtauth.token.Tokens.signatureOf;
import static dev.jwtauth.token.Tokens.validPayload;
import static dev.jwtauth.token.Tokens.validPayloadWith;
import static dev.jwtauth.token.Tokens.withSignature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and edge-case tokens. Each token is built by hand and, unless the signature itself is under test,
 * genuinely signed, so the one property under test is the only thing wrong with it. Every refusal must be a
 * {@link TokenException} with the specific {@link TokenFailure}: anything else escaping the reader would become a
 * 500 (or worse, an accepted token) in the HTTP layer.
 */
class TokenReaderTest {

    private static final HmacKey KEY = Tokens.hmacKey(32, 1);
    private static final TokenReader HS256_READER = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).reader();

    private static TokenReader rs256Reader() {
        return Tokens.policy(JwsAlgorithm.RS256, Tokens.rsaRing(0)).reader();
    }

    /** Signs the exact ASCII of {@code headerSegment.payloadSegment}, whatever those segments contain. */
    private static String signRaw(SigningKey key, JwsAlgorithm algorithm, String headerSegment, String payloadSegment) {
        String input = headerSegment + "." + payloadSegment;
        return input + "." + b64(key.sign(algorithm, input.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String header(String alg, String extraMembers) {
        return "{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"" + (extraMembers.isEmpty() ? "" : "," + extraMembers) + "}";
    }

    @Test
    void baselineValidTokensAreAccepted() {
        VerifiedToken hs = assertAccepted(HS256_READER, hs256(KEY, validPayload()), "a plain valid HS256 token");
        assertEquals("alice", hs.subject(), "subject");
        assertEquals(NOW + 3600, hs.expiresAt(), "expiry");
        VerifiedToken rs = assertAccepted(rs256Reader(), rs256(Tokens.rsaSigningKey(0), validPayload()),
                "a plain valid RS256 token");
        assertEquals(JwsAlgorithm.RS256, rs.algorithm(), "algorithm");
    }

    @Test
    void aTokenIsAcceptedOnlyByItsOwnTenantEvenWithTheSameKey() {
        TokenReader acme = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).tenant("acme").reader();
        TokenReader globex = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).tenant("globex").reader();
        String acmeToken = hs256(KEY, validPayloadWith("\"tenant\":\"acme\""));
        assertAccepted(acme, acmeToken, "acme's token at acme");
        assertRefused(TokenFailure.WRONG_TENANT, globex, acmeToken, "acme's token at globex, same key");
        assertRefused(TokenFailure.WRONG_TENANT, HS256_READER, acmeToken, "a tenant's token where there is no tenant");
        assertRefused(TokenFailure.WRONG_TENANT, acme, hs256(KEY, validPayload()), "a token without tenant at acme");
        assertRefused(TokenFailure.WRONG_TENANT, acme, hs256(KEY, validPayloadWith("\"tenant\":[\"acme\"]")),
                "a tenant that is not a string");
        assertRefused(TokenFailure.WRONG_TENANT, acme, hs256(KEY, validPayloadWith("\"tenant\":\"ACME\"")),
                "tenant ids are exact");
    }

    @Test
    void aTenantsWriterBindsItsTokens() {
        TokenPolicy acme = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).tenant("acme").build();
        String token = new TokenWriter(acme, Tokens.CLOCK, new SecureRandom())
                .create(TokenUser.of("7", List.of("User"), List.of()));
        assertEquals("acme", assertAccepted(new TokenReader(acme, Tokens.CLOCK), token, "own token").string("tenant").orElse(null));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = hs256(KEY, validPayload());
        String forged = Tokens.signingInput(HS256_HEADER, validPayload().replace("alice", "admin")) + "."
                + signatureOf(token);
        assertRefused(TokenFailure.BAD_SIGNATURE, HS256_READER, forged, "payload changed after signing");
        String forgedHeader = Tokens.signingInput(header("HS256", "\"kid\":\"x\""), validPayload()) + "."
                + signatureOf(token);
        assertRefused(TokenFailure.BAD_SIGNATURE, HS256_READER, forgedHeader, "header changed after signing");
    }

    // ---- alg ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneIsRefusedInEverySpelling(String none) {
        String input = Tokens.signingInput(header(none, ""), validPayload());
        TokenReader lenient = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).requireHashAlgorithm(false).reader();
        for (TokenReader reader : List.of(HS256_READER, lenient)) {
            assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, reader, input + ".",
                    "alg '" + none + "' with an empty signature");
            assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, reader,
                    input + "." + b64(KEY.sign(JwsAlgorithm.HS256, ascii(input))),
                    "alg '" + none + "' with a genuine HS256 signature");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES384", "ES512", "PS256", "HS1024", "hs256", "HS256 ", "EdDSA", "",
            "a-very-long-algorithm-name-that-is-not-echoed"})
    void unknownAlgorithmIsUnsupported(String alg) {
        String input = Tokens.signingInput(header(alg, ""), validPayload());
        String token = input + "." + b64(KEY.sign(JwsAlgorithm.HS256, ascii(input)));
        TokenException e = assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, HS256_READER, token, "alg '" + alg + "'");
        assertTrue(e.detail().length() <= 16, "the detail must not echo long attacker-chosen text: " + e.detail());
    }

    @Test
    void algThatIsNotAStringIsMalformed() {
        for (String header : List.of("{\"typ\":\"JWT\"}", "{\"typ\":\"JWT\",\"alg\":null}",
                "{\"typ\":\"JWT\",\"alg\":256}", "{\"typ\":\"JWT\",\"alg\":[\"HS256\"]}")) {
            assertRefused(TokenFailure.MALFORMED, HS256_READER, sign(KEY, JwsAlgorithm.HS256, header, validPayload()),
                    "header " + header);
        }
    }

    @Test
    void anotherSupportedAlgorithmThanConfiguredIsNotAllowed() {
        HmacKey key64 = Tokens.hmacKey(64, 5);
        String hs512 = sign(key64, JwsAlgorithm.HS512, header("HS512", ""), validPayload());

        TokenReader strict = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(key64)).reader();
        TokenException e = assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, strict, hs512,
                "HS512 token, policy HS256 with requireHashAlgorithm=true");
        assertEquals("HS512", e.detail(), "the detail names the refused algorithm");

        TokenReader lenient = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(key64)).requireHashAlgorithm(false).reader();
        VerifiedToken read = assertAccepted(lenient, hs512,
                "HS512 token, 64-byte key, policy HS256 with requireHashAlgorithm=false");
        assertEquals(JwsAlgorithm.HS512, read.algorithm(), "verified as HS512");

        // RFC 7518 §3.2: a 32-byte key is never used for HS512, even when any held algorithm is accepted.
        String hs512WithShortKey = sign(KEY, JwsAlgorithm.HS512, header("HS512", ""), validPayload());
        TokenReader lenientShortKey = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).requireHashAlgorithm(false).reader();
        assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, lenientShortKey, hs512WithShortKey,
                "HS512 token signed with a 32-byte key, requireHashAlgorithm=false");

        // An RS256 token at an HMAC-only deployment.
        assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, lenientShortKey, rs256(Tokens.rsaSigningKey(0), validPayload()),
                "RS256 token, HMAC-only policy, requireHashAlgorithm=false");
    }

    /**
     * The classic RS/HS confusion: the attacker knows the public key and signs an HS256 token with its bytes as the
     * HMAC secret, hoping the server feeds "the key" to HMAC.
     */
    @Test
    void algorithmConfusionWithThePublicKeyAsHmacSecretIsRefused() {
        String pem = Tokens.resource("rsa2048-spki.pem");
        RSAPublicKey publicKey = RsaKeyFormats.publicKeyFromPem(pem);
        RsaVerificationKey verifier = RsaVerificationKey.of(publicKey);
        List<byte[]> secrets = List.of(publicKey.getEncoded(), pem.getBytes(StandardCharsets.US_ASCII),
                pem.strip().getBytes(StandardCharsets.US_ASCII), RsaKeyFormats.toPem(publicKey).getBytes(StandardCharsets.US_ASCII));
        HmacKey unrelatedAuthKey = Tokens.hmacKey(32, 99);

        TokenReader strict = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(verifier)).reader();
        TokenReader lenient = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(verifier)).requireHashAlgorithm(false).reader();
        TokenReader strictWithAuthKey = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(verifier, unrelatedAuthKey)).reader();
        TokenReader lenientWithAuthKey = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(verifier, unrelatedAuthKey))
                .requireHashAlgorithm(false).reader();

        for (int i = 0; i < secrets.size(); i++) {
            String what = "HS256 token HMAC-signed with public key encoding #" + i + " (X.509 DER, PEM text, stripped PEM, canonical PEM)";
            String token = hs256(new HmacKey(secrets.get(i), "attacker"), validPayload());
            assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, strict, token, what + ", RS256 policy, requireHashAlgorithm=true");
            // With requireHashAlgorithm=false a token may use any algorithm the deployment holds a key for
            // (TokenPolicy#accepts); holding no HMAC key, HS256 is "not allowed" before any key is looked for, so
            // TokenFailure.UNKNOWN_KEY is never reached here.
            assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, lenient, token, what + ", RS256 policy, requireHashAlgorithm=false");
            assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, strictWithAuthKey, token,
                    what + ", RS256 policy that also holds an unrelated AuthKey, requireHashAlgorithm=true");
            // HS256 is allowed now (an AuthKey is held), but only the AuthKey is ever used for HMAC: never the RSA key.
            assertRefused(TokenFailure.BAD_SIGNATURE, lenientWithAuthKey, token,
                    what + ", RS256 policy that also holds an unrelated AuthKey, requireHashAlgorithm=false");
        }
    }

    // ---- signature length ---------------------------------------------------------------------------------------

    @Test
    void everyTruncationOfAnHs256SignatureIsRefused() {
        String token = hs256(KEY, validPayload());
        String signature = signatureOf(token);
        assertEquals(43, signature.length(), "HS256 signature segment");
        assertAccepted(HS256_READER, token, "the untruncated token");
        for (int length = 0; length < signature.length(); length++) {
            String truncated = withSignature(token, signature.substring(0, length));
            // CVE-2020-28042: ServiceStack compared only the sent signature's length, accepting these.
            assertRefused(truncationFailure(signature.substring(0, length)), HS256_READER, truncated,
                    "HS256 signature cut to " + length + " characters");
        }
    }

    /**
     * A cut segment is MALFORMED when it cannot be Base64url (length % 4 == 1) or is not the canonical spelling of
     * its bytes (RFC 4648 §3.5: non-zero unused bits in the last character); otherwise it decodes to a shorter
     * signature, which is a BAD_SIGNATURE.
     */
    private static TokenFailure truncationFailure(String segment) {
        if (segment.length() % 4 == 1) {
            return TokenFailure.MALFORMED;
        }
        boolean canonical = b64(Base64.getUrlDecoder().decode(segment)).equals(segment);
        return canonical ? TokenFailure.BAD_SIGNATURE : TokenFailure.MALFORMED;
    }

    @Test
    void onlyTheCanonicalSpellingOfASignatureIsAccepted() {
        String token = hs256(KEY, validPayload());
        String signature = signatureOf(token);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(signature.charAt(signature.length() - 1));
        // 43 characters carry 258 bits for a 256-bit MAC: the last character's two low bits are unused.
        for (int unused = 1; unused < 4; unused++) {
            String variant = signature.substring(0, signature.length() - 1) + alphabet.charAt(last ^ unused);
            assertRefused(TokenFailure.MALFORMED, HS256_READER, withSignature(token, variant),
                    "the same MAC bytes spelled with unused bits set (" + variant + ")");
        }
    }

    @Test
    void hs256SignaturesOfOtherLengthsAreRefused() {
        String token = hs256(KEY, validPayload());
        byte[] signature = Base64.getUrlDecoder().decode(signatureOf(token));
        byte[] longer = Arrays.copyOf(signature, 33);
        byte[] doubled = Arrays.copyOf(signature, 64);
        System.arraycopy(signature, 0, doubled, 32, 32);
        byte[] padded = Arrays.copyOf(signature, 64);
        assertRefused(TokenFailure.BAD_SIGNATURE, HS256_READER, withSignature(token, b64(longer)),
                "HS256 signature plus one zero byte");
        assertRefused(TokenFailure.BAD_SIGNATURE, HS256_READER, withSignature(token, b64(doubled)),
                "HS256 signature repeated (64 bytes)");
        assertRefused(TokenFailure.BAD_SIGNATURE, HS256_READER, withSignature(token, b64(padded)),
                "HS256 signature plus 32 zero bytes");
        assertRefused(TokenFailure.BAD_SIGNATURE, HS256_READER,
                withSignature(token, b64(KEY.sign(JwsAlgorithm.HS512, ascii(token.substring(0, token.lastIndexOf('.')))))),
                "an HS512 signature (64 bytes) on an HS256 token");
    }

    @Test
    void rs256SignaturesOfWrongLengthsAreRefused() {
        TokenReader reader = rs256Reader();
        String token = rs256(Tokens.rsaSigningKey(0), validPayload());
        String signature = signatureOf(token);
        assertEquals(342, signature.length(), "RS256 signature segment of a 2048-bit key");
        for (int length = 0; length < signature.length(); length++) {
            assertRefused(truncationFailure(signature.substring(0, length)), reader, withSignature(token, signature.substring(0, length)),
                    "RS256 signature cut to " + length + " characters");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(signature);
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, withSignature(token, b64(Arrays.copyOf(bytes, 257))),
                "RS256 signature plus one zero byte");
        byte[] leadingZero = new byte[257];
        System.arraycopy(bytes, 0, leadingZero, 1, 256);
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, withSignature(token, b64(leadingZero)),
                "RS256 signature with a leading zero byte (same integer, 257 bytes)");
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, withSignature(token, b64(Arrays.copyOf(bytes, 512))),
                "RS256 signature of 512 bytes");
        byte[] ones = new byte[256];
        Arrays.fill(ones, (byte) 0xFF);
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, withSignature(token, b64(ones)),
                "a 256-byte signature larger than the modulus");
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, withSignature(token, b64(new byte[256])),
                "a 256-byte all-zero signature");
        // The reused per-thread Signature must not have been left holding data by any of the failures above.
        assertAccepted(reader, token, "the genuine RS256 token after all the refusals");
    }

    // ---- header parameters --------------------------------------------------------------------------------------

    @Test
    void headerParametersThatNameKeysOrChangeProcessingAreUnsupported() {
        String jwk = "{\"kty\":\"oct\",\"k\":\"" + b64(Tokens.keyBytes(32, 1)) + "\"}";
        List<String> members = List.of(
                "\"jwk\":" + jwk,
                "\"jku\":\"https://attacker.example/jwks.json\"",
                "\"x5u\":\"https://attacker.example/cert.pem\"",
                "\"x5c\":[\"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\"]",
                "\"crit\":[\"exp\"]",
                "\"b64\":false",
                "\"zip\":\"DEF\"");
        for (String member : members) {
            String name = member.substring(1, member.indexOf('"', 1));
            String token = sign(KEY, JwsAlgorithm.HS256, header("HS256", member), validPayload());
            TokenException e = assertRefused(TokenFailure.UNSUPPORTED_HEADER, HS256_READER, token,
                    "correctly signed token with header parameter " + name);
            assertEquals(name, e.detail(), "the detail names the refused parameter");
        }
    }

    @Test
    void embeddedJwkOfTheAttackersOwnKeyIsRefused() {
        // CVE-2018-0114 style: the token carries the attacker's public key and is signed with the matching private key.
        RSAPublicKey attacker = Tokens.rsaPublicKey(3);
        String jwk = "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" + b64(RsaKeyFormats.unsignedBytes(attacker.getModulus())) + "\"}";
        String token = sign(Tokens.rsaSigningKey(3), JwsAlgorithm.RS256, header("RS256", "\"jwk\":" + jwk), validPayload());
        assertRefused(TokenFailure.UNSUPPORTED_HEADER, rs256Reader(), token, "RS256 token with an embedded jwk");
    }

    @Test
    void harmlessUnknownHeaderParametersAreIgnored() {
        String token = sign(KEY, JwsAlgorithm.HS256, header("HS256", "\"cty\":\"text\",\"x-custom\":{\"a\":[1]}"),
                validPayload());
        assertAccepted(HS256_READER, token, "a header with cty and an unknown private parameter");
    }

    @Test
    void aContentTypeThatAnnouncesANestedJwtIsRefused() {
        // Found by TokenReaderFuzzTest (seed 8675309): with cty JWT, jose4j reads the payload as another JWT and
        // refuses the token, while we took the payload for claims; a cty of another JSON type made jose4j throw.
        for (String cty : List.of("\"JWT\"", "\"jwt\"", "\"application/jwt\"", "\"Application/JWT\"", "1E-400", "null",
                "[\"JWT\"]")) {
            String token = sign(KEY, JwsAlgorithm.HS256, header("HS256", "\"cty\":" + cty), validPayload());
            TokenException e = assertRefused(TokenFailure.UNSUPPORTED_HEADER, HS256_READER, token, "cty " + cty);
            assertEquals("cty", e.detail(), "the detail names the parameter");
        }
    }

    // ---- typ ----------------------------------------------------------------------------------------------------

    @Test
    void typMustBeJwt() {
        for (String header : List.of("{\"alg\":\"HS256\"}", "{\"alg\":\"HS256\",\"typ\":\"JWTR\"}",
                "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", "{\"alg\":\"HS256\",\"typ\":\"\"}",
                "{\"alg\":\"HS256\",\"typ\":null}", "{\"alg\":\"HS256\",\"typ\":1}",
                "{\"alg\":\"HS256\",\"typ\":\"JWS\"}")) {
            assertRefused(TokenFailure.INVALID_TYPE, HS256_READER, sign(KEY, JwsAlgorithm.HS256, header, validPayload()),
                    "header " + header);
        }
        for (String typ : List.of("jwt", "Jwt", "JWT")) {
            assertAccepted(HS256_READER, sign(KEY, JwsAlgorithm.HS256, "{\"alg\":\"HS256\",\"typ\":\"" + typ + "\"}",
                    validPayload()), "typ '" + typ + "' (media types are case-insensitive)");
        }
    }

    // ---- malformed ----------------------------------------------------------------------------------------------

    @Test
    void charactersOutsideTheBase64urlAlphabetAreMalformed() {
        String token = hs256(KEY, validPayload());
        int firstDot = token.indexOf('.');
        int secondDot = token.indexOf('.', firstDot + 1);
        for (String bad : List.of("+", "/", "=", " ", "==", "\n", "\t", "é", "\u0000", "%2B", "*")) {
            for (int at : new int[] {0, 5, firstDot, firstDot + 5, secondDot, secondDot + 5, token.length()}) {
                String corrupted = token.substring(0, at) + bad + token.substring(at);
                // The payload is decoded only after the signature is checked (nothing unauthenticated is
                // interpreted), and the signature covers the corrupted text: there it is a bad signature.
                boolean inPayload = at > firstDot && at <= secondDot && !bad.contains("=");
                assertRefused(inPayload ? TokenFailure.BAD_SIGNATURE : TokenFailure.MALFORMED, HS256_READER, corrupted,
                        "'" + bad.replace("\n", "\\n") + "' inserted at " + at);
            }
        }
        // Standard Base64 instead of Base64url, and padded segments.
        String standard = token.replace('-', '+').replace('_', '/');
        if (!standard.equals(token)) {
            assertRefused(TokenFailure.MALFORMED, HS256_READER, standard, "standard Base64 alphabet");
        }
        assertRefused(TokenFailure.MALFORMED, HS256_READER, token + "=", "padded signature");
        assertRefused(TokenFailure.MALFORMED, HS256_READER, " " + token, "leading space");
        assertRefused(TokenFailure.MALFORMED, HS256_READER, token + " ", "trailing space");
        assertRefused(TokenFailure.MALFORMED, HS256_READER, "Bearer " + token, "with the Bearer prefix still on");
    }

    @Test
    void segmentLengthOfOneModuloFourIsMalformed() {
        String headerSegment = b64(HS256_HEADER);
        String payloadSegment = b64(validPayload());
        String badHeader = headerSegment;
        while (badHeader.length() % 4 != 1) {
            badHeader += "A";
        }
        String badPayload = payloadSegment;
        while (badPayload.length() % 4 != 1) {
            badPayload += "A";
        }
        assertRefused(TokenFailure.MALFORMED, HS256_READER, signRaw(KEY, JwsAlgorithm.HS256, badHeader, payloadSegment),
                "header segment of length " + badHeader.length());
        assertRefused(TokenFailure.MALFORMED, HS256_READER, signRaw(KEY, JwsAlgorithm.HS256, headerSegment, badPayload),
                "correctly signed token with a payload segment of length " + badPayload.length());
        assertRefused(TokenFailure.MALFORMED, HS256_READER, signRaw(KEY, JwsAlgorithm.HS256, "A", payloadSegment),
                "header segment of one character");
    }

    @Test
    void headerOrPayloadThatIsNotAJsonObjectIsMalformed() {
        List<String> notObjects = List.of("not json", "{\"typ\":\"JWT\"", "[\"typ\",\"JWT\"]", "\"JWT\"", "42", "null",
                "true", "{} {}", "{\"a\":1} x", "", " ", "{'typ':'JWT'}");
        for (String text : notObjects) {
            String headerSegment = b64(text);
            String payloadSegment = b64(validPayload());
            assertRefused(TokenFailure.MALFORMED, HS256_READER,
                    signRaw(KEY, JwsAlgorithm.HS256, headerSegment, payloadSegment), "header '" + text + "'");
            assertRefused(TokenFailure.MALFORMED, HS256_READER,
                    signRaw(KEY, JwsAlgorithm.HS256, b64(HS256_HEADER), b64(text)),
                    "correctly signed token whose payload is '" + text + "'");
        }
        String invalidUtf8 = b64(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'});
        assertRefused(TokenFailure.MALFORMED, HS256_READER, signRaw(KEY, JwsAlgorithm.HS256, invalidUtf8, b64(validPayload())),
                "header bytes that are not UTF-8");
    }

    @Test
    void duplicateMemberNamesAreMalformed() {
        // Two parsers could otherwise disagree on which alg or sub a token has (RFC 7515 §4, RFC 7519 §4).
        assertRefused(TokenFailure.MALFORMED, HS256_READER,
                sign(KEY, JwsAlgorithm.HS256, "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"alg\":\"none\"}", validPayload()),
                "header with alg twice");
        assertRefused(TokenFailure.MALFORMED, HS256_READER,
                hs256(KEY, "{\"sub\":\"alice\",\"sub\":\"admin\",\"exp\":" + (NOW + 3600) + "}"),
                "correctly signed payload with sub twice");
        assertRefused(TokenFailure.MALFORMED, HS256_READER,
                hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + (NOW - 10) + ",\"exp\":" + (NOW + 3600) + "}"),
                "correctly signed payload with exp twice");
        assertRefused(TokenFailure.MALFORMED, HS256_READER,
                hs256(KEY, validPayloadWith("\"roles\":[\"a\"],\"roles\":[\"Admin\"]")),
                "correctly signed payload with roles twice");
    }

    @Test
    void aNameRepeatedInsideAClaimOrHeaderParameterIsMalformed() {
        // Found by TokenReaderFuzzTest (seed 8675309): "profile":{"a":1,"a":2} was accepted (the application would
        // have seen a = 2), while jose4j refuses it as invalid JSON. Claims read up front, claims read on demand,
        // arrays and the header alike.
        for (String claim : List.of("\"profile\":{\"a\":1,\"a\":2}", "\"x\":[{\"a\":1},{\"b\":{\"c\":1,\"c\":1}}]",
                "\"tenant\":{\"a\":1,\"a\":2}", "\"roles\":[{\"a\":\"User\",\"a\":\"Admin\"}]")) {
            assertRefused(TokenFailure.MALFORMED, HS256_READER, hs256(KEY, validPayloadWith(claim)),
                    "correctly signed payload with " + claim);
        }
        assertRefused(TokenFailure.MALFORMED, HS256_READER,
                sign(KEY, JwsAlgorithm.HS256, header("HS256", "\"x\":{\"a\":1,\"a\":2}"), validPayload()),
                "header parameter with a name twice inside");
        VerifiedToken read = assertAccepted(HS256_READER, hs256(KEY, validPayloadWith(
                "\"a\":{\"sub\":1,\"n\":[{\"n\":1},{\"n\":2}]},\"b\":{\"sub\":2}")),
                "one name in different objects, and a top-level name again inside a claim");
        assertEquals(2, read.claims().getJsonObject("b").getInt("sub"), "nested members are read");
    }

    @Test
    void claimsNobodyReadsYetAreCheckedWhenTheTokenIs() {
        // Only the claims jwtauth serves on every request are built when a token is read; the others must still
        // make a payload that is not strict JSON refuse the token, exactly as a full parse would.
        assertRefused(TokenFailure.MALFORMED, HS256_READER, hs256(KEY, validPayloadWith("\"email\":\"a@b\",\"email\":\"c@d\"")),
                "a custom claim twice");
        assertRefused(TokenFailure.MALFORMED, HS256_READER, hs256(KEY, validPayloadWith("\"custom\":[1 2]")),
                "an array without commas in a custom claim");
        assertRefused(TokenFailure.MALFORMED, HS256_READER, hs256(KEY, validPayloadWith("\"custom\":{\"a\":}")),
                "an object without a value in a custom claim");
        assertRefused(TokenFailure.MALFORMED, HS256_READER, hs256(KEY, validPayloadWith("\"custom\":{\"a\":1]")),
                "mismatched brackets in a custom claim");
        assertRefused(TokenFailure.MALFORMED, HS256_READER, hs256(KEY, validPayload() + "{}"), "content after the payload");

        VerifiedToken read = assertAccepted(HS256_READER, hs256(KEY, validPayloadWith(
                "\"email\":\"alice@example.com\",\"nested\":{\"list\":[1,{\"x\":null}]},\"iss\":null,\"jti\":\"j-1\"")),
                "custom claims of every shape");
        assertEquals(Optional.of("alice@example.com"), read.string("email"), "a custom claim, read when asked");
        assertEquals(Optional.of("j-1"), read.string("jti"));
        assertNull(read.claim("iss"), "JSON null is absent");
        assertNull(read.claim("missing"));
        assertEquals(List.of(1), read.claims().getJsonObject("nested").getJsonArray("list").subList(0, 1).stream()
                .map(v -> ((jakarta.json.JsonNumber) v).intValue()).toList(), "nested values kept as JSON");
        assertEquals(Set.of("sub", "iat", "exp", "email", "nested", "iss", "jti"), read.claims().keySet());
    }

    @Test
    void wrongNumberOfSegmentsIsMalformed() {
        String token = hs256(KEY, validPayload());
        String[] parts = token.split("\\.");
        List<String> candidates = List.of(
                "",
                ".",
                "..",
                "...",
                "....",
                parts[0],
                parts[0] + "." + parts[1],
                token + ".",
                token + "." + parts[2],
                token + "." + parts[1] + "." + parts[2],
                token + "." + parts[1] + "." + parts[2] + "." + parts[2],
                "." + parts[1] + "." + parts[2]);
        int[] expectedParts = {1, 2, 3, 4, 5, 1, 2, 4, 4, 5, 6, 3};
        for (int i = 0; i < candidates.size(); i++) {
            assertRefused(TokenFailure.MALFORMED, HS256_READER, candidates.get(i),
                    expectedParts[i] + " dot-separated part(s): '" + Tokens.abbreviate(candidates.get(i)) + "'");
        }
        // A JWE-shaped token (5 parts) of plausible segments.
        assertRefused(TokenFailure.MALFORMED, HS256_READER, parts[0] + ".AAAA.AAAA." + parts[1] + ".AAAA",
                "a 5-part JWE-shaped token");
        // An empty payload with someone else's signature: the payload is only looked at once the signature over
        // "header." verified, so this is a bad signature, not a malformed payload.
        assertRefused(TokenFailure.BAD_SIGNATURE, HS256_READER, parts[0] + ".." + parts[2],
                "empty payload segment, signature of another token");
        // The payload is empty but the (correct) signature covers "header." — still malformed.
        assertRefused(TokenFailure.MALFORMED, HS256_READER, signRaw(KEY, JwsAlgorithm.HS256, parts[0], ""),
                "correctly signed token with an empty payload segment");
    }

    // ---- size ---------------------------------------------------------------------------------------------------

    @Test
    void tokenLongerThanMaxTokenLengthIsTooLarge() {
        String token = hs256(KEY, validPayloadWith("\"filler\":\"" + "x".repeat(500) + "\""));
        TokenReader exact = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).maxTokenLength(token.length()).reader();
        assertAccepted(exact, token, "a token of exactly maxTokenLength characters");
        TokenReader oneShort = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).maxTokenLength(token.length() - 1).reader();
        assertRefused(TokenFailure.TOO_LARGE, oneShort, token, "a token one character longer than maxTokenLength");

        String over = hs256(KEY, validPayloadWith("\"filler\":\"" + "x".repeat(6200) + "\""));
        assertTrue(over.length() > 8192, "test token must exceed the default limit, has " + over.length());
        assertRefused(TokenFailure.TOO_LARGE, HS256_READER, over, "a correctly signed token over the default 8192");
    }

    @Test
    void hugeInputIsRefusedBeforeDecoding() {
        // Without dots this would be MALFORMED if it were scanned or decoded: TOO_LARGE proves the length check is first.
        String huge = "A".repeat(20_000_000);
        long start = System.nanoTime();
        assertRefused(TokenFailure.TOO_LARGE, HS256_READER, huge, "20 million 'A's");
        assertRefused(TokenFailure.TOO_LARGE, HS256_READER, huge + "." + huge + "." + huge, "three huge segments");
        assertRefused(TokenFailure.TOO_LARGE, HS256_READER, "+".repeat(10_000), "10,000 non-Base64 characters");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1_000, "refusing oversized input must not scan it, took " + millis + " ms");
    }

    @Test
    void deeplyNestedJsonDoesNotOverflowTheStack() {
        // The JSON-P parser has a nesting limit (1000 in Parsson): deeper input is a typed MALFORMED, never a
        // StackOverflowError, whether it sits in a signed payload or in the header an unauthenticated sender controls.
        String deepArrays = "[".repeat(3000) + "]".repeat(3000);
        TokenReader roomy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).maxTokenLength(16_384).reader();
        String token = hs256(KEY, validPayloadWith("\"deep\":" + deepArrays));
        assertTrue(token.length() <= 16_384, "within the size limit: " + token.length());
        assertRefused(TokenFailure.MALFORMED, roomy, token, "3000 nested arrays in a custom claim");

        String deepObjects = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
        TokenReader roomier = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).maxTokenLength(32_768).reader();
        assertRefused(TokenFailure.MALFORMED, roomier, hs256(KEY, validPayloadWith("\"deep\":" + deepObjects)),
                "3000 nested objects");

        String deepHeader = "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"deep\":" + deepArrays + "}";
        String unsigned = Tokens.signingInput(deepHeader, validPayload()) + "." + b64(new byte[32]);
        assertRefused(TokenFailure.MALFORMED, roomy, unsigned, "3000 nested arrays in the header");

        // Reasonable nesting in a custom claim is kept as JSON.
        String nested = hs256(KEY, validPayloadWith("\"deep\":" + "[".repeat(50) + "]".repeat(50)));
        VerifiedToken read = assertAccepted(HS256_READER, nested, "50 nested arrays in a custom claim");
        assertInstanceOf(jakarta.json.JsonArray.class, read.claims().get("deep"), "the nested claim is kept as a JSON array");

        // Nested arrays where a list of strings belongs.
        assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER,
                hs256(KEY, validPayloadWith("\"roles\":" + "[".repeat(200) + "]".repeat(200))),
                "200 nested arrays as roles");
    }

    // ---- exp ----------------------------------------------------------------------------------------------------

    @Test
    void missingExpiryIsRefused() {
        // ServiceStack lets a token without exp live forever; jwtauth does not.
        assertRefused(TokenFailure.MISSING_EXPIRY, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"iat\":" + NOW + "}"),
                "no exp");
        assertRefused(TokenFailure.MISSING_EXPIRY, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":null}"),
                "exp null");
    }

    @Test
    void expiryThatIsNotANumberIsAnInvalidClaim() {
        // ServiceStack parses every claim as text and so accepts "exp":"1700000000"; RFC 7519 §2 NumericDate is a
        // JSON number, and jwtauth refuses anything else.
        for (String exp : List.of("\"" + (NOW + 3600) + "\"", "true", "[" + (NOW + 3600) + "]", "{}")) {
            TokenException e = assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER,
                    hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + exp + "}"), "exp " + exp);
            assertEquals("exp", e.detail(), "the detail names the claim");
        }
    }

    @Test
    void expiryAtTheEdgesOfTheNumberRange() {
        // 1e300 parses as a double; it is read as Long.MAX_VALUE seconds, i.e. never expires.
        VerifiedToken huge = assertAccepted(HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":1e300}"), "exp 1e300");
        assertEquals(Long.MAX_VALUE, huge.expiresAt(), "a double beyond long range saturates");
        // An integer beyond long range parses as a BigInteger, which is not a NumericDate jwtauth reads.
        assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER,
                hs256(KEY, "{\"sub\":\"alice\",\"exp\":99999999999999999999}"), "exp 99999999999999999999");
        assertRefused(TokenFailure.EXPIRED, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":-1e300}"), "exp -1e300");
        assertRefused(TokenFailure.EXPIRED, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + Long.MIN_VALUE + "}"),
                "exp Long.MIN_VALUE");
        assertRefused(TokenFailure.EXPIRED, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":0}"), "exp 0");
        VerifiedToken max = assertAccepted(HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + Long.MAX_VALUE + "}"),
                "exp Long.MAX_VALUE");
        assertEquals(Long.MAX_VALUE, max.expiresAt(), "exp Long.MAX_VALUE");
    }

    @Test
    void expiryIsExclusive() {
        // ServiceStack: expired when now >= exp.
        assertRefused(TokenFailure.EXPIRED, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + NOW + "}"),
                "exp == now");
        assertRefused(TokenFailure.EXPIRED, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + (NOW - 1) + "}"),
                "exp one second ago");
        assertAccepted(HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + (NOW + 1) + "}"), "exp in one second");
        // The clock skew is for nbf/iat only: an expired token is expired.
        TokenReader skewed = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).clockSkew(Duration.ofMinutes(5)).reader();
        assertRefused(TokenFailure.EXPIRED, skewed, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + (NOW - 1) + "}"),
                "exp one second ago with 5 minutes of clock skew");
    }

    @Test
    void fractionalExpiryIsAccepted() {
        VerifiedToken read = assertAccepted(HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + (NOW + 100) + ".5}"),
                "exp with a fraction (RFC 7519 §2 allows non-integer NumericDates)");
        assertEquals(NOW + 100, read.expiresAt(), "the fraction is dropped");
        assertRefused(TokenFailure.EXPIRED, HS256_READER, hs256(KEY, "{\"sub\":\"alice\",\"exp\":" + (NOW - 1) + ".5}"),
                "exp half a second ago");
    }

    // ---- nbf / iat ----------------------------------------------------------------------------------------------

    @Test
    void notBeforeHonoursTheClockSkew() {
        TokenReader reader = HS256_READER; // 30 s skew
        assertRefused(TokenFailure.NOT_YET_VALID, reader, hs256(KEY, validPayloadWith("\"nbf\":" + (NOW + 31))),
                "nbf 31 s ahead, 30 s skew");
        assertRefused(TokenFailure.NOT_YET_VALID, reader, hs256(KEY, validPayloadWith("\"nbf\":" + (NOW + 3000))),
                "nbf 50 min ahead");
        assertAccepted(reader, hs256(KEY, validPayloadWith("\"nbf\":" + (NOW + 30))), "nbf exactly at the skew");
        assertAccepted(reader, hs256(KEY, validPayloadWith("\"nbf\":" + (NOW + 10))), "nbf 10 s ahead, within the skew");
        assertAccepted(reader, hs256(KEY, validPayloadWith("\"nbf\":" + (NOW - 10))), "nbf in the past");
        TokenReader noSkew = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).clockSkew(Duration.ZERO).reader();
        assertRefused(TokenFailure.NOT_YET_VALID, noSkew, hs256(KEY, validPayloadWith("\"nbf\":" + (NOW + 1))),
                "nbf 1 s ahead without skew");
        assertRefused(TokenFailure.INVALID_CLAIM, reader, hs256(KEY, validPayloadWith("\"nbf\":\"" + NOW + "\"")),
                "nbf as a string");
    }

    @Test
    void issuedInTheFutureBeyondTheSkewIsRefused() {
        String base = "{\"sub\":\"alice\",\"exp\":" + (NOW + 3600) + ",\"iat\":";
        assertRefused(TokenFailure.ISSUED_IN_FUTURE, HS256_READER, hs256(KEY, base + (NOW + 31) + "}"),
                "iat 31 s ahead, 30 s skew");
        assertAccepted(HS256_READER, hs256(KEY, base + (NOW + 30) + "}"), "iat exactly at the skew");
        assertAccepted(HS256_READER, hs256(KEY, base + (NOW + 5) + "}"), "iat 5 s ahead, within the skew");
        assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER, hs256(KEY, base + "\"now\"}"), "iat as a string");
    }

    @Test
    void aTokenThatExpiresBeforeItWasIssuedIsRefused() {
        // Found by the million-input TokenReaderFuzzTest run (seed 8675309, iteration 279836): iat within the skew,
        // exp one second earlier but still ahead of now was accepted; jose4j refuses exp before iat.
        TokenException e = assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER,
                hs256(KEY, "{\"sub\":\"42\",\"iat\":" + (NOW + 30) + ",\"exp\":" + (NOW + 29) + "}"), "exp 1 s before iat");
        assertEquals("exp", e.detail(), "the detail names the claim");
        assertAccepted(HS256_READER, hs256(KEY, "{\"sub\":\"42\",\"iat\":" + (NOW + 29) + ",\"exp\":" + (NOW + 29) + "}"),
                "exp equal to iat");
    }

    @Test
    void tokensIssuedBeforeTheCutoffAreInvalidated() {
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY))
                .invalidateTokensIssuedBefore(Instant.ofEpochSecond(NOW - 3600)).reader();
        String base = "{\"sub\":\"alice\",\"exp\":" + (NOW + 3600);
        assertRefused(TokenFailure.INVALIDATED, reader, hs256(KEY, base + ",\"iat\":" + (NOW - 3601) + "}"),
                "iat one second before the cutoff");
        assertRefused(TokenFailure.INVALIDATED, reader, hs256(KEY, base + "}"),
                "no iat (ServiceStack: a token without iat cannot prove it is newer than the cutoff)");
        assertAccepted(reader, hs256(KEY, base + ",\"iat\":" + (NOW - 3600) + "}"), "iat exactly at the cutoff");
        assertAccepted(reader, hs256(KEY, base + ",\"iat\":" + (NOW - 60) + "}"), "iat after the cutoff");
        assertAccepted(HS256_READER, hs256(KEY, base + "}"), "no iat and no cutoff configured");
    }

    // ---- aud ----------------------------------------------------------------------------------------------------

    @Test
    void audienceRulesOfServiceStack() {
        // ServiceStack's docs example: configured search, analytics.
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).audiences("search", "analytics").reader();
        assertAccepted(reader, hs256(KEY, validPayload()), "no aud");
        TokenException admin = assertRefused(TokenFailure.INVALID_AUDIENCE, reader,
                hs256(KEY, validPayloadWith("\"aud\":\"admin\"")), "aud admin");
        assertEquals("admin", admin.detail(), "the detail is the token's audience (Invalid Audience: admin)");
        assertEquals("Invalid Audience: admin", admin.getMessage(), "the message clients see");
        assertAccepted(reader, hs256(KEY, validPayloadWith("\"aud\":[\"search\",\"admin\"]")), "aud [search, admin]");
        assertAccepted(reader, hs256(KEY, validPayloadWith("\"aud\":\"analytics\"")), "aud analytics");
        TokenException two = assertRefused(TokenFailure.INVALID_AUDIENCE, reader,
                hs256(KEY, validPayloadWith("\"aud\":[\"admin\",\"other\"]")), "aud [admin, other]");
        assertEquals("admin,other", two.detail(), "every audience of the token is reported");
        assertRefused(TokenFailure.INVALID_AUDIENCE, reader, hs256(KEY, validPayloadWith("\"aud\":\"Search\"")),
                "audiences are case-sensitive");
        assertAccepted(reader, hs256(KEY, validPayloadWith("\"aud\":[]")), "an empty aud array is like no aud");
    }

    @Test
    void requiredAudience() {
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).audiences("search", "analytics")
                .requiresAudience(true).reader();
        assertRefused(TokenFailure.INVALID_AUDIENCE, reader, hs256(KEY, validPayload()), "no aud, requiresAudience=true");
        assertRefused(TokenFailure.INVALID_AUDIENCE, reader, hs256(KEY, validPayloadWith("\"aud\":[]")),
                "empty aud array, requiresAudience=true");
        assertRefused(TokenFailure.INVALID_AUDIENCE, reader, hs256(KEY, validPayloadWith("\"aud\":\"admin\"")),
                "aud admin, requiresAudience=true");
        assertAccepted(reader, hs256(KEY, validPayloadWith("\"aud\":\"search\"")), "aud search, requiresAudience=true");
    }

    @Test
    void audienceOfTheWrongJsonTypeIsAnInvalidClaim() {
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(KEY)).audiences("search").reader();
        for (String aud : List.of("5", "{\"a\":\"search\"}", "[\"search\",5]", "true", "[[\"search\"]]", "[null]")) {
            for (TokenReader r : List.of(reader, HS256_READER)) {
                TokenException e = assertRefused(TokenFailure.INVALID_CLAIM, r, hs256(KEY, validPayloadWith("\"aud\":" + aud)),
                        "aud " + aud);
                assertEquals("aud", e.detail(), "the detail names the claim");
            }
        }
    }

    @Test
    void anyAudienceIsAcceptedWhenNoneIsConfigured() {
        assertAccepted(HS256_READER, hs256(KEY, validPayloadWith("\"aud\":\"x\"")), "aud x, no audiences configured");
        assertAccepted(HS256_READER, hs256(KEY, validPayloadWith("\"aud\":[\"x\",\"y\"]")),
                "aud [x, y], no audiences configured");
    }

    // ---- iss ----------------------------------------------------------------------------------------------------

    @Test
    void issuerMustMatchWhenPresent() {
        assertRefused(TokenFailure.INVALID_ISSUER, HS256_READER, hs256(KEY, validPayloadWith("\"iss\":\"evil\"")),
                "iss evil, policy issuer ssjwt");
        assertRefused(TokenFailure.INVALID_ISSUER, HS256_READER, hs256(KEY, validPayloadWith("\"iss\":\"SSJWT\"")),
                "issuers are case-sensitive");
        assertRefused(TokenFailure.INVALID_ISSUER, HS256_READER, hs256(KEY, validPayloadWith("\"iss\":1")), "iss 1");
        assertAccepted(HS256_READER, hs256(KEY, validPayloadWith("\"iss\":\"ssjwt\"")), "iss ssjwt");
        // ServiceStack itself omits iss when jwt.Issuer is not configured.
        assertAccepted(HS256_READER, hs256(KEY, validPayload()), "no iss");
    }

    // ---- sub, roles, perms --------------------------------------------------------------------------------------

    @Test
    void numericSubjectIsReadAsText() {
        // ServiceStack writes numeric user ids as JSON numbers: "sub":1.
        VerifiedToken read = assertAccepted(HS256_READER, hs256(KEY, "{\"sub\":1,\"exp\":" + (NOW + 60) + "}"), "sub 1");
        assertEquals("1", read.subject(), "subject of \"sub\":1");
    }

    @Test
    void subjectMustBeANonEmptyStringOrAnInteger() {
        for (String sub : List.of("true", "\"\"", "null", "1.5", "{\"id\":1}", "[\"alice\"]")) {
            TokenException e = assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER,
                    hs256(KEY, "{\"sub\":" + sub + ",\"exp\":" + (NOW + 60) + "}"), "sub " + sub);
            assertEquals("sub", e.detail(), "the detail names the claim");
        }
        assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER, hs256(KEY, "{\"exp\":" + (NOW + 60) + "}"), "no sub");
    }

    @Test
    void tokenIdMustBeAStringOrAnInteger() {
        // ServiceStack's jti is a counter (a JSON number); ours is a string. Found by TokenReaderFuzzTest (seed
        // 8675309): other types were accepted, though jose4j refuses them (RFC 7519 §4.1.7: a string).
        for (String jti : List.of("\"AAECAwQ\"", "\"\"", "7", "-3")) {
            assertAccepted(HS256_READER, hs256(KEY, validPayloadWith("\"jti\":" + jti)), "jti " + jti);
        }
        for (String jti : List.of("true", "-1e400", "1E-400", "1.5", "[\"a\"]", "{}")) {
            TokenException e = assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER,
                    hs256(KEY, validPayloadWith("\"jti\":" + jti)), "jti " + jti);
            assertEquals("jti", e.detail(), "the detail names the claim");
        }
    }

    @Test
    void rolesAndPermissionsMustBeArraysOfStrings() {
        for (String claim : List.of("roles", "perms", "groups")) {
            for (String value : List.of("\"Admin\"", "[\"Admin\",1]", "{\"Admin\":true}", "[null]", "1")) {
                TokenException e = assertRefused(TokenFailure.INVALID_CLAIM, HS256_READER,
                        hs256(KEY, validPayloadWith("\"" + claim + "\":" + value)), claim + " " + value);
                assertEquals(claim, e.detail(), "the detail names the claim");
            }
        }
    }

    @Test
    void groupsAreMergedIntoRoles() {
        VerifiedToken read = assertAccepted(HS256_READER,
                hs256(KEY, validPayloadWith("\"roles\":[\"Admin\",\"Editor\"],\"groups\":[\"Editor\",\"Viewer\"],\"perms\":[\"read\"]")),
                "roles and MP-JWT groups");
        assertEquals(List.of("Admin", "Editor", "Viewer"), List.copyOf(read.roles()),
                "roles then groups, in order, without duplicates");
        assertEquals(List.of("read"), read.permissions(), "permissions");
        VerifiedToken none = assertAccepted(HS256_READER, hs256(KEY, validPayload()), "no roles");
        assertTrue(none.roles().isEmpty() && none.permissions().isEmpty(), "no roles and no permissions");
    }

    // ---- kid and fallback keys ----------------------------------------------------------------------------------

    @Test
    void kidSelectsTheKeyAndAnUnknownKidTriesEveryKey() {
        HmacKey primary = KEY;
        HmacKey fallback1 = Tokens.hmacKey(32, 2);
        HmacKey fallback2 = Tokens.hmacKey(32, 3);
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(primary, fallback1, fallback2)).reader();

        assertAccepted(reader, sign(fallback1, JwsAlgorithm.HS256, header("HS256", "\"kid\":\"" + fallback1.kid() + "\""),
                validPayload()), "kid naming fallback key 1, signed by it");
        assertAccepted(reader, sign(fallback2, JwsAlgorithm.HS256, header("HS256", "\"kid\":\"whatever\""), validPayload()),
                "unknown kid, signed by fallback key 2 (an issuer deriving kids differently, e.g. ServiceStack)");
        assertAccepted(reader, sign(fallback2, JwsAlgorithm.HS256, header("HS256", "\"kid\":\"" + primary.kid().substring(0, 3) + "\""),
                validPayload()), "ServiceStack-style 3-character kid, signed by fallback key 2");
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, sign(fallback1, JwsAlgorithm.HS256,
                        header("HS256", "\"kid\":\"" + primary.kid() + "\""), validPayload()),
                "kid naming the primary key but signed by fallback key 1");
    }

    @Test
    void numericKidSelectsTheKey() {
        // ServiceStack writes a numeric-looking kid as a JSON number.
        HmacKey primary = KEY.withKid("123");
        HmacKey fallback = Tokens.hmacKey(32, 2);
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(primary, fallback)).reader();
        assertAccepted(reader, sign(primary, JwsAlgorithm.HS256, header("HS256", "\"kid\":123"), validPayload()),
                "kid 123 (a number), signed by the key with kid \"123\"");
        assertRefused(TokenFailure.BAD_SIGNATURE, reader,
                sign(fallback, JwsAlgorithm.HS256, header("HS256", "\"kid\":123"), validPayload()),
                "kid 123 (a number) names the primary key, but the fallback key signed");
    }

    @Test
    void fallbackHmacKeysVerifyAndOthersDoNot() {
        List<HmacKey> configured = List.of(KEY, Tokens.hmacKey(32, 2), Tokens.hmacKey(32, 3));
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(configured.get(0), configured.get(1),
                configured.get(2))).reader();
        for (int i = 0; i < configured.size(); i++) {
            HmacKey key = configured.get(i);
            assertAccepted(reader, hs256(key, validPayload()), "signed by configured key " + i + ", no kid");
            assertAccepted(reader, sign(key, JwsAlgorithm.HS256, header("HS256", "\"kid\":\"" + key.kid() + "\""),
                    validPayload()), "signed by configured key " + i + ", its kid");
        }
        HmacKey fourth = Tokens.hmacKey(32, 4);
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, hs256(fourth, validPayload()), "signed by an unconfigured key");
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, sign(fourth, JwsAlgorithm.HS256,
                header("HS256", "\"kid\":\"" + fourth.kid() + "\""), validPayload()), "signed by an unconfigured key, its kid");
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, sign(fourth, JwsAlgorithm.HS256,
                header("HS256", "\"kid\":\"" + KEY.kid() + "\""), validPayload()),
                "signed by an unconfigured key, naming the primary key");
    }

    @Test
    void fallbackRsaKeysVerifyAndOthersDoNot() {
        TokenReader reader = Tokens.policy(JwsAlgorithm.RS256,
                Tokens.rsaRing(0, Tokens.rsaVerificationKey(1), Tokens.rsaVerificationKey(2))).reader();
        for (int i = 0; i < 3; i++) {
            RsaSigningKey key = Tokens.rsaSigningKey(i);
            assertAccepted(reader, rs256(key, validPayload()), "signed by configured RSA key " + i + ", no kid");
            assertAccepted(reader, sign(key, JwsAlgorithm.RS256, header("RS256", "\"kid\":\"" + key.kid() + "\""),
                    validPayload()), "signed by configured RSA key " + i + ", its kid");
            assertAccepted(reader, sign(key, JwsAlgorithm.RS256, header("RS256", "\"kid\":\"whatever\""), validPayload()),
                    "signed by configured RSA key " + i + ", unknown kid");
        }
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, sign(Tokens.rsaSigningKey(1), JwsAlgorithm.RS256,
                        header("RS256", "\"kid\":\"" + Tokens.rsaSigningKey(0).kid() + "\""), validPayload()),
                "kid naming the primary RSA key, signed by fallback key 1");
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, rs256(Tokens.rsaSigningKey(3), validPayload()),
                "signed by an unconfigured RSA key");
    }

    // ---- concurrency --------------------------------------------------------------------------------------------

    private record Case(String token, TokenFailure expected, String subject) {
    }

    /**
     * HmacKey and RsaVerificationKey keep one Mac/Signature per thread and reuse it. If a failure path left one
     * holding data (e.g. SunRsaSign refusing a wrong-length signature before resetting its digest), later valid
     * tokens on that thread would be refused; if the objects were shared, threads would corrupt each other.
     */
    @Test
    void concurrentVerificationGivesEveryThreadTheRightAnswer() throws Exception {
        HmacKey hmac = KEY;
        RsaSigningKey rsa = Tokens.rsaSigningKey(0);
        TokenReader reader = Tokens.policy(JwsAlgorithm.HS256,
                new KeyRing(Optional.of(hmac), List.of(hmac, Tokens.rsaVerificationKey(0)))).requireHashAlgorithm(false).reader();

        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cases.add(new Case(hs256(hmac, "{\"sub\":\"h" + i + "\",\"exp\":" + (NOW + 60 + i) + "}"), null, "h" + i));
        }
        for (int i = 0; i < 8; i++) {
            cases.add(new Case(rs256(rsa, "{\"sub\":\"r" + i + "\",\"exp\":" + (NOW + 60 + i) + "}"), null, "r" + i));
        }
        cases.add(new Case(sign(rsa, JwsAlgorithm.RS384, header("RS384", ""), "{\"sub\":\"r384\",\"exp\":" + (NOW + 60) + "}"),
                null, "r384"));
        cases.add(new Case(sign(rsa, JwsAlgorithm.RS512, header("RS512", ""), "{\"sub\":\"r512\",\"exp\":" + (NOW + 60) + "}"),
                null, "r512"));
        String hsToken = hs256(hmac, validPayload());
        String rsToken = rs256(rsa, validPayload());
        byte[] rsSignature = Base64.getUrlDecoder().decode(signatureOf(rsToken));
        byte[] hsSignature = Base64.getUrlDecoder().decode(signatureOf(hsToken));
        byte[] flippedHs = hsSignature.clone();
        flippedHs[0] ^= 1;
        byte[] flippedRs = rsSignature.clone();
        flippedRs[128] ^= 1;
        byte[] ones = new byte[256];
        Arrays.fill(ones, (byte) 0xFF);
        cases.add(new Case(withSignature(hsToken, b64(flippedHs)), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(hsToken, b64(Arrays.copyOf(hsSignature, 31))), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(hsToken, ""), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(rsToken, b64(flippedRs)), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(rsToken, b64(Arrays.copyOf(rsSignature, 255))), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(rsToken, b64(Arrays.copyOf(rsSignature, 257))), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(rsToken, b64(Arrays.copyOf(rsSignature, 512))), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(rsToken, b64(Arrays.copyOf(rsSignature, 1))), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(rsToken, ""), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(withSignature(rsToken, b64(ones)), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(rs256(Tokens.rsaSigningKey(1), validPayload()), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(hs256(Tokens.hmacKey(32, 77), validPayload()), TokenFailure.BAD_SIGNATURE, null));
        cases.add(new Case(hs256(hmac, "{\"sub\":\"old\",\"exp\":" + (NOW - 1) + "}"), TokenFailure.EXPIRED, null));
        cases.add(new Case(Tokens.signingInput(header("none", ""), validPayload()) + ".", TokenFailure.UNSUPPORTED_ALGORITHM, null));
        cases.add(new Case(hsToken.substring(0, 20), TokenFailure.MALFORMED, null));

        // Sanity: single-threaded, every case gives its answer.
        for (Case c : cases) {
            check(reader, c, "single-threaded");
        }

        int threads = 8;
        int perThread = 2_000;
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    for (int i = 0; i < perThread && wrong.size() < 20; i++) {
                        Case c = cases.get(random.nextInt(cases.size()));
                        try {
                            check(reader, c, "thread " + seed + " iteration " + i);
                        } catch (AssertionError e) {
                            wrong.add(e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.isEmpty(), wrong.size() + "+ wrong answers under concurrency, e.g.: " + wrong);
    }

    private static void check(TokenReader reader, Case c, String where) {
        if (c.expected() == null) {
            assertEquals(c.subject(), assertAccepted(reader, c.token(), where).subject(), where + ": subject");
        } else {
            assertRefused(c.expected(), reader, c.token(), where);
        }
    }

    @Test
    void refusalOfOneTokenDoesNotAffectTheNextOnTheSameThread() {
        // The same reused Signature/Mac, alternating failure and success on one thread.
        TokenReader reader = rs256Reader();
        String good = rs256(Tokens.rsaSigningKey(0), validPayload());
        byte[] signature = Base64.getUrlDecoder().decode(signatureOf(good));
        List<String> bad = List.of(withSignature(good, b64(Arrays.copyOf(signature, 255))),
                withSignature(good, b64(Arrays.copyOf(signature, 300))), withSignature(good, ""),
                withSignature(good, b64(new byte[256])));
        for (int round = 0; round < 3; round++) {
            for (String token : bad) {
                assertRefused(TokenFailure.BAD_SIGNATURE, reader, token, "round " + round + " bad signature");
                assertAccepted(reader, good, "round " + round + " the good token right after a refused one");
            }
        }
    }

    @Test
    void refusalsNeverEscapeAsOtherExceptions() {
        // A few random mutations of a valid token: whatever they turn into, it is accepted or a TokenException.
        String token = hs256(KEY, validPayloadWith("\"roles\":[\"a\"],\"aud\":\"x\",\"nbf\":" + (NOW - 5)));
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/= ";
        for (int i = 0; i < 5_000; i++) {
            char[] chars = token.toCharArray();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String mutated = new String(chars);
            if (mutated.equals(token)) {
                continue;
            }
            try {
                HS256_READER.read(mutated);
            } catch (TokenException expected) {
                // fine: refused with a reason
            } catch (RuntimeException | Error e) {
                throw new AssertionError("mutated token made the reader throw " + e + ": " + mutated, e);
            }
        }
        // Mutated headers decoded from random bytes.
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            random.nextBytes(bytes);
            String candidate = b64(bytes) + "." + b64(validPayload()) + "." + signatureOf(token);
            refusal(HS256_READER, candidate, "random header bytes");
        }
    }
}
