package dev.jwtauth.token;

import java.util.List;
import java.util.Optional;

/**
 * The user a new access token is issued for: the fields ServiceStack copies from its session into the payload
 * (servicestack-reference.md §1.3).
 *
 * @param id          the user id, written as {@code sub} (always a JSON string, RFC 7519 §4.1.2)
 * @param userName    {@code preferred_username}
 * @param email       {@code email}
 * @param displayName {@code name}
 * @param firstName   {@code given_name}
 * @param lastName    {@code family_name}
 * @param profileUrl  {@code picture}
 * @param roles       {@code roles}
 * @param permissions {@code perms}
 */
public record TokenUser(
        String id,
        Optional<String> userName,
        Optional<String> email,
        Optional<String> displayName,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> profileUrl,
        List<String> roles,
        List<String> permissions) {

    public TokenUser {
        if (id.isBlank()) {
            throw new IllegalArgumentException("a token user needs an id");
        }
        roles = List.copyOf(roles);
        permissions = List.copyOf(permissions);
    }

    /** A user with only an id, roles and permissions; the optional fields are added with the {@code with} methods. */
    public static TokenUser of(String id, List<String> roles, List<String> permissions) {
        return new TokenUser(id, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), roles, permissions);
    }

    public TokenUser withUserName(String value) {
        return new TokenUser(id, Optional.of(value), email, displayName, firstName, lastName, profileUrl, roles, permissions);
    }

    public TokenUser withEmail(String value) {
        return new TokenUser(id, userName, Optional.of(value), displayName, firstName, lastName, profileUrl, roles, permissions);
    }

    public TokenUser withDisplayName(String value) {
        return new TokenUser(id, userName, email, Optional.of(value), firstName, lastName, profileUrl, roles, permissions);
    }

    public TokenUser withNames(String first, String last) {
        return new TokenUser(id, userName, email, displayName, Optional.of(first), Optional.of(last), profileUrl, roles, permissions);
    }

    public TokenUser withProfileUrl(String value) {
        return new TokenUser(id, userName, email, displayName, firstName, lastName, Optional.of(value), roles, permissions);
    }
}
