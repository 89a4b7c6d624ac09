package dev.jwtauth.user;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.jwtauth.User;
import dev.jwtauth.spi.Builtin;
import dev.jwtauth.spi.UserSource;

/**
 * The users of refresh tokens, from jwtauth's store, when the application has no {@link UserSource} of its own. An
 * identity store's user is read from its account here (deleted or locked there, it gets nothing), with the groups
 * the stores give it now when they can be asked by name, else those of its last sign-in.
 */
@ApplicationScoped
@Builtin
class StoreUserSource implements UserSource {
    @Inject
    UserStore users;

    @Inject
    IdentityStores identityStores;

    @Override
    public Optional<User> user(String id) {
        return users.accountById(id).map(account -> account.asksGroups()
                ? account.toUser(identityStores.groupsOf(account.userName)) : account.toUser());
    }
}
