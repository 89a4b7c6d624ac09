package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.spi.CallerFilter;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.VerifiedToken;

/**
 * Verifies tokens ({@link JwtCredential}s): the caller is the token's user and its roles are the caller's groups,
 * as the application's {@link CallerFilter}s decide. The mechanism and the services call it directly.
 * <p>
 * Deliberately not an {@code IdentityStore} bean: the container's {@code IdentityStoreHandler} then holds exactly the
 * application's own stores, which is how jwtauth tells whether the application has any (its password sign-in goes
 * to them); a token is never a credential the handler is given.
 */
@ApplicationScoped
public class TokenVerifier {

    @Inject
    Instance<CallerFilter> callerFilterBeans;

    private List<CallerFilter> callerFilters;

    @PostConstruct
    void prepare() {
        callerFilters = callerFilterBeans.stream().toList();
    }

    /** One cache per engine: a token remembered as valid for one tenant must not be taken as valid for another. */
    private final Map<JwtEngine, PrincipalCache> caches = new ConcurrentHashMap<>();

    /** The principal of a valid token, or the reason it is refused. Tokens verified before are remembered. */
    public JwtPrincipal verify(JwtCredential credential) throws TokenException {
        JwtEngine engine = credential.engine();
        PrincipalCache cache = caches.computeIfAbsent(engine, e -> new PrincipalCache(e.settings().tokenCacheSize()));
        Optional<JwtPrincipal> known = cache.get(credential.token(), engine.clock().millis() / 1000);
        if (known.isPresent()) {
            return known.get();
        }
        VerifiedToken token = engine.reader().read(credential.token());
        Set<String> roles = token.roles();
        for (CallerFilter filter : callerFilters) {
            roles = filter.roles(token, roles);
        }
        JwtPrincipal principal = new JwtPrincipal(token, roles);
        cache.put(principal);
        return principal;
    }
}
