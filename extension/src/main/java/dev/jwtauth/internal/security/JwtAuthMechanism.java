package dev.jwtauth.internal.security;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.JwtPrincipal;


/**
 * The container's side of token authentication. Where the container needs a caller — a protected resource, or
 * {@code request.authenticate()} (which Liberty's {@code @RolesAllowed} filter calls when the application's view of
 * the request has no caller) — it logs in the token's user or answers 401/403 in the documented JSON shape.
 * Everywhere else it does nothing: like ServiceStack, a refused token only fails requests that need a caller.
 */
@ApplicationScoped
public class JwtAuthMechanism implements HttpAuthenticationMechanism {
    @Inject
    RequestAuthenticator authenticator;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        try {
            return authenticate(request, response, context);
        } catch (IOException e) {
            // The client went away while we answered; nothing else can be sent.
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    private AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response,
                                              HttpMessageContext context) throws IOException {
        // A request that does not need a caller gets no container login: the application learns its caller from
        // JwtRequest, when it asks. The login is what costs (docs/performance.md, "Why the mechanism is built this way").
        if (!context.isProtected() && !context.isAuthenticationRequest()) {
            return context.doNothing();
        }
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential login) {
            return login(login, request, response, context);
        }
        Caller caller = authenticator.caller(request);
        authenticator.forgetRefusedCookie(request, response, caller);
        if (caller instanceof Caller.Authenticated authenticated) {
            JwtPrincipal principal = authenticated.principal();
            return context.notifyContainerAboutLogin(principal, principal.getGroups());
        }
        caller.refusal().send(response);
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * The application's own login: {@code SecurityContext.authenticate} with a {@code UsernamePasswordCredential}
     * (Liberty refuses {@code request.login} while a mechanism such as this one is active, and allows no second
     * mechanism). Checked as a sign-in is; the caller is kept in the HTTP session as a sign-in that asks for no tokens
     * keeps it, until {@code /session-to-token} converts it into token cookies.
     */
    private AuthenticationStatus login(UsernamePasswordCredential login, HttpServletRequest request,
                                       HttpServletResponse response, HttpMessageContext context) throws IOException {
        Caller caller = authenticator.login(login.getCaller(), login.getPasswordAsString(), request);
        if (caller instanceof Caller.Authenticated authenticated) {
            JwtPrincipal principal = authenticated.principal();
            authenticator.keepInSession(request, principal);
            return context.notifyContainerAboutLogin(principal, principal.getGroups());
        }
        caller.refusal().send(response);
        return AuthenticationStatus.SEND_FAILURE;
    }
}
