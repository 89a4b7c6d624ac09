package dev.jwtauth.sample.it;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.jwtauth.User;
import dev.jwtauth.spi.UserSource;
import dev.jwtauth.token.Profile;

/**
 * Deployed only with the identity-store tests: an application that keeps its users' profiles itself, next to its
 * {@link MemoryIdentityStore}, whose groups it knows too. Its users' ids are their names, as the store gives them;
 * each has an e-mail address and a permission, so a token shows where its claims came from.
 */
@ApplicationScoped
public class DirectoryUsers implements UserSource {
    static final String DOMAIN = "@directory.example";

    @Override
    public Optional<User> user(String id) {
        return Optional.ofNullable(MemoryIdentityStore.GROUPS.get(id)).map(groups -> new User(id, id,
                Profile.empty().withEmail(id + DOMAIN), List.copyOf(groups), List.of("directory-read"), false, Optional.empty()));
    }
}
