package dev.jwtauth.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.config.JwtEngine;
import dev.jwtauth.config.JwtSettings;
import dev.jwtauth.token.TokenException;

/**
 * Authenticates each request from its token. Thin by design: it finds the token ({@link TokenSource}), has the
 * identity store verify it, and tells the container who the caller is. Like ServiceStack, a refused token only
 * answers 401/403 where a caller is needed; elsewhere the request goes on anonymously (and a refused cookie is
 * deleted so the browser stops sending it).
 */
@ApplicationScoped
public class JwtAuthMechanism implements HttpAuthenticationMechanism {
    /** The request attribute holding the {@link JwtPrincipal} of an authenticated request. */
    public static final String PRINCIPAL = JwtPrincipal.class.getName();
    private static final String REFUSED = TokenException.class.getName();

    @Inject
    JwtEngine engine;

    @Inject
    JwtIdentityStore identityStore;

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
        JwtSettings settings = engine.settings();
        Optional<PresentedToken> presented = TokenSource.find(request, settings);
        boolean callerNeeded = context.isProtected() || context.isAuthenticationRequest();
        if (presented.isEmpty()) {
            if (!callerNeeded) {
                return context.doNothing();
            }
            ErrorResponses.notAuthenticated(response);
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (settings.requireSecureConnection() && !request.isSecure()) {
            if (!callerNeeded) {
                return context.doNothing();
            }
            ErrorResponses.forbidden(response, ErrorResponses.INSECURE_CONNECTION);
            return AuthenticationStatus.SEND_FAILURE;
        }
        // The container calls again (isAuthenticationRequest) when a resource turns out to need a caller: a token
        // refused on the first call is not verified twice, and its cookie is deleted once.
        if (request.getAttribute(REFUSED) instanceof TokenException refused) {
            return refuse(response, context, refused, callerNeeded);
        }
        JwtPrincipal principal;
        try {
            principal = identityStore.verify(new JwtCredential(presented.get().value()));
        } catch (TokenException refused) {
            request.setAttribute(REFUSED, refused);
            if (presented.get().origin() == PresentedToken.Origin.COOKIE) {
                response.addCookie(expiredCookie(request));
            }
            return refuse(response, context, refused, callerNeeded);
        }
        request.setAttribute(PRINCIPAL, principal);
        return context.notifyContainerAboutLogin(principal, principal.getGroups());
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, HttpMessageContext context,
                                               TokenException refused, boolean callerNeeded) throws IOException {
        if (!callerNeeded) {
            return context.doNothing();
        }
        ErrorResponses.invalidToken(response, refused);
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static Cookie expiredCookie(HttpServletRequest request) {
        Cookie cookie = new Cookie(TokenSource.TOKEN_COOKIE, "");
        cookie.setPath("/");
        cookie.setMaxAge(0);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
