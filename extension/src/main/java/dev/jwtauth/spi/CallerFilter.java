package dev.jwtauth.spi;

import java.util.Set;

import dev.jwtauth.token.VerifiedToken;

/**
 * Shapes the caller built from a token (ServiceStack's {@code PopulateSessionFilter}): e.g. roles derived from other
 * claims. Implement it as a CDI bean.
 * <p>
 * Called whenever a caller is built from a valid token — once per distinct token while {@code jwt.TokenCacheSize}
 * remembers it, so it must depend on the token alone (per-request checks belong in a {@link TokenValidator}).
 * Receives the roles read from {@code roles}/{@code groups} and returns the caller's roles, which
 * {@code @RolesAllowed}, {@code isUserInRole} and {@code JsonWebToken.getGroups()} then see.
 */
@FunctionalInterface
public interface CallerFilter {

    Set<String> roles(VerifiedToken token, Set<String> roles);
}
