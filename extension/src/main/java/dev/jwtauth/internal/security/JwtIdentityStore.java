package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

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

    @Inject
    Instance<CallerFilter> callerFilterBeans;

    private List<CallerFilter> callerFilters;

    @PostConstruct
    void prepare() {
        callerFilters = callerFilterBeans.stream().toList();
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
        JwtPrincipal principal = new JwtPrincipal(token, roles);
        cache.put(principal);
        return principal;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
