package dev.jwtauth.internal.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How refresh tokens live. A refresh token belongs to a <em>family</em>: the token issued at sign-in and the
 * tokens that replaced it by rotation. The family shares one absolute deadline, which sliding expiry never passes.
 *
 * @param expireIn             lifetime of a new refresh token ({@code jwt.ExpireRefreshTokensIn})
 * @param extendAfterUsage     sliding expiry: each use moves the expiry to now plus this
 *                             ({@code jwt.ExtendRefreshTokenExpiryAfterUsage}, if set)
 * @param maxLifetime          the absolute cap from sign-in, whatever the sliding expiry says
 *                             ({@code jwt.MaxRefreshTokenLifetime})
 * @param invalidateOnLogout   logout revokes the refresh token it carries ({@code jwt.InvalidateRefreshTokenOnLogout})
 * @param rotate               a refresh token used from the {@code ss-reftok} cookie is replaced by a new one
 *                             ({@code jwt.RotateRefreshTokens})
 * @param reuseGracePeriod     how long after a rotation the replaced token is still honoured (without a new
 *                             refresh token), so parallel requests and tabs sharing it all succeed
 *                             ({@code jwt.RefreshTokenReuseGracePeriod}); later use is reuse, and
 *                             revokes the whole family (RFC 9700 §4.14.2)
 * @param retention            how long a refresh token is kept after it expired or was revoked, so that presenting
 *                             it is still recognised (a revoked family stays revoked, reuse is still detected);
 *                             then it is purged ({@code jwt.RefreshTokenRetention}; global only)
 */
public record RefreshTokenPolicy(
        Duration expireIn,
        Optional<Duration> extendAfterUsage,
        Duration maxLifetime,
        boolean invalidateOnLogout,
        boolean rotate,
        Duration reuseGracePeriod,
        Duration retention) {

    public RefreshTokenPolicy {
        if (expireIn.isNegative() || expireIn.isZero()) {
            throw new InvalidConfigurationException("jwt.ExpireRefreshTokensIn", "must be positive");
        }
        if (extendAfterUsage.isPresent() && (extendAfterUsage.get().isNegative() || extendAfterUsage.get().isZero())) {
            throw new InvalidConfigurationException("jwt.ExtendRefreshTokenExpiryAfterUsage", "must be positive");
        }
        if (maxLifetime.compareTo(expireIn) < 0) {
            throw new InvalidConfigurationException("jwt.MaxRefreshTokenLifetime",
                    "must not be shorter than jwt.ExpireRefreshTokensIn (" + expireIn + ")");
        }
        if (reuseGracePeriod.isNegative()) {
            throw new InvalidConfigurationException("jwt.RefreshTokenReuseGracePeriod", "must not be negative");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidConfigurationException("jwt.RefreshTokenRetention", "must be positive");
        }
    }
}
