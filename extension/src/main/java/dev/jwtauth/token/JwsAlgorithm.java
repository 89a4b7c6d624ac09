package dev.jwtauth.token;

import java.util.Optional;

/**
 * The JWS algorithms jwtauth signs and verifies with (RFC 7518 §3): the six ServiceStack supports and ES256 (which
 * MicroProfile JWT requires), nothing else. {@code none}, ES384/512, PS* and anything unknown have no constant, so
 * they can never be selected by a token. Each algorithm belongs to one {@link KeyType}, and a key verifies only the
 * algorithms of its own type: that is what keeps an RSA public key from being taken for an HMAC secret (and so on).
 */
public enum JwsAlgorithm {
    HS256("HmacSHA256", 32),
    HS384("HmacSHA384", 48),
    HS512("HmacSHA512", 64),
    RS256("SHA256withRSA", 256),
    RS384("SHA384withRSA", 256),
    RS512("SHA512withRSA", 256),
    /** ECDSA on P-256 with SHA-256 (RFC 7518 §3.4); the signature is R || S, 64 bytes. */
    ES256("SHA256withECDSA", 32);

    /** The families of keys, by their JWK {@code kty} (RFC 7518 §6.1). */
    public enum KeyType {
        HMAC("oct"),
        RSA("RSA"),
        EC("EC");

        private final String kty;

        KeyType(String kty) {
            this.kty = kty;
        }

        /** The JWK {@code kty} of keys of this type. */
        public String kty() {
            return kty;
        }
    }

    private final String jcaName;
    private final int minKeyBytes;

    JwsAlgorithm(String jcaName, int minKeyBytes) {
        this.jcaName = jcaName;
        this.minKeyBytes = minKeyBytes;
    }

    /** The type of key that signs and verifies this algorithm. */
    public KeyType keyType() {
        return switch (this) {
            case HS256, HS384, HS512 -> KeyType.HMAC;
            case RS256, RS384, RS512 -> KeyType.RSA;
            case ES256 -> KeyType.EC;
        };
    }

    /** The name of the JCA {@code Mac} or {@code Signature} that computes it. */
    public String jcaName() {
        return jcaName;
    }

    public boolean isHmac() {
        return keyType() == KeyType.HMAC;
    }

    /**
     * RFC 7518 §3.2: an HMAC key must be at least as long as the hash output; for RSA, 2048 bits (§3.3); for ES256,
     * the 32 bytes of a P-256 coordinate (§3.4).
     */
    public int minKeyBytes() {
        return minKeyBytes;
    }

    /**
     * Looks up the exact, case-sensitive {@code alg} value (RFC 7515 §4.1.1 makes it case-sensitive, so
     * {@code "hs256"} or {@code "None"} select nothing).
     */
    public static Optional<JwsAlgorithm> fromHeader(String alg) {
        for (JwsAlgorithm candidate : values()) {
            if (candidate.name().equals(alg)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
