package dev.jwtauth.internal.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Hands every request on as a {@link JwtRequest}. Registered for all paths by {@link JwtFilterRegistration}. Under
 * MicroProfile JWT's settings a request whose token is refused ends here ({@link RequestAuthenticator#refusedToken}).
 */
public class JwtRequestFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    transient RequestAuthenticator authenticator;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(RequestAuthenticator.RESPONSE, response);
        Optional<RefusalAnswer> refused = authenticator.refusedToken(request);
        if (refused.isPresent()) {
            refused.get().send(response);
            return;
        }
        chain.doFilter(new JwtRequest(request, response, authenticator), response);
    }
}
