package dev.jwtauth.spi;

import java.util.Optional;

import dev.jwtauth.User;

/**
 * Supplies the user of a refresh token when the application keeps its users elsewhere than jwtauth's store
 * (ServiceStack's {@code IUserSessionSource}). Implement it as a CDI bean; it then replaces the store for refreshes.
 * <p>
 * Called on every refresh (explicit or transparent) with the id the refresh token was issued for — {@link User#id()}
 * of the user given to {@code JwtAuth.createRefreshToken} or signed in. Empty refuses the refresh like a deleted user
 * (400 {@code RefreshToken is Invalid}); a user that {@link User#isLockedAt is locked} is refused with 401
 * {@code This account has been locked}. The new access token carries the returned user's roles and profile.
 */
@FunctionalInterface
public interface UserSource {

    Optional<User> user(String id);
}
