package dev.jwtauth.token;

import java.util.Optional;

/**
 * The JWS algorithms jwtauth signs and verifies with (RFC 7518 §3): the six ServiceStack supports, nothing else.
 * {@code none}, ES*, PS* and anything unknown have no constant, so they can never be selected by a token.
 */
public enum JwsAlgorithm {
    HS256("HmacSHA256", 32),
    HS384("HmacSHA384", 48),
    HS512("HmacSHA512", 64),
    RS256("SHA256withRSA", 256),
    RS384("SHA384withRSA", 256),
    RS512("SHA512withRSA", 256);

    private final String jcaName;
    private final int minKeyBytes;

    JwsAlgorithm(String jcaName, int minKeyBytes) {
        this.jcaName = jcaName;
        this.minKeyBytes = minKeyBytes;
    }

    /** The name of the JCA {@code Mac} or {@code Signature} that computes it. */
    public String jcaName() {
        return jcaName;
    }

    public boolean isHmac() {
        return ordinal() <= HS512.ordinal();
    }

    /**
     * RFC 7518 §3.2: an HMAC key must be at least as long as the hash output; for RSA, 2048 bits (§3.3).
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
