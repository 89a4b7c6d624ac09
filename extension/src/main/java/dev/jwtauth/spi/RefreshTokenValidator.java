package dev.jwtauth.spi;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.User;

/**
 * Rejects refreshes jwtauth would allow (ServiceStack's {@code ValidateRefreshToken}). Implement it as a CDI bean.
 * <p>
 * Called after a refresh token checked out (known, not expired, not revoked, its user present and not locked),
 * before a new access token is issued: by {@code /access-token} and by the transparent refresh. {@code false}
 * answers 400 {@code ArgumentException} / {@code RefreshToken is Invalid} (the transparent refresh just does not
 * happen). The refresh token is not revoked by a rejection.
 */
@FunctionalInterface
public interface RefreshTokenValidator {

    boolean isValid(User user, HttpServletRequest request);
}
