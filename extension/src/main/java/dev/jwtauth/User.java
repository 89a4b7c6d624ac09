package dev.jwtauth;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.jwtauth.token.Profile;
import dev.jwtauth.token.TokenUser;

/**
 * A user of the store as applications see it: an immutable snapshot, never the password hash.
 *
 * @param id          the store's id; {@code sub} of the user's tokens
 * @param userName    unique regardless of case
 * @param profile     e-mail (unique regardless of case; users may also sign in with it), names, picture
 * @param roles       the caller's groups: what {@code @RolesAllowed} checks
 * @param permissions {@code perms}
 * @param lockedOut   locked until unlocked
 * @param lockoutEnd  locked until then
 */
public record User(
        String id,
        String userName,
        Profile profile,
        List<String> roles,
        List<String> permissions,
        boolean lockedOut,
        Optional<Instant> lockoutEnd) {

    public User {
        roles = List.copyOf(roles);
        permissions = List.copyOf(permissions);
    }

    /** How user names and e-mail addresses are compared: regardless of case and surrounding space. */
    public static String nameKey(String userNameOrEmail) {
        return userNameOrEmail.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the user may not sign in or refresh at {@code now}. */
    public boolean isLockedAt(Instant now) {
        return lockedOut || lockoutEnd.map(now::isBefore).orElse(false);
    }

    /** The name to show: the display name, else the user name (ServiceStack's order). */
    public String nameToShow() {
        return profile.displayName().orElse(userName);
    }

    /** What goes into this user's access tokens. */
    public TokenUser toTokenUser() {
        return new TokenUser(id, Optional.of(userName), profile, roles, permissions);
    }
}
