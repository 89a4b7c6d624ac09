package dev.jwtauth.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * ServiceStack's older password hash ({@code SaltedHash}): SHA-256 of the password's UTF-8 bytes followed by the
 * salt, both kept in Base64 ({@code PasswordHash}, {@code Salt}; ServiceStack's salt is 4 random bytes).
 */
record SaltedSha256Hash(byte[] hash, byte[] salt) {

    /** The hash, or {@link IllegalArgumentException} saying what is wrong with it (never the hash itself). */
    static SaltedSha256Hash parse(String passwordHash, String salt) {
        byte[] hash = decode(passwordHash, "PasswordHash");
        if (hash.length != 32) {
            throw invalid("its PasswordHash is not 32 bytes");
        }
        byte[] saltBytes = decode(salt, "Salt");
        if (saltBytes.length == 0) {
            throw invalid("its Salt is empty");
        }
        return new SaltedSha256Hash(hash, saltBytes);
    }

    boolean matches(String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(password.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(sha256.digest(salt), hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] decode(String base64, String field) {
        if (base64 == null || base64.isBlank()) {
            throw invalid("its " + field + " is empty");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("its " + field + " is not Base64");
        }
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("not a ServiceStack salted SHA-256 password hash: " + why);
    }
}
