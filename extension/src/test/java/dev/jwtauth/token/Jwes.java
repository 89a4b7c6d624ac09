package dev.jwtauth.token;

import static dev.jwtauth.token.Tokens.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-side JWE builders written from the specifications with nothing but the JCA — independently of the code
 * under test and of jose4j — so that a test can make exactly one property of an otherwise genuine token wrong
 * (header, algorithm names, content, any segment) and so that our decryption is checked against a second
 * implementation of RFC 7516, not only against itself.
 */
final class Jwes {
    static final String STANDARD_HEADER = "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 7518 §4.3: RSA-OAEP is SHA-1 with MGF1-SHA-1 and an empty label. */
    private static final OAEPParameterSpec OAEP_SHA1 = new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
            PSource.PSpecified.DEFAULT);

    private Jwes() {
    }

    /** Our standard header with the given key's thumbprint as kid, as JweEncrypter writes it. */
    static String standardHeader(RSAPublicKey recipient) {
        return "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\",\"kid\":\"" + KeyIds.thumbprint(recipient)
                + "\"}";
    }

    /** A signed JWT that TokenReader accepts with Tokens.rsaRing(0): RS256, typ JWT, subject alice. */
    static String signedJwt() {
        return Tokens.rs256(Tokens.rsaSigningKey(0), Tokens.validPayload());
    }

    // ---- RFC 7516 §5.1, RSA-OAEP + A128CBC-HS256 -------------------------------------------------------------

    /** A compact JWE built by the RFC 7516 §5.1 steps with a random CEK and IV. */
    static String standard(String headerJson, String plaintext, RSAPublicKey recipient) {
        return standard(headerJson, plaintext.getBytes(StandardCharsets.UTF_8), recipient, randomBytes(32), randomBytes(16));
    }

    /**
     * RFC 7516 §5.1 with RFC 7518 §4.3 (RSA-OAEP) and §5.2.2.1 (A128CBC-HS256): MAC_KEY = CEK[0..16),
     * ENC_KEY = CEK[16..32), E = AES-128-CBC-PKCS7(ENC_KEY, IV, P), AAD = ASCII(BASE64URL(header)),
     * AL = AAD bit length as 64-bit big-endian, T = HMAC-SHA-256(MAC_KEY, AAD || IV || E || AL)[0..16).
     */
    static String standard(String headerJson, byte[] plaintext, RSAPublicKey recipient, byte[] cek, byte[] iv) {
        return standard(headerJson, plaintext, recipient, cek, iv, RANDOM);
    }

    /** As above, with the randomness of the RSA-OAEP padding from {@code oaep}: a seeded one gives the same token. */
    static String standard(String headerJson, byte[] plaintext, RSAPublicKey recipient, byte[] cek, byte[] iv,
                           SecureRandom oaep) {
        String header = b64(headerJson);
        byte[] aad = header.getBytes(StandardCharsets.US_ASCII);
        byte[] ciphertext = aesCbc(Cipher.ENCRYPT_MODE, Arrays.copyOfRange(cek, 16, 32), iv, plaintext);
        byte[] al = ByteBuffer.allocate(8).putLong(aad.length * 8L).array();
        byte[] tag = Arrays.copyOf(hmacSha256(Arrays.copyOf(cek, 16), aad, iv, ciphertext, al), 16);
        return header + "." + b64(rsaOaep(recipient, cek, oaep)) + "." + b64(iv) + "." + b64(ciphertext) + "." + b64(tag);
    }

    // ---- RFC 7516 §5.1, RSA-OAEP-256 + A256GCM ------------------------------------------------------------------

    /**
     * RFC 7516 §5.1 with RFC 7518 §4.3 (RSA-OAEP-256: OAEP with SHA-256 and MGF1-SHA-256) and §5.3 (A256GCM):
     * E || T = AES-256-GCM(CEK, IV (12 bytes), P, AAD = ASCII(BASE64URL(header))), T the last 16 bytes; the JCA
     * directly, independently of jose4j and of the code under test.
     */
    static String oaep256Gcm(String headerJson, byte[] plaintext, RSAPublicKey recipient, byte[] cek, byte[] iv,
                             SecureRandom oaep) {
        String header = b64(headerJson);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
            gcm.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = gcm.doFinal(plaintext);
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, recipient, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    PSource.PSpecified.DEFAULT), oaep);
            return header + "." + b64(rsa.doFinal(cek)) + "." + b64(iv) + "."
                    + b64(Arrays.copyOf(sealed, sealed.length - 16)) + "." + b64(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- ServiceStack's encrypted-token layout -----------------------------------------------------------------

    /** The header ServiceStack writes: its three members, kid = first 3 chars of standard Base64 of the modulus. */
    static String serviceStackHeader(RSAPublicKey key) {
        String modulus = Base64.getEncoder().encodeToString(RsaKeyFormats.unsignedBytes(key.getModulus()));
        return "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"kid\":\"" + modulus.substring(0, 3) + "\"}";
    }

    /**
     * ServiceStack's {@code JwtAuthProvider.CreateEncryptedJweToken}, step by step:
     * CEK = 32 random bytes, authKey = CEK[0..16), cryptKey = CEK[16..32); encKey = RSA-OAEP-SHA1(CEK); IV = 16
     * random bytes; ciphertext = AES-128-CBC-PKCS7(cryptKey, IV, UTF-8(payload JSON)); AAD = UTF-8(b64url(header)
     * + "." + b64url(encKey)); tag = HMAC-SHA256(authKey, AAD || IV || ciphertext), all 32 bytes; token = the five
     * Base64url segments joined by dots.
     */
    static String serviceStack(String headerJson, String payloadJson, RSAPublicKey key) {
        return serviceStack(headerJson.getBytes(StandardCharsets.UTF_8), payloadJson.getBytes(StandardCharsets.UTF_8),
                key, randomBytes(32), randomBytes(16), RANDOM);
    }

    /** As above, with exactly these header and payload bytes, CEK, IV and source of RSA-OAEP padding. */
    static String serviceStack(byte[] headerJson, byte[] payloadJson, RSAPublicKey key, byte[] cek, byte[] iv,
                               SecureRandom oaep) {
        String header = b64(headerJson);
        String encryptedKey = b64(rsaOaep(key, cek, oaep));
        byte[] aad = (header + "." + encryptedKey).getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = aesCbc(Cipher.ENCRYPT_MODE, Arrays.copyOfRange(cek, 16, 32), iv, payloadJson);
        byte[] tag = hmacSha256(Arrays.copyOf(cek, 16), aad, iv, ciphertext);
        return header + "." + encryptedKey + "." + b64(iv) + "." + b64(ciphertext) + "." + b64(tag);
    }

    /**
     * The claims of a ServiceStack JWE, opened by the steps above in reverse with the first of {@code keys} whose
     * CEK passes the tag check; empty if none does. A second implementation of LegacyJweReader, for the fuzz test's
     * differential check (no standard library reads this layout).
     */
    static Optional<byte[]> openServiceStack(String token, List<RSAPrivateCrtKey> keys) {
        String[] parts = token.split("\\.", -1);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        byte[] aad = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8);
        byte[] iv = decoder.decode(parts[2]);
        byte[] ciphertext = decoder.decode(parts[3]);
        for (RSAPrivateCrtKey key : keys) {
            byte[] cek;
            try {
                Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
                rsa.init(Cipher.DECRYPT_MODE, key, OAEP_SHA1);
                cek = rsa.doFinal(decoder.decode(parts[1]));
            } catch (GeneralSecurityException e) {
                continue;
            }
            if (cek.length == 32 && MessageDigest.isEqual(decoder.decode(parts[4]),
                    hmacSha256(Arrays.copyOf(cek, 16), aad, iv, ciphertext))) {
                return Optional.of(aesCbc(Cipher.DECRYPT_MODE, Arrays.copyOfRange(cek, 16, 32), iv, ciphertext));
            }
        }
        return Optional.empty();
    }

    static String serviceStack(String payloadJson, RSAPublicKey key) {
        return serviceStack(serviceStackHeader(key), payloadJson, key);
    }

    // ---- tampering --------------------------------------------------------------------------------------------

    /** The token with one bit of one decoded segment flipped and the segment re-encoded canonically. */
    static String flipBit(String token, int segment, int byteIndex) {
        String[] parts = token.split("\\.", -1);
        byte[] bytes = Base64.getUrlDecoder().decode(parts[segment]);
        bytes[Math.floorMod(byteIndex, bytes.length)] ^= 0x01;
        parts[segment] = b64(bytes);
        return String.join(".", parts);
    }

    static String withSegment(String token, int segment, String value) {
        String[] parts = token.split("\\.", -1);
        parts[segment] = value;
        return String.join(".", parts);
    }

    static String segment(String token, int segment) {
        return token.split("\\.", -1)[segment];
    }

    static String headerJson(String token) {
        return Tokens.decodeToText(segment(token, 0));
    }

    // ---- outcomes ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Opener {
        Object open(String token) throws TokenException;
    }

    /** Asserts the token is refused for exactly {@code expected}; anything else, including a RuntimeException, fails. */
    static TokenException assertRefused(TokenFailure expected, Opener opener, String token, String why) {
        Object opened;
        try {
            opened = opener.open(token);
        } catch (TokenException e) {
            assertEquals(expected, e.failure(), why + ": refused for the wrong reason (" + e.getMessage() + ") — token "
                    + Tokens.abbreviate(token));
            return e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(why + ": a hostile token must yield a TokenException, but " + e + " escaped — token "
                    + Tokens.abbreviate(token), e);
        }
        return fail(why + ": the token was opened (" + Tokens.abbreviate(String.valueOf(opened))
                + ") but must be refused — token " + Tokens.abbreviate(token));
    }

    static <T> T assertOpens(Opener opener, String token, String why) {
        try {
            @SuppressWarnings("unchecked")
            T opened = (T) opener.open(token);
            return opened;
        } catch (TokenException e) {
            throw new AssertionError(why + ": the token must be opened but was refused with " + e.failure() + " ("
                    + e.getMessage() + ") — token " + Tokens.abbreviate(token), e);
        }
    }

    // ---- primitives -------------------------------------------------------------------------------------------

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] rsaOaep(RSAPublicKey key, byte[] data) {
        return rsaOaep(key, data, RANDOM);
    }

    static byte[] rsaOaep(RSAPublicKey key, byte[] data, SecureRandom random) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA1, random);
            return rsa.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] aesCbc(int mode, byte[] key, byte[] iv, byte[] input) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmacSha256(byte[] key, byte[]... inputs) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] input : inputs) {
                mac.update(input);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA private key from the Base64url JWK members (RFC 7518 §6.3). */
    static RSAPrivateCrtKey rsaKey(String n, String e, String d, String p, String q, String dp, String dq, String qi) {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                    integer(n), integer(e), integer(d), integer(p), integer(q), integer(dp), integer(dq), integer(qi)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static BigInteger integer(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    static byte[] octets(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] hex(String spaced) {
        String digits = spaced.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
