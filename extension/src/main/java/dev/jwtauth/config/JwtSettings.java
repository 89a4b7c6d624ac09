package dev.jwtauth.config;

import dev.jwtauth.token.TokenPolicy;

/**
 * The whole configuration of one jwtauth deployment (later: of one tenant), immutable, read once from
 * MicroProfile Config by {@link JwtSettingsReader}. The README's configuration reference lists every property.
 *
 * @param tokens                  how tokens are issued and validated: keys, algorithm, issuer, audiences, lifetimes
 * @param requireSecureConnection refuse tokens (403) on requests that are not HTTPS ({@code jwt.RequireSecureConnection})
 * @param allowInQueryString      also accept the token in the {@code ss-tok} query parameter ({@code jwt.AllowInQueryString})
 * @param allowInFormData         also accept the token in the {@code ss-tok} form field ({@code jwt.AllowInFormData})
 */
public record JwtSettings(
        TokenPolicy tokens,
        boolean requireSecureConnection,
        boolean allowInQueryString,
        boolean allowInFormData) {

    public JwtSettings {
        java.util.Objects.requireNonNull(tokens, "tokens");
    }
}
