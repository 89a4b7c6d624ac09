package dev.jwtauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The public-key texts MicroProfile JWT allows, read by {@link PublicKeyFormats} and {@link Jwks}: the example keys of
 * RFC 7517 Appendix A and B and of RFC 7520 §3, PEM, and their Base64url-encoded forms; what a set skips and why.
 */
class PublicKeyFormatsTest {

    // ---- RFC 7517 Appendix A.1: example public keys (an EC key for encryption, an RSA key for RS256) ---------

    private static final String RFC7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_B"
            + "JECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaS"
            + "qzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBni"
            + "Iqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    private static final String A1_EC = "{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\",\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\","
            + "\"use\":\"enc\",\"kid\":\"1\"}";
    private static final String A1_RSA = "{\"kty\":\"RSA\",\"n\":\"" + RFC7638_N + "\",\"e\":\"AQAB\",\"alg\":\"RS256\","
            + "\"kid\":\"2011-04-29\"}";
    private static final String A1_SET = "{\"keys\":[" + A1_EC + "," + A1_RSA + "]}";
    /** A.2: the private EC key of A.1; its d must yield A.1's point. */
    private static final String A2_EC_D = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";
    /** A.3: symmetric keys, never public keys. */
    private static final String A3_SET = "{\"keys\":[{\"kty\":\"oct\",\"alg\":\"A128KW\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"},"
            + "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\","
            + "\"kid\":\"HMAC key used in JWS spec Appendix A.1 example\"}]}";

    // ---- RFC 7517 Appendix B: an RSA key with its X.509 chain ---------------------------------------------------

    private static final String B_N = "vrjOfz9Ccdgx5nQudyhdoR17V-IubWMeOZCwX_jj0hgAsz2J_pqYW08PLbK_PdiVGKPrqzmDIsLI7sA25VEnHU1uC"
            + "LNwBuUiCO11_-7dYbsr4iJmG0Qu2j8DsVyT1azpJC_NG84Ty5KKthuCaPod7iI7w0LK9orSMhBEwwZDCxTWq4aYWAchc8t-emd9qOvWtVMDC2BXksR"
            + "ngh6X5bUYLy6AyHKvj-nUy1wgzjYQDwHMTplCoLtU-o-8SNnZ1tmRoGE9uJkBLdh5gFENabWnU5m1ZqZPdwS-qo-meMvVfJb6jJVWRpl2SUtCnYG2C"
            + "32qvbWbjZ_jBPD5eunqsIo1vQ";
    private static final String B_X5C = "MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUAMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPM"
            + "A0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDAeFw0xMzAyMjEyMzI5MTVa"
            + "Fw0xODA4MTQyMjI5MTVaMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IEN"
            + "vcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAL64zn8/QnHYMeZ0LncoXaEde1fiLm1jHj"
            + "mQsF/449IYALM9if6amFtPDy2yvz3YlRij66s5gyLCyO7ANuVRJx1NbgizcAblIgjtdf/u3WG7K+IiZhtELto/A7Fck9Ws6SQvzRvOE8uSirYbgmj6H"
            + "e4iO8NCyvaK0jIQRMMGQwsU1quGmFgHIXPLfnpnfajr1rVTAwtgV5LEZ4Iel+W1GC8ugMhyr4/p1MtcIM42EA8BzE6ZQqC7VPqPvEjZ2dbZkaBhPbiZ"
            + "AS3YeYBRDWm1p1OZtWamT3cEvqqPpnjL1XyW+oyVVkaZdklLQp2Btgt9qr21m42f4wTw+Xrp6rCKNb0CAwEAATANBgkqhkiG9w0BAQUFAAOCAQEAh8z"
            + "GlfSlcI0o3rYDPBB07aXNswb4ECNIKG0CETTUxmXl9KUL+9gGlqCz5iWLOgWsnrcKcY0vXPG9J1r9AqBNTqNgHq2G03X09266X5CpOe1zFo+Owb1zxt"
            + "p3PehFdfQJ610CDLEaS9V9Rqp17hCyybEpOGVwe8fnk+fbEL2Bo3UPGrpsHzUoaGpDftmWssZkhpBJKVMJyf/RuP2SmmaIzmnw9JiSlYhzo4tpzd5rF"
            + "XhjRbg4zW9C+2qok+2+qDM1iJ684gPHMIY8aLWrdgQTxkumGmTqgawR+N5MDtdPTEQ0XfIBc2cJEUyMTY5MPvACWpkA6SdS4xSvdXK3IVfOWA==";
    private static final String B_KEY = "{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"1b94c\",\"n\":\"" + B_N + "\",\"e\":\"AQAB\","
            + "\"x5c\":[\"" + B_X5C + "\"]}";

    // ---- RFC 7520 §3: Bilbo's keys --------------------------------------------------------------------------------

    /** §3.1: a P-521 key, which ES256 cannot use. */
    private static final String RFC7520_EC_P521 = "{\"kty\":\"EC\",\"kid\":\"bilbo.baggins@hobbiton.example\",\"use\":\"sig\","
            + "\"crv\":\"P-521\",\"x\":\"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt\","
            + "\"y\":\"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1\"}";
    /** §3.3: the RSA public key. */
    private static final String RFC7520_RSA = "{\"kty\":\"RSA\",\"kid\":\"bilbo.baggins@hobbiton.example\",\"use\":\"sig\","
            + "\"n\":\"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wq"
            + "VwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3"
            + "uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdr"
            + "NP5zw\",\"e\":\"AQAB\"}";
    /** §3.5: the symmetric key. */
    private static final String RFC7520_OCT = "{\"kty\":\"oct\",\"kid\":\"018c0ae5-4d9b-471b-bfd6-eef314bc7037\",\"use\":\"sig\","
            + "\"alg\":\"HS256\",\"k\":\"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg\"}";

    @Test
    void rfc7517A1SetYieldsItsSignatureKeyAndSkipsTheEncryptionKey() {
        List<VerificationKey> keys = Jwks.read(A1_SET);
        assertEquals(1, keys.size());
        RsaVerificationKey rsa = assertInstanceOf(RsaVerificationKey.class, keys.get(0));
        assertEquals("2011-04-29", rsa.kid());
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", KeyIds.thumbprint(rsa.publicKey()), "RFC 7638 §3.1");
        assertTrue(rsa.verifies(JwsAlgorithm.RS256));

        KeyFormatException onlyEnc = assertThrows(KeyFormatException.class, () -> Jwks.read(A1_EC));
        assertEquals("kid '1': use 'enc' is not sig", onlyEnc.getMessage());
    }

    @Test
    void rfc7517A1EcKeyIsAValidP256KeyWhoseA2ScalarYieldsIt() {
        // Without its "use":"enc" it is a signature key like any other.
        EcVerificationKey ec = assertInstanceOf(EcVerificationKey.class,
                Jwks.read(A1_EC.replace(",\"use\":\"enc\"", "")).get(0));
        assertEquals("1", ec.kid());
        assertEquals(ec.publicKey().getW(), P256.publicPoint(EcKeysTest.unsigned(A2_EC_D)));
    }

    @Test
    void rfc7517A3SymmetricKeysAreNoPublicKeys() {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Jwks.read(A3_SET));
        assertTrue(e.getMessage().startsWith("the JWK Set holds no usable signature key (key 1: kty 'oct' is a secret key"),
                e.getMessage());
        assertTrue(e.getMessage().contains("key 2: kid 'HMAC key used in…': kty 'oct'"), e.getMessage());
    }

    @Test
    void rfc7517BKeyIsReadFromNAndEAndItsCertificateChainIsNotTrusted() throws GeneralSecurityException {
        RsaVerificationKey key = assertInstanceOf(RsaVerificationKey.class, PublicKeyFormats.read(B_KEY).get(0));
        assertEquals("1b94c", key.kid());
        assertEquals(EcKeysTest.unsigned(B_N), key.publicKey().getModulus());
        // The chain's key is the same one; but nothing in a JWK chooses a key by its certificates.
        Certificate certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(B_X5C)));
        assertEquals(key.publicKey(), certificate.getPublicKey());
        String otherChain = B_KEY.replace(B_X5C, Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        assertEquals(key.publicKey(), ((RsaVerificationKey) Jwks.read(otherChain).get(0)).publicKey());
    }

    @Test
    void rfc7520Section3KeysYieldTheRsaKeyOnly() {
        String set = "{\"keys\":[" + RFC7520_EC_P521 + "," + RFC7520_RSA + "," + RFC7520_OCT + "]}";
        List<VerificationKey> keys = Jwks.read(set);
        assertEquals(1, keys.size());
        assertEquals("bilbo.baggins@hobbiton.example", keys.get(0).kid());
        assertEquals(2048, ((RsaVerificationKey) keys.get(0)).publicKey().getModulus().bitLength());

        KeyFormatException p521 = assertThrows(KeyFormatException.class, () -> Jwks.read(RFC7520_EC_P521));
        assertEquals("kid 'bilbo.baggins@ho…': crv 'P-521' is not P-256", p521.getMessage());
        assertThrows(KeyFormatException.class, () -> Jwks.read(RFC7520_OCT));
    }

    @Test
    void base64urlEncodedJwkAndJwksAreRead() {
        for (String json : List.of(RFC7520_RSA, "{\"keys\":[" + RFC7520_RSA + "]}")) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            assertEquals("bilbo.baggins@hobbiton.example", PublicKeyFormats.read(encoded).get(0).kid());
            assertEquals("bilbo.baggins@hobbiton.example", PublicKeyFormats.read(" " + encoded + "\n").get(0).kid());
        }
    }

    @Test
    void pemRsaAndEcAndBareBase64AreRead() {
        String rsaPem = Tokens.resource("rsa2048-spki.pem");
        RsaVerificationKey rsa = assertInstanceOf(RsaVerificationKey.class, PublicKeyFormats.read(rsaPem).get(0));
        assertEquals(KeyIds.thumbprint(rsa.publicKey()), rsa.kid());
        assertEquals(rsa.publicKey(), ((RsaVerificationKey) PublicKeyFormats.read(Tokens.resource("rsa2048-pkcs1-public.pem"))
                .get(0)).publicKey());
        String body = rsaPem.replaceAll("-----[A-Z ]+-----", "").strip();
        assertEquals(rsa.publicKey(), ((RsaVerificationKey) PublicKeyFormats.read(body).get(0)).publicKey(),
                "the PEM's Base64 without its BEGIN and END lines");

        EcVerificationKey ec = assertInstanceOf(EcVerificationKey.class,
                PublicKeyFormats.read(Tokens.resource("ec-p256-spki.pem")).get(0));
        assertEquals(KeyIds.thumbprint(ec.publicKey()), ec.kid());
        assertEquals(EcKeyFormats.publicKeyOf(EcKeyFormats.privateKeyFromPem(Tokens.resource("ec-p256.pem"))).getW(),
                ec.publicKey().getW());
    }

    @Test
    void privateKeysAndOtherTextsAreRefusedNamingWhy() {
        assertThrows(KeyFormatException.class, () -> PublicKeyFormats.read(Tokens.resource("rsa2048-pkcs8.pem")));
        assertThrows(KeyFormatException.class, () -> PublicKeyFormats.read(Tokens.resource("ec-p256.pem")));
        for (String text : List.of("", "  ", "not a key!", "{", "[1,2]", "{\"keys\":{}}", "{\"keys\":[]}", "{\"kty\":1}",
                "aGVsbG8", "{\"n\":\"AQAB\"}")) {
            KeyFormatException e = assertThrows(KeyFormatException.class, () -> PublicKeyFormats.read(text), text);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void aSetSkipsWhatItCannotUseAndSaysWhy() throws GeneralSecurityException {
        ECPublicKey ecKey = (ECPublicKey) EcKeysTest.generated().getPublic();
        Map<String, Object> jwk = Jwks.publicJwk(EcVerificationKey.of(ecKey), JwsAlgorithm.ES256).orElseThrow();
        String good = JsonCodec.write(jwk);
        String rsa384 = A1_RSA.replace("RS256", "RS384");
        List<String> skipped = List.of(
                good.replace("\"alg\":\"ES256\"", "\"alg\":\"RS256\""),          // alg contradicts kty
                good.replace("\"alg\":\"ES256\"", "\"alg\":\"ES384\""),          // not one of ours
                good.replace("\"use\":\"sig\"", "\"use\":\"enc\""),
                good.replace("\"use\":\"sig\"", "\"key_ops\":[\"encrypt\"]"),
                good.replace("\"kty\":\"EC\"", "\"kty\":\"OKP\""),
                good.replace(jwk.get("x").toString(), jwk.get("x").toString().substring(1)),  // not 32 bytes
                good.replace(jwk.get("y").toString(), jwk.get("x").toString()),               // off the curve
                A1_RSA.replace(RFC7638_N, RFC7638_N.substring(0, 170)));                          // < 2048 bits
        for (String member : skipped) {
            assertThrows(KeyFormatException.class, () -> Jwks.read(member), member);
        }
        String set = "{\"keys\":[" + String.join(",", skipped) + "," + good + "," + rsa384 + "]}";
        List<VerificationKey> keys = Jwks.read(set);
        assertEquals(2, keys.size());
        assertEquals(ecKey.getW(), ((EcVerificationKey) keys.get(0)).publicKey().getW());
        assertEquals(jwk.get("kid"), keys.get(0).kid());
        assertEquals("2011-04-29", keys.get(1).kid());

        KeyFormatException none = assertThrows(KeyFormatException.class,
                () -> Jwks.read("{\"keys\":[" + String.join(",", skipped) + "]}"));
        for (String reason : List.of("alg 'RS256' is not a signature algorithm of kty EC", "alg 'ES384'", "use 'enc'",
                "key_ops do not include verify", "kty 'OKP' is not RSA or EC", "x is not 32 bytes", "not on the curve",
                "at least 2048 bits")) {
            assertTrue(none.getMessage().contains(reason), reason + " in " + none.getMessage());
        }
    }

    @Test
    void publishedJwksReadBackAsTheSameKeys() {
        RsaVerificationKey rsa = Tokens.rsaVerificationKey(0);
        EcVerificationKey ec = EcVerificationKey.of(EcKeysTest.a3PublicKey());
        Map<String, Object> rsaJwk = Jwks.publicJwk(rsa, JwsAlgorithm.RS512).orElseThrow();
        Map<String, Object> ecJwk = Jwks.publicJwk(ec, JwsAlgorithm.RS256).orElseThrow();
        assertEquals(List.of("kty", "kid", "use", "alg", "n", "e"), List.copyOf(rsaJwk.keySet()));
        assertEquals("RS512", rsaJwk.get("alg"));
        assertEquals(Map.of("kty", "EC", "kid", ec.kid(), "use", "sig", "alg", "ES256", "crv", "P-256",
                "x", EcKeysTest.A3_X, "y", EcKeysTest.A3_Y), ecJwk);
        assertTrue(Jwks.publicJwk(Tokens.hmacKey(32, 1), JwsAlgorithm.HS256).isEmpty(), "a secret is never published");

        List<VerificationKey> read = Jwks.read(JsonCodec.write(Map.of("keys", List.of(rsaJwk, ecJwk))));
        assertEquals(rsa.publicKey(), ((RsaVerificationKey) read.get(0)).publicKey());
        assertEquals(ec.kid(), read.get(1).kid());
    }
}
