package dev.jwtauth.internal.security;

import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.JwtPrincipal;

/**
 * The one rule of {@code @RequiresPermission}, for the JAX-RS filter and the CDI interceptor alike: the current
 * request's caller must hold every required permission in its token's {@code perms}, unless it passes every check
 * (an {@code Admin} under {@code jwt.AdminRoleSatisfiesAll}, as ServiceStack's {@code RequiredPermission} lets Admin
 * pass). No caller: the refusal a protected resource gives it.
 */
@ApplicationScoped
public class PermissionCheck {
    @Inject
    RequestAuthenticator authenticator;

    @Inject
    HttpServletRequest request;

    /** Why the current request may not go on; none when its caller has {@code required}. */
    public Optional<RefusalAnswer> refusal(Collection<String> required) {
        Caller caller;
        try {
            caller = authenticator.caller(request);
        } catch (ContextNotActiveException noRequest) {
            // called outside a request (a timer, a message): nobody to ask, so nobody may
            return Optional.of(Refusal.NOT_AUTHENTICATED.answer());
        }
        if (!(caller instanceof Caller.Authenticated authenticated)) {
            return Optional.of(caller.refusal());
        }
        return permits(authenticated.principal(), required) ? Optional.empty() : Optional.of(Refusal.INVALID_PERMISSION.answer());
    }

    /** Whether {@code caller} holds all of {@code required}. */
    static boolean permits(JwtPrincipal caller, Collection<String> required) {
        return caller.hasEveryRole() || caller.token().permissions().containsAll(required);
    }
}
