package dev.jwtauth.spi;

import java.util.Map;

import dev.jwtauth.token.TokenUser;

/**
 * Changes the claims of each new access token (ServiceStack's {@code CreatePayloadFilter}): custom claims, or a
 * per-user lifetime by changing {@code exp}. Implement it as a CDI bean.
 * <p>
 * Called after every standard claim and {@code jti} are set, before signing, for every access token jwtauth issues
 * (see {@link TokenHeaderFilter}). The map is mutable and ordered; values are strings, numbers, booleans, lists and
 * maps. The token is checked like any other afterwards: an {@code exp} in the past or a removed {@code sub} fails.
 */
@FunctionalInterface
public interface TokenPayloadFilter {

    void filter(Map<String, Object> payload, TokenUser user);
}
