package dev.jwtauth.spi;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.token.VerifiedToken;

/**
 * Rejects tokens jwtauth would accept (ServiceStack's {@code ValidateToken}): e.g. a revocation list of {@code jti}s,
 * or users suspended since the token was issued. Implement it as a CDI bean.
 * <p>
 * Called on every request whose caller is taken from a token, after the signature and claims checked out (also for
 * tokens remembered by {@code jwt.TokenCacheSize}), and by {@code JwtAuth.isValid}. {@code false} answers 403
 * {@code Forbidden} / {@code Token is invalid} where a caller is needed; the request is then anonymous.
 */
@FunctionalInterface
public interface TokenValidator {

    boolean isValid(VerifiedToken token, HttpServletRequest request);
}
