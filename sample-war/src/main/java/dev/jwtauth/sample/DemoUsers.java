package dev.jwtauth.sample;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.jwtauth.token.Profile;
import dev.jwtauth.user.NewUser;
import dev.jwtauth.user.UserStore;

/**
 * The sample's users, created on first start (README, "Try the sample"): how an application creates users and gives
 * them roles from code. Users that exist already are left as they are.
 */
@ApplicationScoped
public class DemoUsers {
    static final String PASSWORD = "jwtauth-demo";

    @Inject
    UserStore users;

    void seed(@Observes @Initialized(ApplicationScoped.class) Object started) {
        create(NewUser.of("admin", PASSWORD).withRoles("Admin", "User").withPermissions("ManageUsers")
                .withProfile(Profile.empty().withEmail("admin@example.com").withDisplayName("Ada Admin").withNames("Ada", "Admin")));
        create(NewUser.of("alice", PASSWORD).withRoles("User")
                .withProfile(Profile.empty().withEmail("alice@example.com").withDisplayName("Alice Liddell").withNames("Alice", "Liddell")));
        if (create(NewUser.of("mallory", PASSWORD).withRoles("User").withProfile(Profile.empty().withEmail("mallory@example.com")))) {
            users.lock("mallory");
        }
    }

    private boolean create(NewUser user) {
        if (users.find(user.userName()).isPresent()) {
            return false;
        }
        users.create(user);
        return true;
    }
}
