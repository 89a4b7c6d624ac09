package dev.jwtauth.internal.config;

import java.time.Duration;

/**
 * What stops password guessing: a lock-out counted in the user store, shared by every server on its database, and a
 * throttle per server that refuses (429) before any password is hashed. All global: the user store is shared by all
 * tenants. See docs/sign-in-protection.md.
 *
 * @param maxLoginAttempts          failed password sign-ins in a row after which the account is locked for
 *                                  {@code lockoutPeriod} ({@code jwt.MaxLoginAttempts}; 0 turns it off)
 * @param lockoutPeriod             how long that lock lasts; it ends by itself ({@code jwt.LoginLockoutPeriod})
 * @param failuresPerMinutePerAddress failed sign-ins a client address may make per minute before its sign-ins are
 *                                  answered 429 ({@code jwt.LoginFailuresPerMinutePerAddress}; 0 = off)
 * @param failuresPerMinutePerUserName the same per user name, whichever addresses they come from
 *                                  ({@code jwt.LoginFailuresPerMinutePerUserName}; 0 = off)
 */
public record SignInLimits(
        int maxLoginAttempts,
        Duration lockoutPeriod,
        int failuresPerMinutePerAddress,
        int failuresPerMinutePerUserName) {

    public SignInLimits {
        if (maxLoginAttempts < 0) {
            throw new InvalidConfigurationException("jwt.MaxLoginAttempts", "must not be negative (0 turns the lock-out off)");
        }
        if (lockoutPeriod.isNegative() || lockoutPeriod.isZero()) {
            throw new InvalidConfigurationException("jwt.LoginLockoutPeriod", "must be positive");
        }
        if (failuresPerMinutePerAddress < 0) {
            throw new InvalidConfigurationException("jwt.LoginFailuresPerMinutePerAddress", "must not be negative (0 turns it off)");
        }
        if (failuresPerMinutePerUserName < 0) {
            throw new InvalidConfigurationException("jwt.LoginFailuresPerMinutePerUserName", "must not be negative (0 turns it off)");
        }
    }
}
