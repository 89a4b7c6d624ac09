package dev.jwtauth.sample.it;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.spi.CallerFilter;
import dev.jwtauth.spi.RefreshTokenValidator;
import dev.jwtauth.spi.TokenCreatedListener;
import dev.jwtauth.spi.TokenHeaderFilter;
import dev.jwtauth.spi.TokenPayloadFilter;
import dev.jwtauth.spi.TokenValidator;
import dev.jwtauth.spi.UserSource;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.VerifiedToken;
import dev.jwtauth.User;
import dev.jwtauth.user.UserStore;

/**
 * Deployed only with {@link HooksIT}: one application bean per hook, each acting on users whose name starts with a
 * marker, so every test picks the behaviour by the user it creates.
 */
public final class HookFixtures {
    /** The {@code jti} of the last access token issued, as {@link Created} saw it. */
    static final AtomicReference<String> LAST_CREATED = new AtomicReference<>();

    private HookFixtures() {
    }

    private static boolean named(TokenUser user, String prefix) {
        return user.userName().map(name -> name.startsWith(prefix)).orElse(false);
    }

    @ApplicationScoped
    public static class Header implements TokenHeaderFilter {
        @Override
        public void filter(Map<String, Object> header, TokenUser user) {
            header.put("ver", "2");
        }
    }

    /** A plan claim for every user; a two-minute lifetime for users named {@code brief-…}. */
    @ApplicationScoped
    public static class Payload implements TokenPayloadFilter {
        @Override
        public void filter(Map<String, Object> payload, TokenUser user) {
            payload.put("plan", named(user, "gold-") ? "gold" : "basic");
            if (named(user, "brief-")) {
                payload.put("exp", ((Number) payload.get("iat")).longValue() + 120);
            }
        }
    }

    @ApplicationScoped
    public static class Created implements TokenCreatedListener {
        @Override
        public void created(VerifiedToken token, TokenUser user) {
            LAST_CREATED.set(token.string("jti").orElseThrow());
        }
    }

    /** Gold plans get the Admin role. */
    @ApplicationScoped
    public static class Roles implements CallerFilter {
        @Override
        public Set<String> roles(VerifiedToken token, Set<String> roles) {
            if (!token.string("plan").map("gold"::equals).orElse(false)) {
                return roles;
            }
            Set<String> more = new LinkedHashSet<>(roles);
            more.add("Admin");
            return more;
        }
    }

    /** Users named {@code banned-…} are suspended: their tokens no longer count. */
    @ApplicationScoped
    public static class Suspensions implements TokenValidator {
        @Override
        public boolean isValid(VerifiedToken token, HttpServletRequest request) {
            return !token.string("preferred_username").map(name -> name.startsWith("banned-")).orElse(false);
        }
    }

    /** Users named {@code norefresh-…} must sign in again instead of refreshing. */
    @ApplicationScoped
    public static class NoRefresh implements RefreshTokenValidator {
        @Override
        public boolean isValid(User user, HttpServletRequest request) {
            return !user.userName().startsWith("norefresh-");
        }
    }

    /**
     * An application's own user source for refreshes: here jwtauth's store seen through it, with one more role, and
     * without users named {@code gone-…}.
     */
    @ApplicationScoped
    public static class Users implements UserSource {
        @Inject
        UserStore store;

        @Override
        public Optional<User> user(String id) {
            return store.findById(id).filter(user -> !user.userName().startsWith("gone-")).map(user -> {
                List<String> roles = new ArrayList<>(user.roles());
                roles.add("FromSource");
                return new User(user.id(), user.userName(), user.profile(), roles, user.permissions(), user.lockedOut(),
                        user.lockoutEnd());
            });
        }
    }
}
