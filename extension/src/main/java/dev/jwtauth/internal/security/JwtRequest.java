package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request as the application sees it: {@code getUserPrincipal()}, {@code isUserInRole()},
 * {@code getRemoteUser()} and {@code getAuthType()} answer from the request's token, verified when first asked.
 * JAX-RS builds its {@code SecurityContext} on these, and Liberty's {@code @RolesAllowed} filter asks them, so a
 * token authorises a JAX-RS call without a container login — the login is what made authenticated requests cost
 * several times a public one on Liberty (see docs/performance.md). Requests without a valid token fall back to the
 * container's answers.
 */
final class JwtRequest extends HttpServletRequestWrapper {
    private final HttpServletResponse response;
    private final RequestAuthenticator authenticator;

    JwtRequest(HttpServletRequest request, HttpServletResponse response, RequestAuthenticator authenticator) {
        super(request);
        this.response = response;
        this.authenticator = authenticator;
    }

    @Override
    public Principal getUserPrincipal() {
        JwtPrincipal principal = principal();
        return principal != null ? principal : super.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
        JwtPrincipal principal = principal();
        if (principal == null) {
            return super.isUserInRole(role);
        }
        // Servlet 6.0 §13.3: "**" is any authenticated user.
        return principal.getGroups().contains(role) || "**".equals(role);
    }

    @Override
    public String getRemoteUser() {
        JwtPrincipal principal = principal();
        return principal != null ? principal.getName() : super.getRemoteUser();
    }

    @Override
    public String getAuthType() {
        if (!(caller() instanceof Caller.Authenticated authenticated)) {
            return super.getAuthType();
        }
        return authenticated.source() == Caller.Source.BASIC ? BASIC_AUTH : "Bearer";
    }

    private JwtPrincipal principal() {
        return caller() instanceof Caller.Authenticated authenticated ? authenticated.principal() : null;
    }

    private Caller caller() {
        HttpServletRequest request = (HttpServletRequest) getRequest();
        Caller caller = authenticator.caller(request);
        authenticator.forgetRefusedCookie(request, response, caller);
        return caller;
    }
}
