package dev.jwtauth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the token engine needs to issue and accept tokens for one configuration (one tenant), immutable
 * and validated once. A violation names the {@link Rule} broken, not a configuration property: this engine does not
 * know where its values came from.
 *
 * @param algorithm                   the algorithm new tokens are signed with
 * @param requireHashAlgorithm        accept only {@code algorithm}; when false, any algorithm we hold a key for
 * @param keys                        signing and verification keys
 * @param issuer                      written as {@code iss}; a token carrying another {@code iss} is refused
 * @param audiences                   accepted audiences; the first are written as {@code aud}
 * @param requiresAudience            refuse tokens without an accepted audience
 * @param expireTokensIn              lifetime of new access tokens
 * @param invalidateTokensIssuedBefore refuse tokens issued before this instant (or without {@code iat})
 * @param clockSkew                   tolerance for {@code nbf} and {@code iat} set by a server whose clock is ahead
 * @param maxTokenLength              longer tokens are refused before any decoding
 * @param tenant                      the tenant this policy is for, written as the {@value #TENANT_CLAIM} claim;
 *                                    a token is accepted only with exactly this tenant (or none, for none)
 * @param mpJwtClaims                 also write MicroProfile JWT's {@code upn} and {@code groups}, for readers such
 *                                    as Open Liberty's {@code mpJwt} feature
 * @param encryption                  encrypted tokens, if any
 * @param requiresIssuer              refuse tokens without {@code iss} (MicroProfile JWT's rule once an issuer is
 *                                    configured); when false, a token without {@code iss} passes
 * @param maxTokenAge                 refuse tokens issued longer ago than this, and tokens without {@code iat}
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
        int maxTokenLength,
        Optional<String> tenant,
        boolean mpJwtClaims,
        Encryption encryption,
        boolean requiresIssuer,
        Optional<Duration> maxTokenAge) {

    /** The claim that binds a token to its tenant. */
    public static final String TENANT_CLAIM = "tenant";

    /** The policy of a deployment without tenants. */
    public TokenPolicy(JwsAlgorithm algorithm, boolean requireHashAlgorithm, KeyRing keys, String issuer,
                       List<String> audiences, boolean requiresAudience, Duration expireTokensIn,
                       Optional<Instant> invalidateTokensIssuedBefore, Duration clockSkew, int maxTokenLength) {
        this(algorithm, requireHashAlgorithm, keys, issuer, audiences, requiresAudience, expireTokensIn,
                invalidateTokensIssuedBefore, clockSkew, maxTokenLength, Optional.empty(), false, Encryption.NONE, false,
                Optional.empty());
    }

    /** What a policy must satisfy, each said of one record component. */
    public enum Rule {
        /** RFC 7518 §3.2: no HMAC key shorter than the hash of the HS algorithm in use (HS256 with RSA). */
        HMAC_KEY_LENGTH("keys"),
        /** Some key verifies the algorithm, or no token could be accepted. */
        KEY_FOR_ALGORITHM("algorithm"),
        /** The signing key is of the algorithm's family. */
        SIGNING_KEY_FOR_ALGORITHM("algorithm"),
        ISSUER_NOT_BLANK("issuer"),
        EXPIRY_AT_LEAST_ONE_SECOND("expireTokensIn"),
        CLOCK_SKEW_NOT_NEGATIVE("clockSkew"),
        MAX_TOKEN_LENGTH_AT_LEAST_256("maxTokenLength"),
        /** Requiring an audience without accepting any would refuse every token. */
        AUDIENCE_FOR_REQUIRES_AUDIENCE("requiresAudience"),
        TOKEN_AGE_AT_LEAST_ONE_SECOND("maxTokenAge");

        private final String component;

        Rule(String component) {
            this.component = component;
        }

        /** The record component the rule is about. */
        public String component() {
            return component;
        }
    }

    public TokenPolicy {
        audiences = List.copyOf(audiences);
        for (VerificationKey key : keys.verificationKeys()) {
            if (key instanceof HmacKey hmac) {
                JwsAlgorithm hmacAlgorithm = algorithm.isHmac() ? algorithm : JwsAlgorithm.HS256;
                if (hmac.length() < hmacAlgorithm.minKeyBytes()) {
                    throw new PolicyException(Rule.HMAC_KEY_LENGTH, "the HMAC key " + hmac.kid() + " has "
                            + hmac.length() + " bytes but " + hmacAlgorithm + " needs at least "
                            + hmacAlgorithm.minKeyBytes() + " (RFC 7518 §3.2)");
                }
            }
        }
        // A ring without keys accepts no token at all (an application that does not use jwtauth yet); one with keys
        // must verify the algorithm, or it would accept no token by mistake.
        if (!keys.verificationKeys().isEmpty() && !keys.verifies(algorithm)) {
            throw new PolicyException(Rule.KEY_FOR_ALGORITHM, "is " + algorithm + " but no "
                    + algorithm.keyType() + " key is among the keys");
        }
        keys.signingKey().ifPresent(key -> {
            if (key.keyType() != algorithm.keyType()) {
                throw new PolicyException(Rule.SIGNING_KEY_FOR_ALGORITHM, "is " + algorithm + " but the signing key is "
                        + switch (key.keyType()) {
                            case HMAC -> "an HMAC AuthKey";
                            case RSA -> "an RSA private key";
                            case EC -> "an EC private key";
                        });
            }
        });
        if (issuer.isBlank()) {
            throw new PolicyException(Rule.ISSUER_NOT_BLANK, "must not be blank");
        }
        if (expireTokensIn.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new PolicyException(Rule.EXPIRY_AT_LEAST_ONE_SECOND, "must be at least one second");
        }
        if (clockSkew.isNegative()) {
            throw new PolicyException(Rule.CLOCK_SKEW_NOT_NEGATIVE, "must not be negative");
        }
        if (maxTokenLength < 256) {
            throw new PolicyException(Rule.MAX_TOKEN_LENGTH_AT_LEAST_256, "must be at least 256");
        }
        if (maxTokenAge.isPresent() && maxTokenAge.get().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new PolicyException(Rule.TOKEN_AGE_AT_LEAST_ONE_SECOND, "must be at least one second");
        }
        if (requiresAudience && audiences.isEmpty()) {
            throw new PolicyException(Rule.AUDIENCE_FOR_REQUIRES_AUDIENCE, "true needs an audience: "
                    + "otherwise every token would be refused");
        }
    }

    /** Whether a token may use this algorithm. */
    boolean accepts(JwsAlgorithm candidate) {
        return requireHashAlgorithm ? candidate == algorithm : keys.verifies(candidate);
    }
}
