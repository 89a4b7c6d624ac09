package dev.jwtauth.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jwtauth.token.TokenUser;

/**
 * A user of the store as applications see it: an immutable snapshot, never the password hash.
 *
 * @param id          the store's id; {@code sub} of the user's tokens
 * @param userName    unique regardless of case
 * @param email       unique regardless of case; users may also sign in with it
 * @param displayName {@code name} in tokens
 * @param firstName   {@code given_name}
 * @param lastName    {@code family_name}
 * @param profileUrl  {@code picture}
 * @param roles       the caller's groups: what {@code @RolesAllowed} checks
 * @param permissions {@code perms}
 * @param lockedOut   locked until unlocked
 * @param lockoutEnd  locked until then
 */
public record User(
        String id,
        String userName,
        Optional<String> email,
        Optional<String> displayName,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> profileUrl,
        List<String> roles,
        List<String> permissions,
        boolean lockedOut,
        Optional<Instant> lockoutEnd) {

    public User {
        roles = List.copyOf(roles);
        permissions = List.copyOf(permissions);
    }

    static User of(UserAccount account) {
        return new User(String.valueOf(account.id), account.userName, Optional.ofNullable(account.email),
                Optional.ofNullable(account.displayName), Optional.ofNullable(account.firstName),
                Optional.ofNullable(account.lastName), Optional.ofNullable(account.profileUrl),
                account.roles, account.permissions, account.lockedOut, Optional.ofNullable(account.lockoutEnd));
    }

    /** Whether the user may not sign in or refresh at {@code now}. */
    public boolean isLockedAt(Instant now) {
        return lockedOut || lockoutEnd.map(now::isBefore).orElse(false);
    }

    /** The name to show: the display name, else the user name (ServiceStack's order). */
    public String nameToShow() {
        return displayName.orElse(userName);
    }

    /** What goes into this user's access tokens. */
    public TokenUser toTokenUser() {
        return new TokenUser(id, Optional.of(userName), email, displayName, firstName, lastName, profileUrl, roles, permissions);
    }
}
