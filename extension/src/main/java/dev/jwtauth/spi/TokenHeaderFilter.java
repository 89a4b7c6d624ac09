package dev.jwtauth.spi;

import java.util.Map;

import dev.jwtauth.token.TokenUser;

/**
 * Changes the header of each new access token (ServiceStack's {@code CreateHeaderFilter}). Implement it as a CDI bean.
 * <p>
 * Called after {@code typ}, {@code alg} and {@code kid} are set, before signing — for every access token jwtauth
 * issues: sign-in, refresh (explicit or transparent), session to token, and {@link dev.jwtauth.JwtAuth}. The map is
 * mutable and ordered. Changing {@code alg} or {@code kid} makes a token that jwtauth will refuse.
 */
@FunctionalInterface
public interface TokenHeaderFilter {

    void filter(Map<String, Object> header, TokenUser user);
}
