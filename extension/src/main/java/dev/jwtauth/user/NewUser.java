package dev.jwtauth.user;

import java.util.List;
import java.util.Optional;

/**
 * A user to create with {@link UserStore#create(NewUser)}: a name and a password, the rest added with the
 * {@code with} methods, e.g. {@code NewUser.of("alice", password).withEmail("alice@example.com").withRoles("User")}.
 */
public record NewUser(
        String userName,
        String password,
        Optional<String> email,
        Optional<String> displayName,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> profileUrl,
        List<String> roles,
        List<String> permissions) {

    public NewUser {
        if (userName == null || userName.isBlank()) {
            throw new IllegalArgumentException("a user needs a user name");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a user needs a password");
        }
        roles = List.copyOf(roles);
        permissions = List.copyOf(permissions);
    }

    public static NewUser of(String userName, String password) {
        return new NewUser(userName, password, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of());
    }

    public NewUser withEmail(String value) {
        return new NewUser(userName, password, Optional.of(value), displayName, firstName, lastName, profileUrl, roles, permissions);
    }

    public NewUser withDisplayName(String value) {
        return new NewUser(userName, password, email, Optional.of(value), firstName, lastName, profileUrl, roles, permissions);
    }

    public NewUser withNames(String first, String last) {
        return new NewUser(userName, password, email, displayName, Optional.of(first), Optional.of(last), profileUrl, roles, permissions);
    }

    public NewUser withProfileUrl(String value) {
        return new NewUser(userName, password, email, displayName, firstName, lastName, Optional.of(value), roles, permissions);
    }

    public NewUser withRoles(String... values) {
        return new NewUser(userName, password, email, displayName, firstName, lastName, profileUrl, List.of(values), permissions);
    }

    public NewUser withPermissions(String... values) {
        return new NewUser(userName, password, email, displayName, firstName, lastName, profileUrl, roles, List.of(values));
    }

    @Override
    public String toString() {
        return "NewUser[" + userName + "]";
    }
}
