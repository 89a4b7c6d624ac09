package dev.jwtauth.user;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.jwtauth.User;
import dev.jwtauth.spi.Builtin;
import dev.jwtauth.spi.UserSource;

/** The users of refresh tokens, from jwtauth's store, when the application has no {@link UserSource} of its own. */
@ApplicationScoped
@Builtin
class StoreUserSource implements UserSource {
    @Inject
    UserStore users;

    @Override
    public Optional<User> user(String id) {
        return users.findById(id);
    }
}
