package dev.jwtauth.spi;

import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.VerifiedToken;

/**
 * Told of each access token jwtauth issues, after it is signed (ServiceStack Identity's {@code OnTokenCreated},
 * as an observer): for audit logs or metrics. Implement it as a CDI bean. It cannot change the token (use the
 * filters for that); an exception it throws fails the request that issued the token.
 */
@FunctionalInterface
public interface TokenCreatedListener {

    void created(VerifiedToken token, TokenUser user);
}
