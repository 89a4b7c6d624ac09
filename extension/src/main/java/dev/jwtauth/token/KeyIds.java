package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Default key ids: RFC 7638 JWK thumbprints (SHA-256, Base64url without padding). A thumbprint identifies a key
 * stably across formats and rotations while revealing nothing about it, unlike a kid derived from the key's bytes.
 */
public final class KeyIds {

    private KeyIds() {
    }

    /** SHA-256 over {@code {"e":...,"kty":"RSA","n":...}}, the RSA members in RFC 7638 §3.2 lexicographic order. */
    public static String thumbprint(RSAPublicKey key) {
        MessageDigest sha256 = sha256();
        update(sha256, "{\"e\":\"");
        update(sha256, RsaKeyFormats.unsignedBytes(key.getPublicExponent()));
        update(sha256, "\",\"kty\":\"RSA\",\"n\":\"");
        update(sha256, RsaKeyFormats.unsignedBytes(key.getModulus()));
        update(sha256, "\"}");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /**
     * SHA-256 over {@code {"crv":"P-256","kty":"EC","x":...,"y":...}} (RFC 7638 §3.2), the coordinates in their
     * full 32 bytes (RFC 7518 §6.2.1.2).
     */
    public static String thumbprint(ECPublicKey key) {
        P256.checkCurve(key.getParams());
        MessageDigest sha256 = sha256();
        update(sha256, "{\"crv\":\"" + P256.CRV + "\",\"kty\":\"EC\",\"x\":\"");
        update(sha256, P256.coordinate(key.getW().getAffineX()));
        update(sha256, "\",\"y\":\"");
        update(sha256, P256.coordinate(key.getW().getAffineY()));
        update(sha256, "\"}");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /**
     * SHA-256 over {@code {"k":...,"kty":"oct"}} (RFC 7638 §3.2). The key bytes are used as they are: unlike RSA
     * integers, leading zero bytes of a symmetric key are part of the key.
     */
    public static String thumbprint(byte[] hmacKey) {
        MessageDigest sha256 = sha256();
        update(sha256, "{\"k\":\"");
        update(sha256, hmacKey);
        update(sha256, "\",\"kty\":\"oct\"}");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    private static void update(MessageDigest digest, String json) {
        digest.update(json.getBytes(StandardCharsets.US_ASCII));
    }

    /** Hashes the Base64url of {@code value} from a wiped byte array so an HMAC secret never lingers in an immutable String. */
    private static void update(MessageDigest digest, byte[] value) {
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(value);
        digest.update(encoded);
        Arrays.fill(encoded, (byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256, so this is a broken runtime.
            throw new IllegalStateException("the Java runtime provides no SHA-256", e);
        }
    }
}
