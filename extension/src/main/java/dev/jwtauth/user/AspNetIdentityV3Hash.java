package dev.jwtauth.user;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash in ASP.NET Core Identity's version 3 format, Base64 of
 * {@code 0x01, prf, iterations, salt length (each a big-endian 32-bit integer), salt, subkey}; the PRF is HMAC-SHA1
 * (0), -SHA256 (1) or -SHA512 (2), and the subkey is PBKDF2 of the password's UTF-8 bytes.
 */
record AspNetIdentityV3Hash(String algorithm, int iterations, byte[] salt, byte[] subkey) {
    private static final String[] ALGORITHMS = {"PBKDF2WithHmacSHA1", "PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA512"};
    // The bounds ASP.NET Core Identity itself checks (salt and subkey of at least 128 bits); the iterations are
    // bounded so that one sign-in cannot cost minutes.
    private static final int MIN_BYTES = 16;
    private static final int MAX_ITERATIONS = 10_000_000;

    /** The hash, or {@link IllegalArgumentException} saying what is wrong with it (never the hash itself). */
    static AspNetIdentityV3Hash parse(String base64) {
        String text = require(base64).strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not Base64");
        }
        if (bytes.length == 0 || bytes[0] != 0x01) {
            throw invalid(bytes.length > 0 && bytes[0] == 0x00
                    ? "it is in the version 2 format (first byte 0x00), which is not supported" : "its first byte is not 0x01");
        }
        if (bytes.length < 13) {
            throw invalid("it is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int prf = buffer.getInt();
        int iterations = buffer.getInt();
        int saltLength = buffer.getInt();
        if (prf < 0 || prf >= ALGORITHMS.length) {
            throw invalid("its PRF " + Integer.toUnsignedString(prf) + " is none of HMAC-SHA1 (0), HMAC-SHA256 (1), HMAC-SHA512 (2)");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw invalid("its iteration count " + Integer.toUnsignedString(iterations) + " is not between 1 and " + MAX_ITERATIONS);
        }
        if (saltLength < MIN_BYTES || saltLength > buffer.remaining() - MIN_BYTES) {
            throw invalid("its salt or subkey is shorter than 16 bytes");
        }
        byte[] salt = new byte[saltLength];
        buffer.get(salt);
        byte[] subkey = new byte[buffer.remaining()];
        buffer.get(subkey);
        return new AspNetIdentityV3Hash(ALGORITHMS[prf], iterations, salt, subkey);
    }

    boolean matches(String password) {
        if (password.isEmpty()) {
            return false; // the JDK's HMAC refuses an empty key, and no sign-in sends an empty password
        }
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, subkey.length * 8);
        try {
            byte[] derived = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(derived, subkey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static String require(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw invalid("it is empty");
        }
        return base64;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("not an ASP.NET Identity v3 password hash: " + why);
    }
}
