package dev.jwtauth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the token engine needs to issue and accept tokens for one configuration (one tenant), immutable
 * and validated once. Messages name the {@code jwt.*} property a user has to fix.
 *
 * @param algorithm                   the algorithm new tokens are signed with ({@code jwt.HashAlgorithm})
 * @param requireHashAlgorithm        accept only {@code algorithm}; when false, any algorithm we hold a key for
 * @param keys                        signing and verification keys
 * @param issuer                      written as {@code iss}; a token carrying another {@code iss} is refused
 * @param audiences                   accepted audiences; the first are written as {@code aud}
 * @param requiresAudience            refuse tokens without an accepted audience
 * @param expireTokensIn              lifetime of new access tokens
 * @param invalidateTokensIssuedBefore refuse tokens issued before this instant (or without {@code iat})
 * @param clockSkew                   tolerance for {@code nbf} and {@code iat} set by a server whose clock is ahead
 * @param maxTokenLength              longer tokens are refused before any decoding
 */
public record TokenPolicy(
        JwsAlgorithm algorithm,
        boolean requireHashAlgorithm,
        KeyRing keys,
        String issuer,
        List<String> audiences,
        boolean requiresAudience,
        Duration expireTokensIn,
        Optional<Instant> invalidateTokensIssuedBefore,
        Duration clockSkew,
        int maxTokenLength) {

    public TokenPolicy {
        audiences = List.copyOf(audiences);
        int hmacIndex = 0;
        for (VerificationKey key : keys.verificationKeys()) {
            if (key instanceof HmacKey hmac) {
                checkHmacLength(hmac, hmacIndex++, algorithm);
            }
        }
        if (!keys.verifies(algorithm)) {
            throw new IllegalArgumentException("jwt.HashAlgorithm is " + algorithm + " but no "
                    + (algorithm.isHmac() ? "AuthKey (jwt.AuthKeyBase64)" : "RSA key (jwt.PrivateKeyPem, jwt.PublicKeyPem, jwt.PrivateKeyXml or jwt.PublicKeyXml)")
                    + " is configured");
        }
        keys.signingKey().ifPresent(key -> {
            if ((key instanceof HmacKey) != algorithm.isHmac()) {
                throw new IllegalArgumentException("jwt.HashAlgorithm is " + algorithm + " but the signing key is "
                        + (key instanceof HmacKey ? "an HMAC AuthKey" : "an RSA private key"));
            }
        });
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("jwt.Issuer must not be blank");
        }
        if (expireTokensIn.isNegative() || expireTokensIn.isZero()) {
            throw new IllegalArgumentException("jwt.ExpireTokensIn must be positive");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("jwt.AllowedClockSkew must not be negative");
        }
        if (maxTokenLength < 256) {
            throw new IllegalArgumentException("jwt.MaxTokenLength must be at least 256");
        }
        if (requiresAudience && audiences.isEmpty()) {
            throw new IllegalArgumentException("jwt.RequiresAudience=true needs jwt.Audience or jwt.Audiences: "
                    + "otherwise every token would be refused");
        }
    }

    /**
     * RFC 7518 §3.2: an HMAC key must be at least as long as the hash output of the algorithm it signs with
     * (HS256 when the deployment signs with RSA and keeps an AuthKey only to verify).
     */
    private static void checkHmacLength(HmacKey key, int index, JwsAlgorithm algorithm) {
        JwsAlgorithm hmac = algorithm.isHmac() ? algorithm : JwsAlgorithm.HS256;
        if (key.length() < hmac.minKeyBytes()) {
            String property = index == 0 ? "jwt.AuthKeyBase64" : "jwt.AuthKeyBase64." + index;
            throw new IllegalArgumentException(property + " has " + key.length() + " bytes but " + hmac
                    + " needs a key of at least " + hmac.minKeyBytes() + " bytes (RFC 7518 §3.2)");
        }
    }

    /** Whether a token may use this algorithm. */
    boolean accepts(JwsAlgorithm candidate) {
        return requireHashAlgorithm ? candidate == algorithm : keys.verifies(candidate);
    }
}
