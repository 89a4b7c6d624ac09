package dev.jwtauth.config;

import java.util.Objects;

import dev.jwtauth.token.TokenPolicy;

/**
 * The whole configuration of one jwtauth deployment (later: of one tenant), immutable, read once from
 * MicroProfile Config by {@link JwtSettingsReader}. The README's configuration reference lists every property.
 *
 * @param tokens                  how tokens are issued and validated: keys, algorithm, issuer, audiences, lifetimes
 * @param requireSecureConnection refuse tokens (403) on requests that are not HTTPS ({@code jwt.RequireSecureConnection})
 * @param allowInQueryString      also accept the token in the {@code ss-tok} query parameter ({@code jwt.AllowInQueryString})
 * @param allowInFormData         also accept the token in the {@code ss-tok} form field ({@code jwt.AllowInFormData})
 * @param tokenCacheSize          how many verified tokens are remembered, so a token sent again is not verified
 *                                again ({@code jwt.TokenCacheSize}; 0 turns the cache off)
 */
public record JwtSettings(
        TokenPolicy tokens,
        boolean requireSecureConnection,
        boolean allowInQueryString,
        boolean allowInFormData,
        int tokenCacheSize) {

    public JwtSettings {
        Objects.requireNonNull(tokens, "tokens");
        if (tokenCacheSize < 0) {
            throw new InvalidConfigurationException("jwt.TokenCacheSize", "must not be negative");
        }
    }
}
