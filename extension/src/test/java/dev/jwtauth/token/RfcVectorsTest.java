package dev.jwtauth.token;

import static dev.jwtauth.token.Tokens.ascii;
import static dev.jwtauth.token.Tokens.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The worked examples of RFC 7515 (JSON Web Signature), Appendix A.1 (HS256) and A.2 (RS256): our HMAC and RSA
 * primitives must reproduce the RFC's signatures bit for bit, or no other JOSE implementation could verify our
 * tokens (and we could not verify theirs).
 * <p>
 * All values are copied from RFC 7515 Appendix A (https://www.rfc-editor.org/rfc/rfc7515#appendix-A); the A.2 key
 * was cross-checked against two independent test suites that embed the same RFC vector, and
 * {@link #rfcRsaKeyIsConsistent()} checks the CRT values against each other so a copying error cannot go unnoticed.
 */
class RfcVectorsTest {

    // ---- RFC 7515 Appendix A.1: HMAC SHA-256 -----------------------------------------------------------------

    /** A.1.1: the JWK {"kty":"oct","k":...} symmetric key. */
    private static final String A1_K =
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

    /** A.1.1: the complete JWS Compact Serialization. */
    private static final String A1_TOKEN = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    /** A.1.1: the HMAC value as the RFC lists it, octet by octet. */
    private static final int[] A1_SIGNATURE_OCTETS = {116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216,
            173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121};

    /** A.1.1: the exact JOSE header and claims texts, including the RFC's CRLF line breaks. */
    private static final String A1_HEADER_JSON = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
    private static final String A1_PAYLOAD_JSON =
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
    private static final long A1_EXP = 1_300_819_380L;

    // ---- RFC 7515 Appendix A.2: RSASSA-PKCS1-v1_5 SHA-256 ----------------------------------------------------

    /** A.2.1: the RSA private key as a JWK, member by member (Base64url of unsigned big-endian integers). */
    private static final String A2_N = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJP"
            + "MEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS"
            + "-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcD"
            + "TW9gb54h4FRWyuXpoQ";
    private static final String A2_E = "AQAB";
    private static final String A2_D = "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE"
            + "-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4q"
            + "AdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnc"
            + "zT0QU91p1DhOVRuOopznQ";
    private static final String A2_P = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa"
            + "9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc";
    private static final String A2_Q = "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C"
            + "6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc";
    private static final String A2_DP = "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_P"
            + "I7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0";
    private static final String A2_DQ = "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oK"
            + "r6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU";
    private static final String A2_QI = "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_"
            + "QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U";

    /** A.2.1: the complete JWS; header {"alg":"RS256"}, the same claims as A.1. */
    private static final String A2_TOKEN = "eyJhbGciOiJSUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJd"
            + "bF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383"
            + "LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywl"
            + "VmtVrBp0igcN_IoypGlUPQGe77Rw";

    // ---- A.1 ------------------------------------------------------------------------------------------------

    @Test
    void a1TokenCarriesTheRfcHeaderAndClaims() {
        String[] parts = A1_TOKEN.split("\\.");
        assertEquals(A1_HEADER_JSON, Tokens.decodeToText(parts[0]), "RFC 7515 A.1 header was copied wrongly");
        assertEquals(A1_PAYLOAD_JSON, Tokens.decodeToText(parts[1]), "RFC 7515 A.1 payload was copied wrongly");
        byte[] expected = new byte[A1_SIGNATURE_OCTETS.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) A1_SIGNATURE_OCTETS[i];
        }
        assertArrayEquals(expected, Base64.getUrlDecoder().decode(parts[2]),
                "the RFC's signature segment and its octet listing must agree");
    }

    @Test
    void hmacKeySignReproducesTheRfcA1Signature() {
        HmacKey key = HmacKey.of(Base64.getUrlDecoder().decode(A1_K));
        byte[] signingInput = ascii(A1_TOKEN.substring(0, A1_TOKEN.lastIndexOf('.')));
        byte[] rfcSignature = Base64.getUrlDecoder().decode(Tokens.signatureOf(A1_TOKEN));

        assertArrayEquals(rfcSignature, key.sign(JwsAlgorithm.HS256, signingInput),
                "HMAC-SHA256 over the RFC 7515 A.1 signing input must give exactly the RFC's signature");
        // twice: the per-thread Mac must be back in its keyed state after the first doFinal
        assertArrayEquals(rfcSignature, key.sign(JwsAlgorithm.HS256, signingInput),
                "a second signature with the reused Mac must be identical");
        assertTrue(key.verify(JwsAlgorithm.HS256, signingInput, signingInput.length, rfcSignature),
                "HmacKey.verify must accept the RFC 7515 A.1 signature");

        byte[] flipped = rfcSignature.clone();
        flipped[31] ^= 1;
        assertFalse(key.verify(JwsAlgorithm.HS256, signingInput, signingInput.length, flipped),
                "a signature differing in one bit must be refused");
    }

    @Test
    void a1TokenIsRefusedByTheReaderOnlyBecauseItHasNoSubject() {
        HmacKey key = HmacKey.of(Base64.getUrlDecoder().decode(A1_K));
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(key)).issuer("joe").build();

        // One second before exp: structure, header (typ JWT, alg HS256), signature, expiry and issuer all pass.
        // jwtauth requires a subject (sub becomes the caller's principal name, and a ServiceStack session without
        // UserAuthId is useless), and the RFC example has none, so the one reason left is INVALID_CLAIM for "sub".
        TokenReader beforeExpiry = new TokenReader(policy, Tokens.clockAt(A1_EXP - 1));
        TokenException refusal = assertRefused(TokenFailure.INVALID_CLAIM, beforeExpiry, A1_TOKEN,
                "RFC 7515 A.1 token read before its exp");
        assertEquals("sub", refusal.detail(), "the refusal must name the missing claim");

        // At and after exp the expiry check (which runs before the subject check) refuses it.
        assertRefused(TokenFailure.EXPIRED, new TokenReader(policy, Tokens.clockAt(A1_EXP)), A1_TOKEN,
                "RFC 7515 A.1 token read exactly at exp (now >= exp is expired)");
        assertRefused(TokenFailure.EXPIRED, new TokenReader(policy, Tokens.clockAt(A1_EXP + 1)), A1_TOKEN,
                "RFC 7515 A.1 token read after its exp");
    }

    @Test
    void a1TokenWithAnotherIssuerConfiguredIsRefusedForTheIssuer() {
        HmacKey key = HmacKey.of(Base64.getUrlDecoder().decode(A1_K));
        TokenReader reader = new TokenReader(Tokens.policy(JwsAlgorithm.HS256, Tokens.ring(key)).build(),
                Tokens.clockAt(A1_EXP - 1));
        assertRefused(TokenFailure.INVALID_ISSUER, reader, A1_TOKEN,
                "RFC 7515 A.1 token (iss joe) read with the default issuer ssjwt");
    }

    // ---- A.2 ------------------------------------------------------------------------------------------------

    @Test
    void rfcRsaKeyIsConsistent() {
        BigInteger n = integer(A2_N);
        BigInteger e = integer(A2_E);
        BigInteger d = integer(A2_D);
        BigInteger p = integer(A2_P);
        BigInteger q = integer(A2_Q);
        assertEquals(2048, n.bitLength(), "RFC 7515 A.2 uses a 2048-bit modulus");
        assertEquals(n, p.multiply(q), "n = p * q: a value of the RFC key was copied wrongly");
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        BigInteger qMinus1 = q.subtract(BigInteger.ONE);
        assertEquals(d.mod(pMinus1), integer(A2_DP), "dp = d mod (p-1)");
        assertEquals(d.mod(qMinus1), integer(A2_DQ), "dq = d mod (q-1)");
        assertEquals(q.modInverse(p), integer(A2_QI), "qi = q^-1 mod p");
        assertEquals(BigInteger.ONE, e.multiply(d).mod(pMinus1.multiply(qMinus1).divide(pMinus1.gcd(qMinus1))),
                "e * d = 1 mod lcm(p-1, q-1)");
    }

    @Test
    void rsaSigningKeyReproducesTheRfcA2Signature() throws GeneralSecurityException {
        RSAPrivateCrtKey privateKey = rfcRsaKey();
        RsaSigningKey signer = new RsaSigningKey(privateKey, "rfc7515-a2");
        RsaVerificationKey verifier = RsaVerificationKey.of(RsaKeyFormats.publicKeyOf(privateKey));
        byte[] signingInput = ascii(A2_TOKEN.substring(0, A2_TOKEN.lastIndexOf('.')));
        byte[] rfcSignature = Base64.getUrlDecoder().decode(Tokens.signatureOf(A2_TOKEN));
        assertEquals(256, rfcSignature.length, "an RS256 signature with a 2048-bit key has 256 bytes");

        // RSASSA-PKCS1-v1_5 is deterministic, so the RFC's signature must be reproduced exactly.
        assertArrayEquals(rfcSignature, signer.sign(JwsAlgorithm.RS256, signingInput),
                "RS256 over the RFC 7515 A.2 signing input must give exactly the RFC's signature");
        assertArrayEquals(rfcSignature, signer.sign(JwsAlgorithm.RS256, signingInput),
                "a second signature with the reused Signature must be identical");
        assertTrue(verifier.verify(JwsAlgorithm.RS256, signingInput, signingInput.length, rfcSignature),
                "RsaVerificationKey.verify must accept the RFC 7515 A.2 signature");

        byte[] flipped = rfcSignature.clone();
        flipped[100] ^= 1;
        assertFalse(verifier.verify(JwsAlgorithm.RS256, signingInput, signingInput.length, flipped),
                "a signature differing in one bit must be refused");
        assertFalse(verifier.verify(JwsAlgorithm.RS384, signingInput, signingInput.length, rfcSignature),
                "an RS256 signature is not an RS384 signature");
        assertTrue(verifier.verify(JwsAlgorithm.RS256, signingInput, signingInput.length, rfcSignature),
                "the verifier still works after refusing signatures");
    }

    @Test
    void a2TokenIsRefusedByTheReaderBecauseItHasNoTyp() throws GeneralSecurityException {
        RSAPrivateCrtKey privateKey = rfcRsaKey();
        RsaVerificationKey verifier = RsaVerificationKey.of(RsaKeyFormats.publicKeyOf(privateKey));
        TokenReader reader = new TokenReader(Tokens.policy(JwsAlgorithm.RS256,
                new KeyRing(Optional.empty(), java.util.List.of(verifier))).issuer("joe").build(),
                Tokens.clockAt(A1_EXP - 1));
        // The A.2 header is just {"alg":"RS256"}; jwtauth requires typ JWT on access tokens.
        assertRefused(TokenFailure.INVALID_TYPE, reader, A2_TOKEN, "RFC 7515 A.2 token (no typ)");
    }

    private static RSAPrivateCrtKey rfcRsaKey() throws GeneralSecurityException {
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                integer(A2_N), integer(A2_E), integer(A2_D), integer(A2_P), integer(A2_Q),
                integer(A2_DP), integer(A2_DQ), integer(A2_QI)));
    }

    private static BigInteger integer(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }
}
