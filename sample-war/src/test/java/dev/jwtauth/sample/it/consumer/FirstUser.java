package dev.jwtauth.sample.it.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.jwtauth.user.NewUser;
import dev.jwtauth.user.UserStore;

/** The application's one user, created on first start with jwtauth's {@code UserStore}. */
@ApplicationScoped
public class FirstUser {
    public static final String NAME = "carol";
    public static final String PASSWORD = "own-app-password";

    @Inject
    UserStore users;

    void create(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (users.find(NAME).isEmpty()) {
            users.create(NewUser.of(NAME, PASSWORD).withRoles("User").withPermissions("notes:write"));
        }
    }
}
