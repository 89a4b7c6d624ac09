package dev.jwtauth.internal.config;

import java.util.Objects;
import java.util.Optional;

import dev.jwtauth.token.TokenPolicy;

/**
 * The whole configuration of one jwtauth deployment (later: of one tenant), immutable, read once from
 * MicroProfile Config by {@link JwtSettingsReader}. docs/configuration.md lists every property; the defaults are
 * those of {@link Setting}.
 *
 * @param tokens                  how tokens are issued and validated: keys, algorithm, issuer, audiences, lifetimes
 * @param requireSecureConnection refuse tokens (403) on requests that are not HTTPS ({@code jwt.RequireSecureConnection})
 * @param allowInQueryString      also accept the token in the {@code ss-tok} query parameter ({@code jwt.AllowInQueryString})
 * @param allowInFormData         also accept the token in the {@code ss-tok} form field ({@code jwt.AllowInFormData})
 * @param allowInRequestDto       also accept the token in the request DTO's {@code BearerToken} field: query string,
 *                                form or JSON body ({@code jwt.AllowInRequestDto}; ServiceStack's {@code IHasBearerToken})
 * @param tokenCacheSize          how many of the most recently used distinct tokens are remembered, so a token sent
 *                                again is not verified again ({@code jwt.TokenCacheSize}; 0 turns the cache off)
 * @param cookies                 token cookies: whether sign-in uses them, and their attributes
 * @param refreshTokens           lifetime, sliding expiry, rotation and revocation of refresh tokens
 * @param passwordHashIterations  PBKDF2-HMAC-SHA256 iterations for new password hashes; stored hashes with fewer
 *                                are re-hashed at the next sign-in ({@code jwt.PasswordHashIterations})
 * @param signIn                  lock-out after failed sign-ins, and the throttle before password hashing (global)
 * @param passwords               where passwords are checked and where they may be presented (global)
 * @param includeJwtInConvertSessionToTokenResponse {@code /session-to-token} also returns the token in
 *                                {@code accessToken} ({@code jwt.IncludeJwtInConvertSessionToTokenResponse})
 * @param services                which token services exist, and whether sign-in also answers a cookie's token
 * @param adminRoleSatisfiesAll   a caller with the role {@code Admin} passes every role and permission check
 *                                ({@code jwt.AdminRoleSatisfiesAll}; ServiceStack's rule)
 * @param mpTokenCookie           the one cookie the token is read from, if {@code mp.jwt.token.header=Cookie}
 *                                (MicroProfile JWT's {@code mp.jwt.token.cookie}); none: jwtauth's places of a token
 * @param refuseInvalidTokens     a request presenting a token that is refused fails with 401 whatever it asks for
 *                                (MicroProfile JWT's rule, where its keys are configured); otherwise such a token is
 *                                looked at only where a caller is needed
 */
public record JwtSettings(
        TokenPolicy tokens,
        boolean requireSecureConnection,
        boolean allowInQueryString,
        boolean allowInFormData,
        boolean allowInRequestDto,
        int tokenCacheSize,
        CookieSettings cookies,
        RefreshTokenPolicy refreshTokens,
        int passwordHashIterations,
        SignInLimits signIn,
        PasswordSettings passwords,
        boolean includeJwtInConvertSessionToTokenResponse,
        TokenServices services,
        boolean adminRoleSatisfiesAll,
        Optional<String> mpTokenCookie,
        boolean refuseInvalidTokens) {

    /** Jakarta Security's own minimum. */
    static final int MIN_PASSWORD_HASH_ITERATIONS = 1024;

    public JwtSettings {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(cookies, "cookies");
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(passwords, "passwords");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(mpTokenCookie, "mpTokenCookie");
        if (passwordHashIterations < MIN_PASSWORD_HASH_ITERATIONS) {
            throw new InvalidConfigurationException("jwt.PasswordHashIterations",
                    "must be at least " + MIN_PASSWORD_HASH_ITERATIONS + " (Jakarta Security's minimum)");
        }
        if (tokenCacheSize < 0) {
            throw new InvalidConfigurationException("jwt.TokenCacheSize", "must not be negative");
        }
    }
}
