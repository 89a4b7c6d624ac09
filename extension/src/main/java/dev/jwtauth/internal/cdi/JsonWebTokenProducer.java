package dev.jwtauth.internal.cdi;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.jwtauth.internal.security.Caller;
import dev.jwtauth.internal.security.RequestAuthenticator;

/**
 * Produces the {@link JsonWebToken} of the current request for {@code @Inject JsonWebToken} and for smallrye-jwt's
 * {@code @Claim} producers. It must be an enabled alternative of higher priority than smallrye-jwt's own
 * {@code PrincipalProducer} (priority 1), which Liberty discovers in smallrye-jwt.jar and which would otherwise
 * silently inject an empty token.
 */
@ApplicationScoped
@Alternative
@Priority(JsonWebTokenProducer.PRIORITY)
class JsonWebTokenProducer {
    static final int PRIORITY = 1000;

    @Inject
    HttpServletRequest request;

    @Inject
    RequestAuthenticator authenticator;

    @Produces
    @RequestScoped
    JsonWebToken currentToken() {
        return authenticator.caller(request) instanceof Caller.Authenticated authenticated
                ? authenticated.principal()
                : Anonymous.INSTANCE;
    }

    /**
     * The token of a request without one: no name, no claims (a normal-scoped producer may not return null). As
     * MicroProfile JWT's empty token it has no claim names either: {@code null}, not an empty set.
     */
    static final class Anonymous implements JsonWebToken {
        static final Anonymous INSTANCE = new Anonymous();

        @Override
        public String getName() {
            return null;
        }

        @Override
        public Set<String> getClaimNames() {
            return null;
        }

        @Override
        public <T> T getClaim(String claimName) {
            return null;
        }
    }
}
