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
 * the stores give it now when they can be asked by name, else those of its last sign-in; and it gets nothing once
 * the stores say by its name alone that they no longer know it ({@link IdentityStores#forgot}).
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
        return users.accountById(id).filter(account -> !account.isLinked() || !identityStores.forgot(account.userName))
                .map(account -> account.asksGroups()
                ? account.toUser(identityStores.groupsOf(account.userName)) : account.toUser());
    }
}
