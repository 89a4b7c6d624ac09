package dev.jwtauth.token;

/**
 * A key that checks JWS signatures. Implementations prepare their JCA objects once (per thread) and never per
 * token: re-deriving keys or re-creating {@code Mac}/{@code Signature} per request halved peers' throughput.
 */
public sealed interface VerificationKey permits HmacKey, RsaVerificationKey, EcVerificationKey {

    /** The key id a token's {@code kid} header may name to select this key. */
    String kid();

    /** The type of this key; it verifies only algorithms of this type. */
    JwsAlgorithm.KeyType keyType();

    /** Whether this key verifies the given algorithm: never one of another key type (an RSA key never HS* or ES256). */
    boolean verifies(JwsAlgorithm algorithm);

    /**
     * Checks {@code signature} over {@code input[0, length)}. A signature of the wrong length is simply wrong: it is
     * never compared as a prefix (CVE-2020-28042 let ServiceStack accept truncated and empty HMAC signatures).
     */
    boolean verify(JwsAlgorithm algorithm, byte[] input, int length, byte[] signature);
}
