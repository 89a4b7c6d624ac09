package dev.jwtauth.user;

import java.util.List;
import java.util.Objects;

import dev.jwtauth.token.Profile;

/**
 * A user to create with {@link UserStore#create(NewUser)} or {@link UserStore#importUsers}: a name and a password —
 * or another system's hash of it —, the rest added with the {@code with} methods, e.g.
 * {@code NewUser.of("alice", password).withProfile(Profile.empty().withEmail("alice@example.com")).withRoles("User")}.
 */
public record NewUser(String userName, NewPassword password, Profile profile, List<String> roles, List<String> permissions) {

    public NewUser {
        if (userName == null || userName.isBlank()) {
            throw new IllegalArgumentException("a user needs a user name");
        }
        Objects.requireNonNull(password, "a user needs a password");
        roles = List.copyOf(roles);
        permissions = List.copyOf(permissions);
    }

    public static NewUser of(String userName, String password) {
        return new NewUser(userName, new NewPassword.Plain(password), Profile.empty(), List.of(), List.of());
    }

    /** A user moved from another system with the hash of its password, e.g. {@link ImportedPassword#aspNetIdentityV3}. */
    public static NewUser imported(String userName, ImportedPassword passwordHash) {
        return new NewUser(userName, passwordHash, Profile.empty(), List.of(), List.of());
    }

    public NewUser withProfile(Profile value) {
        return new NewUser(userName, password, value, roles, permissions);
    }

    public NewUser withRoles(String... values) {
        return new NewUser(userName, password, profile, List.of(values), permissions);
    }

    public NewUser withPermissions(String... values) {
        return new NewUser(userName, password, profile, roles, List.of(values));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "NewUser[" + userName + "]";
    }
}
