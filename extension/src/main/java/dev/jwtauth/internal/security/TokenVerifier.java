package dev.jwtauth.internal.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

import dev.jwtauth.JwtPrincipal;
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

    /** ServiceStack's role that passes every check, under {@code jwt.AdminRoleSatisfiesAll}. */
    static final String ADMIN = "Admin";

    @Inject
    Instance<CallerFilter> callerFilterBeans;

    @Inject
    Instance<ServletContext> servletContext;

    private List<CallerFilter> callerFilters;
    /** The roles the application names ({@link DeclaredRoles}): an Admin's groups list them all. */
    private Set<String> declaredRoles;

    @PostConstruct
    void prepare() {
        callerFilters = callerFilterBeans.stream().toList();
        declaredRoles = servletContext.isResolvable()
                && servletContext.get().getAttribute(DeclaredRoles.ATTRIBUTE) instanceof Set<?> roles
                ? roles.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet()) : Set.of();
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
        JwtPrincipal principal = caller(token, roles, engine.settings().adminRoleSatisfiesAll(), declaredRoles);
        cache.put(principal);
        return principal;
    }

    /**
     * The caller of a token with {@code roles}: with the Admin rule on, an {@code Admin} passes every role check, and
     * lists its roles and every role the application names.
     */
    static JwtPrincipal caller(VerifiedToken token, Set<String> roles, boolean adminSatisfiesAll, Set<String> declaredRoles) {
        if (!adminSatisfiesAll || !roles.contains(ADMIN)) {
            return new JwtPrincipal(token, roles);
        }
        Set<String> listed = new LinkedHashSet<>(roles);
        listed.addAll(declaredRoles);
        return new JwtPrincipal(token, listed, true);
    }
}
