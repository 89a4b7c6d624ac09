package dev.jwtauth.token;

import java.util.Optional;

import org.jose4j.jca.ProviderContext;
import org.jose4j.jwe.AesCbcHmacSha2ContentEncryptionAlgorithm;
import org.jose4j.jwe.AesGcmContentEncryptionAlgorithm;
import org.jose4j.jwe.ContentEncryptionAlgorithm;
import org.jose4j.jwe.ContentEncryptionParts;
import org.jose4j.jwx.Headers;
import org.jose4j.lang.JoseException;

/**
 * The JWE content encryption algorithms jwtauth decrypts (RFC 7518 §5): {@code A128CBC-HS256} (what our own tokens
 * and ServiceStack's use) and {@code A256GCM}. Both take a 32-byte CEK and a 16-byte tag; the ciphers are jose4j's,
 * which check the tag (in constant time) before anything is decrypted.
 */
enum JweContentEncryption {
    /** AES_128_CBC_HMAC_SHA_256 (RFC 7518 §5.2.3): 16 bytes of MAC key then 16 of AES key, a 16-byte IV, whole blocks. */
    A128CBC_HS256("A128CBC-HS256", 16, new AesCbcHmacSha2ContentEncryptionAlgorithm.Aes128CbcHmacSha256()),
    /** AES-256 in GCM (RFC 7518 §5.3): a 96-bit IV. */
    A256GCM("A256GCM", 12, new AesGcmContentEncryptionAlgorithm.Aes256Gcm());

    /** Both algorithms' CEK (RFC 7518 §5.2.3, §5.3). */
    static final int CEK_BYTES = 32;
    /** Both algorithms' authentication tag (RFC 7518 §5.2.3: the HMAC truncated to 16 bytes; §5.3: 128 bits). */
    static final int TAG_BYTES = 16;
    /** jose4j's default JCA providers; only read by jose4j, never changed. */
    private static final ProviderContext JCA = new ProviderContext();

    private final String enc;
    private final int ivBytes;
    private final ContentEncryptionAlgorithm cipher;

    JweContentEncryption(String enc, int ivBytes, ContentEncryptionAlgorithm cipher) {
        this.enc = enc;
        this.ivBytes = ivBytes;
        this.cipher = cipher;
    }

    /** The {@code enc} header value. */
    String enc() {
        return enc;
    }

    int ivBytes() {
        return ivBytes;
    }

    /** CBC with PKCS#7 padding always yields whole AES blocks (GCM any length). */
    boolean wholeBlocks() {
        return this == A128CBC_HS256;
    }

    /**
     * Checks the tag over {@code aad}, IV and ciphertext, then decrypts.
     *
     * @throws JoseException if the tag does not match: a wrong key (a random CEK) or a changed token alike
     */
    byte[] decrypt(byte[] cek, byte[] aad, byte[] iv, byte[] ciphertext, byte[] tag) throws JoseException {
        // Empty headers: jose4j only reads them to choose the JCA provider context (general, as alg is not "dir").
        return cipher.decrypt(new ContentEncryptionParts(iv, ciphertext, tag), aad, cek, new Headers(), JCA);
    }

    static Optional<JweContentEncryption> fromHeader(String enc) {
        for (JweContentEncryption candidate : values()) {
            if (candidate.enc.equals(enc)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
