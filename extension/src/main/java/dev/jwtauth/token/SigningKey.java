package dev.jwtauth.token;

/** A key that signs new tokens: the HMAC AuthKey or the RSA private key. */
public sealed interface SigningKey permits HmacKey, RsaSigningKey {

    /** The {@code kid} written into the header of tokens this key signs. */
    String kid();

    byte[] sign(JwsAlgorithm algorithm, byte[] input);
}
