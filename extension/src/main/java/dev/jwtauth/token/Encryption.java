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
 */
public record Encryption(Optional<JweEncrypter> encrypter, Optional<JweDecrypter> decrypter,
                         Optional<LegacyJweReader> legacy) {

    public static final Encryption NONE = new Encryption(Optional.empty(), Optional.empty(), Optional.empty());
}
