package dev.jwtauth.token;

import java.util.List;
import java.util.Optional;

/**
 * The user a new access token is issued for.
 *
 * @param id          the user id, written as {@code sub} (always a JSON string, RFC 7519 §4.1.2)
 * @param userName    {@code preferred_username}
 * @param profile     {@code email}, {@code name}, {@code given_name}, {@code family_name}, {@code picture}
 * @param roles       {@code roles}
 * @param permissions {@code perms}
 */
public record TokenUser(
        String id,
        Optional<String> userName,
        Profile profile,
        List<String> roles,
        List<String> permissions) {

    public TokenUser {
        if (id.isBlank()) {
            throw new IllegalArgumentException("a token user needs an id");
        }
        roles = List.copyOf(roles);
        permissions = List.copyOf(permissions);
    }

    /** A user with only an id, roles and permissions; name and profile are added with the {@code with} methods. */
    public static TokenUser of(String id, List<String> roles, List<String> permissions) {
        return new TokenUser(id, Optional.empty(), Profile.empty(), roles, permissions);
    }

    public TokenUser withUserName(String value) {
        return new TokenUser(id, Optional.of(value), profile, roles, permissions);
    }

    public TokenUser withProfile(Profile value) {
        return new TokenUser(id, userName, value, roles, permissions);
    }
}
