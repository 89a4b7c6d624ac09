package dev.jwtauth.internal.security;

import java.util.EnumSet;
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
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.ServletContext;

import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.spi.CallerFilter;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.VerifiedToken;

/**
 * Validates {@link JwtCredential}s: the caller is the token's user and its roles are the caller's groups. Other
 * credential types are left to the application's own stores. The mechanism calls {@link #verify} to learn why a
 * token was refused; the container's {@code IdentityStoreHandler} gets the same answer through {@link #validate}.
 */
@ApplicationScoped
public class JwtIdentityStore implements IdentityStore {

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

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof JwtCredential jwt)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            JwtPrincipal principal = verify(jwt);
            return new CredentialValidationResult(principal, principal.getGroups());
        } catch (TokenException e) {
            return CredentialValidationResult.INVALID_RESULT;
        }
    }

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

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
