package dev.jwtauth.token;

import static dev.jwtauth.token.Tokens.ascii;
import static dev.jwtauth.token.Tokens.assertRefused;
import static dev.jwtauth.token.Tokens.b64;
import static dev.jwtauth.token.Tokens.validPayload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * ES256: the RFC 7515 Appendix A.3 example, the R || S encoding, the P-256 checks made when a key is loaded, the
 * RFC 7638 thumbprint, the PEM forms, and that an ES256 token and an RSA or HMAC key never meet.
 */
class EcKeysTest {

    // ---- RFC 7515 Appendix A.3: ECDSA P-256 SHA-256 -----------------------------------------------------------

    /** A.3.1: the key as a JWK. */
    static final String A3_X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    static final String A3_Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    static final String A3_D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
    /** A.3.1: the complete JWS; header {"alg":"ES256"}, the claims of A.1. */
    static final String A3_TOKEN = "eyJhbGciOiJFUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    static ECPublicKey a3PublicKey() {
        return EcKeyFormats.publicKey(unsigned(A3_X), unsigned(A3_Y));
    }

    @Test
    void rfc7515A3TokenVerifies() {
        EcVerificationKey key = EcVerificationKey.of(a3PublicKey());
        int dot = A3_TOKEN.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(A3_TOKEN.substring(dot + 1));
        assertEquals(64, signature.length);
        assertTrue(key.verify(JwsAlgorithm.ES256, ascii(A3_TOKEN), dot, signature));

        for (int i = 0; i < signature.length; i++) {
            byte[] changed = signature.clone();
            changed[i] ^= 1;
            assertFalse(key.verify(JwsAlgorithm.ES256, ascii(A3_TOKEN), dot, changed), "signature byte " + i + " changed");
        }
        byte[] input = ascii(A3_TOKEN);
        input[dot - 3] ^= 1;
        assertFalse(key.verify(JwsAlgorithm.ES256, input, dot, signature), "a payload byte changed");
    }

    @Test
    void rfc7515A3PrivateKeyYieldsItsPublicKeyAndSignsWhatVerifies() throws GeneralSecurityException {
        ECPrivateKey d = privateKey(unsigned(A3_D));
        assertEquals(a3PublicKey().getW(), EcKeyFormats.publicKeyOf(d).getW(), "d·G is the published point");

        EcSigningKey signer = new EcSigningKey(d, "a3");
        String input = A3_TOKEN.substring(0, A3_TOKEN.lastIndexOf('.'));
        byte[] signature = signer.sign(JwsAlgorithm.ES256, ascii(input));
        assertEquals(64, signature.length);
        // ECDSA is randomised: not the RFC's bytes, but a signature the RFC's public key accepts.
        assertTrue(EcVerificationKey.of(a3PublicKey()).verify(JwsAlgorithm.ES256, ascii(input), input.length(), signature));
    }

    // ---- the signature encoding ------------------------------------------------------------------------------

    @Test
    void signaturesOfAnyOtherLengthAreRefused() {
        EcVerificationKey key = EcVerificationKey.of(a3PublicKey());
        int dot = A3_TOKEN.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(A3_TOKEN.substring(dot + 1));
        byte[] der = P256.joseToDer(signature);
        // The DER form the JCA uses is not a JOSE signature, nor is R || S with a byte added or removed.
        for (byte[] wrong : List.of(der, new byte[0], Arrays.copyOf(signature, 63),
                Arrays.copyOf(signature, 65), Arrays.copyOf(signature, 32))) {
            assertFalse(key.verify(JwsAlgorithm.ES256, ascii(A3_TOKEN), dot, wrong), wrong.length + " bytes");
        }
    }

    /** CVE-2022-21449: Java 15 to 18 accepted R = S = 0 for every message; we refuse R or S outside [1, n-1] ourselves. */
    @Test
    void outOfRangeSignatureValuesAreRefusedBeforeTheProvider() {
        EcVerificationKey key = EcVerificationKey.of(a3PublicKey());
        int dot = A3_TOKEN.lastIndexOf('.');
        byte[] good = Base64.getUrlDecoder().decode(A3_TOKEN.substring(dot + 1));
        byte[] n = P256.coordinate(P256.SPEC.getOrder());
        byte[] zeros = new byte[64];
        byte[] rIsN = good.clone();
        System.arraycopy(n, 0, rIsN, 0, 32);
        byte[] sIsN = good.clone();
        System.arraycopy(n, 0, sIsN, 32, 32);
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xFF);
        for (byte[] wrong : List.of(zeros, rIsN, sIsN, ones)) {
            assertNull(P256.joseToDer(wrong));
            assertFalse(key.verify(JwsAlgorithm.ES256, ascii(A3_TOKEN), dot, wrong));
        }
    }

    @Test
    void joseAndDerFormsConvertBothWays() throws GeneralSecurityException {
        EcSigningKey signer = new EcSigningKey((ECPrivateKey) generated().getPrivate(), "k");
        for (int i = 0; i < 200; i++) {
            byte[] jose = signer.sign(JwsAlgorithm.ES256, ascii("input " + i));
            assertArrayEquals(jose, P256.derToJose(P256.joseToDer(jose)), "round " + i);
        }
        // Leading zeros and high bits: R = 1 (one content byte), S = n - 1 (a sign byte needed).
        byte[] jose = new byte[64];
        jose[31] = 1;
        System.arraycopy(P256.coordinate(P256.SPEC.getOrder().subtract(BigInteger.ONE)), 0, jose, 32, 32);
        byte[] der = P256.joseToDer(jose);
        assertEquals(2 + 3 + 35, der.length);
        assertArrayEquals(jose, P256.derToJose(der));
    }

    // ---- keys are checked when they are loaded ---------------------------------------------------------------

    @Test
    void keysOnOtherCurvesAreRefused() throws GeneralSecurityException {
        for (String curve : List.of("secp384r1", "secp521r1", "secp256k1")) {
            KeyPair pair;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(curve));
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                continue; // secp256k1 is gone from recent JDKs
            }
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            assertThrows(KeyFormatException.class, () -> EcVerificationKey.of(publicKey), curve);
            assertThrows(KeyFormatException.class, () -> new EcSigningKey((ECPrivateKey) pair.getPrivate(), "k"), curve);
            assertThrows(KeyFormatException.class, () -> EcKeyFormats.publicKeyFromPem(EcKeyFormats.toPem(publicKey)), curve);
            assertThrows(KeyFormatException.class, () -> PublicKeyFormats.read(pem("PUBLIC KEY", publicKey.getEncoded())), curve);
        }
    }

    /** The invalid-curve attack: a point not on P-256 (here: on another curve with the same a) is never used. */
    @Test
    void pointsOffTheCurveAreRefused() {
        ECPoint good = a3PublicKey().getW();
        ECPoint off = new ECPoint(good.getAffineX(), good.getAffineY().add(BigInteger.ONE));
        assertThrows(KeyFormatException.class, () -> EcKeyFormats.publicKey(off.getAffineX(), off.getAffineY()));
        // A key object that claims P-256 but carries a point off the curve, e.g. from another provider.
        ECPublicKey forged = new ECPublicKey() {
            @Override
            public ECPoint getW() {
                return off;
            }

            @Override
            public ECParameterSpec getParams() {
                return P256.SPEC;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                return new byte[0];
            }
        };
        assertThrows(KeyFormatException.class, () -> new EcVerificationKey(forged, "k"));
        BigInteger p = ((ECFieldFp) P256.SPEC.getCurve().getField()).getP();
        assertThrows(KeyFormatException.class, () -> EcKeyFormats.publicKey(p, good.getAffineY()), "x = p");
    }

    // ---- thumbprint -------------------------------------------------------------------------------------------

    @Test
    void thumbprintAgreesWithJose4j() throws Exception {
        for (int i = 0; i < 5; i++) {
            ECPublicKey key = (ECPublicKey) generated().getPublic();
            assertEquals(new EllipticCurveJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256"), KeyIds.thumbprint(key));
        }
        assertEquals(new EllipticCurveJsonWebKey(a3PublicKey()).calculateBase64urlEncodedThumbprint("SHA-256"),
                EcVerificationKey.of(a3PublicKey()).kid());
    }

    // ---- PEM ----------------------------------------------------------------------------------------------------

    /** {@code openssl ecparam -name prime256v1 -genkey}: the EC PARAMETERS block, then SEC1 with the public point. */
    @Test
    void opensslPemsAreRead() {
        String withParameters = Tokens.resource("ec-p256-with-parameters.pem");
        assertEquals(EcKeyFormats.publicKeyFromPem(Tokens.resource("ec-p256-with-parameters-spki.pem")).getW(),
                EcKeyFormats.publicKeyOf(EcKeyFormats.privateKeyFromPem(withParameters)).getW());

        ECPrivateKey sec1 = EcKeyFormats.privateKeyFromPem(Tokens.resource("ec-p256.pem"));
        ECPublicKey spki = EcKeyFormats.publicKeyFromPem(Tokens.resource("ec-p256-spki.pem"));
        assertEquals(spki.getW(), EcKeyFormats.publicKeyOf(sec1).getW());
        assertEquals(spki.getW(), EcKeyFormats.publicKeyFromPem(Tokens.resource("ec-p256.pem")).getW(),
                "a private PEM yields its public half");
        assertEquals(sec1.getS(), EcKeyFormats.privateKeyFromPem(Tokens.resource("ec-p256-pkcs8.pem")).getS(),
                "the same key as PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
    }

    @Test
    void generatedKeysRoundTripThroughPem() throws GeneralSecurityException {
        KeyPair pair = generated();
        ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
        assertEquals(key.getS(), EcKeyFormats.privateKeyFromPem(EcKeyFormats.toPem(key)).getS());
        assertEquals(((ECPublicKey) pair.getPublic()).getW(), EcKeyFormats.publicKeyFromPem(EcKeyFormats.toPem(key)).getW());
        assertEquals(((ECPublicKey) pair.getPublic()).getW(),
                EcKeyFormats.publicKeyFromPem(EcKeyFormats.toPem((ECPublicKey) pair.getPublic())).getW());
    }

    @Test
    void aSec1KeyWhosePublicPointIsAnotherKeysIsRefused() throws GeneralSecurityException {
        ECPrivateKey key = (ECPrivateKey) generated().getPrivate();
        ECPoint other = ((ECPublicKey) generated().getPublic()).getW();
        byte[] point = new byte[66];
        point[1] = 4;
        System.arraycopy(P256.coordinate(other.getAffineX()), 0, point, 2, 32);
        System.arraycopy(P256.coordinate(other.getAffineY()), 0, point, 34, 32);
        byte[] sec1 = Der.encode(Der.SEQUENCE, new byte[] {2, 1, 1}, Der.encode(Der.OCTET_STRING, P256.coordinate(key.getS())),
                Der.encode(0xA0, P256.CURVE_OID), Der.encode(0xA1, Der.encode(Der.BIT_STRING, point)));
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> EcKeyFormats.privateKeyFromPem(pem("EC PRIVATE KEY", sec1)));
        assertTrue(e.getMessage().contains("public point does not belong"), e.getMessage());
    }

    @Test
    void rsaPemIsNotAnEcKey() {
        assertThrows(KeyFormatException.class, () -> EcKeyFormats.publicKeyFromPem(Tokens.resource("rsa2048-spki.pem")));
        assertThrows(KeyFormatException.class, () -> EcKeyFormats.privateKeyFromPem(RsaKeyFormats.toPem(Tokens.rsaKey(0))));
    }

    // ---- tokens: ES256 through the reader, and no algorithm confusion ------------------------------------------

    @Test
    void es256TokensOfOurWriterAreReadAndAChangedByteIsRefused() throws GeneralSecurityException {
        KeyPair pair = generated();
        EcVerificationKey verifier = EcVerificationKey.of((ECPublicKey) pair.getPublic());
        KeyRing ring = new KeyRing(Optional.of(new EcSigningKey((ECPrivateKey) pair.getPrivate(), verifier.kid())), List.of(verifier));
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.ES256, ring).build();
        TokenWriter writer = new TokenWriter(policy, Tokens.CLOCK, new SecureRandom());
        TokenReader reader = new TokenReader(policy, Tokens.CLOCK);
        String token = writer.create(TokenUser.of("42", List.of("admin"), List.of()));
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + verifier.kid() + "\"}",
                Tokens.decodeToText(token.substring(0, token.indexOf('.'))));
        assertEquals(86, Tokens.signatureOf(token).length(), "64 bytes of R || S");
        assertEquals("42", assertDoesNotThrow(reader, token).subject());

        byte[] signature = Base64.getUrlDecoder().decode(Tokens.signatureOf(token));
        signature[10] ^= 0x40;
        assertRefused(TokenFailure.BAD_SIGNATURE, reader, Tokens.withSignature(token, b64(signature)), "a changed signature byte");

        // jose4j, an independent implementation, verifies it too.
        assertTrue(jose4jVerifies(token, pair.getPublic()));
    }

    @Test
    void es256TokensOfJose4jAreRead() throws Exception {
        KeyPair pair = generated();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setPayload(validPayload());
        jws.setKey(pair.getPrivate());
        TokenReader reader = Tokens.policy(JwsAlgorithm.ES256, Tokens.verifyOnly(EcVerificationKey.of((ECPublicKey) pair.getPublic())))
                .reader();
        assertEquals("alice", reader.read(jws.getCompactSerialization()).subject());
    }

    /**
     * An ES256 token is never checked with an RSA or HMAC key, nor an RS256 or HS256 token with an EC key, whatever
     * requireHashAlgorithm says: each key verifies only its own type's algorithms.
     */
    @Test
    void noAlgorithmConfusionBetweenEcRsaAndHmac() throws GeneralSecurityException {
        KeyPair pair = generated();
        ECPublicKey ecPublic = (ECPublicKey) pair.getPublic();
        EcVerificationKey ec = EcVerificationKey.of(ecPublic);
        EcSigningKey ecSigner = new EcSigningKey((ECPrivateKey) pair.getPrivate(), ec.kid());
        RsaVerificationKey rsa = Tokens.rsaVerificationKey(0);
        HmacKey hmac = Tokens.hmacKey(32, 7);

        assertFalse(rsa.verifies(JwsAlgorithm.ES256));
        assertFalse(hmac.verifies(JwsAlgorithm.ES256));
        for (JwsAlgorithm other : List.of(JwsAlgorithm.HS256, JwsAlgorithm.RS256, JwsAlgorithm.RS512)) {
            assertFalse(ec.verifies(other), other.name());
        }

        // HS256 signed with the EC public key's encodings as the secret: an EC-only reader has no HMAC key.
        TokenReader ecOnly = Tokens.policy(JwsAlgorithm.ES256, Tokens.verifyOnly(ec)).requireHashAlgorithm(false).reader();
        for (byte[] secret : List.of(ecPublic.getEncoded(), EcKeyFormats.toPem(ecPublic).getBytes(StandardCharsets.US_ASCII))) {
            assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, ecOnly,
                    Tokens.hs256(new HmacKey(secret, ec.kid()), validPayload()), "HS256 with the EC public key as secret");
        }
        // An RS256 token to a reader holding EC and HMAC keys only; an ES256 token to an RSA + HMAC reader.
        TokenReader ecAndHmac = Tokens.policy(JwsAlgorithm.ES256, Tokens.verifyOnly(ec, hmac)).requireHashAlgorithm(false).reader();
        assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, ecAndHmac, Tokens.rs256(Tokens.rsaSigningKey(0), validPayload()), "RS256");
        String es256 = Tokens.sign(ecSigner, JwsAlgorithm.ES256, "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + rsa.kid() + "\"}",
                validPayload());
        TokenReader rsaAndHmac = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(rsa, hmac)).requireHashAlgorithm(false).reader();
        assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, rsaAndHmac, es256, "ES256 naming the RSA key's kid");
        // Mixed on purpose (requireHashAlgorithm=false): each token is checked with the key of its own type only.
        TokenReader mixed = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(rsa, ec, hmac)).requireHashAlgorithm(false).reader();
        assertEquals("alice", assertDoesNotThrow(mixed, es256).subject());
        assertEquals("alice", assertDoesNotThrow(mixed, Tokens.rs256(Tokens.rsaSigningKey(0), validPayload())).subject());
        TokenReader strictRsa = Tokens.policy(JwsAlgorithm.RS256, Tokens.verifyOnly(rsa, ec)).reader();
        assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, strictRsa, es256, "ES256 to an RS256-only policy");
    }

    @Test
    void aPolicyNeedsAKeyOfItsAlgorithmsType() throws GeneralSecurityException {
        KeyPair pair = generated();
        EcVerificationKey ec = EcVerificationKey.of((ECPublicKey) pair.getPublic());
        PolicyException noEcKey = assertThrows(PolicyException.class,
                () -> Tokens.policy(JwsAlgorithm.ES256, Tokens.rsaRing(0)).build());
        assertEquals(TokenPolicy.Rule.KEY_FOR_ALGORITHM, noEcKey.rule());
        PolicyException wrongSigner = assertThrows(PolicyException.class, () -> Tokens.policy(JwsAlgorithm.ES256,
                new KeyRing(Optional.of(Tokens.rsaSigningKey(0)), List.of(ec))).build());
        assertEquals(TokenPolicy.Rule.SIGNING_KEY_FOR_ALGORITHM, wrongSigner.rule());
        assertThrows(IllegalArgumentException.class,
                () -> new EcSigningKey((ECPrivateKey) pair.getPrivate(), "k").sign(JwsAlgorithm.RS256, new byte[1]));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static VerifiedToken assertDoesNotThrow(TokenReader reader, String token) {
        try {
            return reader.read(token);
        } catch (TokenException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }

    private static boolean jose4jVerifies(String token, PublicKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            jws.setKey(key);
            return jws.verifySignature();
        } catch (JoseException e) {
            return false;
        }
    }

    static KeyPair generated() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    private static ECPrivateKey privateKey(BigInteger d) throws GeneralSecurityException {
        return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256.SPEC));
    }

    static String pem(String label, byte[] der) {
        return Pem.write(label, der);
    }
}
