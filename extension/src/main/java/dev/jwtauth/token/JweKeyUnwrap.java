package dev.jwtauth.token;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

/**
 * RSA-OAEP key unwrap (RFC 7518 §4.3: RSAES-OAEP with SHA-1 or SHA-256, MGF1 with the same, empty label) that never says why it
 * failed. Following RFC 7516 §11.5, a CEK that cannot be unwrapped — wrong key, bad padding, wrong length — is
 * replaced by random bytes and decryption proceeds, so it fails at the authentication tag exactly like a tampered
 * ciphertext would: one outcome and nearly the same work whether the key, the padding or the tag was wrong, which
 * denies an attacker the padding oracle that Manger's attack on OAEP needs. (jose4j 0.9.6 instead stops with its own
 * "key unwrap failed" exception before the tag is computed, which is why we unwrap ourselves.)
 */
final class JweKeyUnwrap {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";

    private JweKeyUnwrap() {
    }

    /**
     * Returns the 32-byte CEK wrapped in {@code encryptedKey} for {@code key}, or 32 random bytes if there is none.
     * The caller must not be able to tell which — it only learns at the tag check.
     */
    static byte[] unwrap(RSAPrivateCrtKey key, byte[] encryptedKey, JweKeyManagement algorithm) {
        byte[] cek;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, algorithm.oaep());
            cek = cipher.doFinal(encryptedKey);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            cek = null;
        } catch (GeneralSecurityException e) {
            // No RSA/OAEP in the runtime, or a key the provider cannot use: checkUsable refused such keys at start.
            throw new IllegalStateException("the JCA cannot decrypt RSA-OAEP with this key", e);
        }
        if (cek == null || cek.length != JweContentEncryption.CEK_BYTES) {
            cek = new byte[JweContentEncryption.CEK_BYTES];
            RANDOM.nextBytes(cek);
        }
        return cek;
    }

    /**
     * Fails at start-up, with a message naming no key material, for keys that could not decrypt at run time:
     * smaller than 2048 bits (RFC 7518 §4.3 requires at least that) or refused by the JCA provider.
     */
    static void checkUsable(List<RSAPrivateCrtKey> keys) {
        if (keys.isEmpty()) {
            throw new KeyFormatException("decrypting JWEs needs at least one RSA private key");
        }
        for (RSAPrivateCrtKey key : keys) {
            RsaKeyFormats.checkSize(key, RsaKeyFormats.MIN_BITS);
            try {
                for (JweKeyManagement algorithm : JweKeyManagement.values()) {
                    Cipher.getInstance(TRANSFORMATION).init(Cipher.DECRYPT_MODE, key, algorithm.oaep());
                }
            } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
                throw new KeyFormatException("the JCA cannot use this RSA key for RSA-OAEP decryption", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the Java runtime provides no RSA-OAEP", e);
            }
        }
    }
}
