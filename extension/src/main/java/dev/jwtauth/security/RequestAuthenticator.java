package dev.jwtauth.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.config.JwtEngine;
import dev.jwtauth.config.JwtSettings;
import dev.jwtauth.token.TokenException;

/**
 * Decides who the caller of a request is, once per request and only when somebody asks: the application (through
 * {@link JwtRequest}), the container (through {@link JwtAuthMechanism}) or a {@code JsonWebToken} injection. A
 * request whose caller nobody asks about costs no token verification at all.
 */
@ApplicationScoped
public class RequestAuthenticator {
    private static final String CALLER = Caller.class.getName();
    private static final String COOKIE_DELETED = Caller.class.getName() + ".cookieDeleted";

    @Inject
    JwtEngine engine;

    @Inject
    JwtIdentityStore identityStore;

    /** The caller of {@code request}, decided on the first call and remembered in the request. */
    public Caller caller(HttpServletRequest request) {
        if (request.getAttribute(CALLER) instanceof Caller known) {
            return known;
        }
        Caller caller = decide(request);
        request.setAttribute(CALLER, caller);
        return caller;
    }

    private Caller decide(HttpServletRequest request) {
        JwtSettings settings = engine.settings();
        Optional<PresentedToken> presented = TokenSource.find(request, settings);
        if (presented.isEmpty()) {
            return new Caller.Anonymous();
        }
        if (settings.requireSecureConnection() && !request.isSecure()) {
            return new Caller.Insecure();
        }
        try {
            return new Caller.Authenticated(identityStore.verify(new JwtCredential(presented.get().value())));
        } catch (TokenException refused) {
            return new Caller.Refused(refused, presented.get().origin());
        }
    }

    /**
     * Deletes a refused {@code ss-tok} cookie, once per request, so the browser stops sending it
     * (servicestack-reference.md §3.3 step 11).
     */
    public void forgetRefusedCookie(HttpServletRequest request, HttpServletResponse response, Caller caller) {
        if (caller instanceof Caller.Refused refused && refused.origin() == PresentedToken.Origin.COOKIE
                && request.getAttribute(COOKIE_DELETED) == null && !response.isCommitted()) {
            request.setAttribute(COOKIE_DELETED, Boolean.TRUE);
            Cookie cookie = new Cookie(TokenSource.TOKEN_COOKIE, "");
            cookie.setPath("/");
            cookie.setMaxAge(0);
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
    }
}
