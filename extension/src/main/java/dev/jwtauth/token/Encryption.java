package dev.jwtauth.token;

import java.util.Optional;

/**
 * Encrypted tokens of one configuration: new access tokens are signed, then encrypted
 * for our own RSA public key (RFC 7516, RSA-OAEP + A128CBC-HS256); presented JWEs are decrypted with our private
 * keys and the signed token inside is then checked like any other. Optionally, ServiceStack's own pre-standard
 * layout is read as well (for migrating from a ServiceStack issuer).
 *
 * @param encrypter encrypts new tokens; empty: new tokens are signed only
 * @param decrypter decrypts presented JWEs; empty: a JWE is refused like any token that is not a JWS
 * @param legacy    reads ServiceStack's layout (unsigned: see {@link LegacyJweReader})
 * @param required  only JWEs are accepted, a token that is only signed is refused (MicroProfile JWT's rule where a
 *                  decryption key is configured)
 */
public record Encryption(Optional<JweEncrypter> encrypter, Optional<JweDecrypter> decrypter,
                         Optional<LegacyJweReader> legacy, boolean required) {

    public static final Encryption NONE = new Encryption(Optional.empty(), Optional.empty(), Optional.empty());

    public Encryption {
        if (required && decrypter.isEmpty()) {
            throw new IllegalArgumentException("requiring encrypted tokens needs a decrypter");
        }
    }

    /** Signed tokens accepted too. */
    public Encryption(Optional<JweEncrypter> encrypter, Optional<JweDecrypter> decrypter, Optional<LegacyJweReader> legacy) {
        this(encrypter, decrypter, legacy, false);
    }
}
