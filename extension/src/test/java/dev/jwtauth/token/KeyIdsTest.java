package dev.jwtauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

class KeyIdsTest {

    /** RFC 7638 §3.1: the example RSA key (2048 bits) and its SHA-256 thumbprint. */
    private static final String RFC7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_B"
            + "JECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaS"
            + "qzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBni"
            + "Iqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    private static final String RFC7638_E = "AQAB";
    private static final String RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @Test
    void rsaThumbprintMatchesRfc7638Example() throws GeneralSecurityException {
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(RFC7638_N));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(RFC7638_E));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));

        assertEquals(2048, key.getModulus().bitLength());
        // the modulus' top bit is set, so BigInteger carries a sign byte that must not reach the JSON
        assertEquals(257, key.getModulus().toByteArray().length);
        assertEquals(RFC7638_THUMBPRINT, KeyIds.thumbprint(key));
    }

    @Test
    void rsaThumbprintAgreesWithJose4j() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        for (int i = 0; i < 3; i++) {
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            assertEquals(new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256"), KeyIds.thumbprint(key));
        }
    }

    @Test
    void hmacThumbprintKeepsLeadingZeroBytes() throws Exception {
        byte[] key = new byte[32];
        for (int i = 2; i < key.length; i++) {
            key[i] = (byte) (i - 1);
        }
        // computed independently: SHA-256 of {"k":"AAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4","kty":"oct"}
        assertEquals("Jb-C4jk49CCRTnjjaJZmm_3RLgf-W8B9EfsX8i9zMSQ", KeyIds.thumbprint(key));
        assertEquals(new OctetSequenceJsonWebKey(new HmacKey(key)).calculateBase64urlEncodedThumbprint("SHA-256"),
                KeyIds.thumbprint(key));
    }

    @Test
    void hmacThumbprintAgreesWithJose4j() throws Exception {
        byte[] key = "a shared secret of at least 256 bits, for HS256".getBytes(StandardCharsets.UTF_8);
        assertEquals(new OctetSequenceJsonWebKey(new HmacKey(key)).calculateBase64urlEncodedThumbprint("SHA-256"),
                KeyIds.thumbprint(key));
    }

    @Test
    void thumbprintIsTheSameWhicheverFormatTheKeyCameFrom() throws IOException {
        String fromSpki = KeyIds.thumbprint(RsaKeyFormats.publicKeyFromPem(resource("rsa2048-spki.pem")));
        assertEquals(fromSpki, KeyIds.thumbprint(RsaKeyFormats.publicKeyFromPem(resource("rsa2048-pkcs1.pem"))));
        assertEquals(fromSpki, KeyIds.thumbprint(RsaKeyFormats.publicKeyFromPem(resource("rsa2048-pkcs1-public.pem"))));
        assertEquals(fromSpki, KeyIds.thumbprint(RsaKeyFormats.publicKeyFromXml(resource("rsa2048-dotnet.xml"))));
    }

    @Test
    void thumbprintIsAnUnpaddedBase64urlSha256() {
        String kid = KeyIds.thumbprint("another shared secret of at least 256 bits".getBytes(StandardCharsets.UTF_8));
        assertTrue(kid.matches("[A-Za-z0-9_-]{43}"), kid);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KeyIdsTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
