package dev.jwtauth.token;

/** A key that signs new tokens: the HMAC AuthKey, the RSA private key or the EC (P-256) private key. */
public sealed interface SigningKey permits HmacKey, RsaSigningKey, EcSigningKey {

    /** The {@code kid} written into the header of tokens this key signs. */
    String kid();

    /** The type of this key; it signs only algorithms of this type. */
    JwsAlgorithm.KeyType keyType();

    byte[] sign(JwsAlgorithm algorithm, byte[] input);
}
