package dev.jwtauth.internal.rest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.User;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.internal.security.Caller;
import dev.jwtauth.internal.security.RefreshTokens;
import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.RequestAuthenticator;
import dev.jwtauth.internal.security.TokenDelivery;
import dev.jwtauth.internal.security.TokenIssuer;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.user.UserStore;

/** {@code ConvertSessionToToken}, whichever route a client used. */
@ApplicationScoped
public class SessionToTokenService {
    @Inject
    ServiceContext context;

    @Inject
    RequestAuthenticator authenticator;

    @Inject
    TokenIssuer issuer;

    @Inject
    UserStore users;

    @Inject
    RefreshTokens refreshTokens;

    /**
     * {@code ConvertSessionToToken}: the caller of the request's session — a sign-in that asked for no tokens, or a
     * login of another mechanism kept in the session — gets an {@code ss-tok} (and an {@code ss-reftok}) cookie;
     * the session ends unless {@code preserveSession}. So does the caller of the request's HTTP Basic credentials
     * ({@code jwt.AuthenticateBasicRequests}). A caller that already has a token gets it as a cookie.
     */
    Response convert(RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        JwtEngine engine = context.engine(request);
        ServiceContext.requireSameSite(request, engine.settings());
        boolean preserveSession = fields.bool("preserveSession").orElse(false);
        JwtSettings settings = engine.settings();
        Caller caller = authenticator.caller(request);
        if (caller instanceof Caller.Refused refused) {
            throw new ServiceError(Refusal.refusedToken(refused.failure()));
        }
        if (caller instanceof Caller.PasswordRefused refused) {
            throw new ServiceError(refused.answer());
        }
        Instant now = ServiceContext.now(engine);
        TokenDelivery cookies = TokenDelivery.cookies(request, response, engine);
        JwtPrincipal principal;
        if (caller instanceof Caller.Authenticated authenticated && hasToken(authenticated)) {
            principal = authenticated.principal();
        } else {
            Optional<User> sessionUser = caller instanceof Caller.Authenticated authenticated
                    ? refreshTokens.user(authenticated.principal().getSubject())
                    : ServiceContext.containerCaller(request).flatMap(p -> users.find(p.getName()));
            User user = sessionUser.orElseThrow(() -> ServiceError.of(Refusal.NOT_AUTHENTICATED));
            if (user.isLockedAt(now)) {
                throw ServiceError.of(Refusal.LOCKED_OUT);
            }
            ServiceContext.requireIssuing(engine);
            principal = issuer.issue(engine, user.toTokenUser());
            cookies.refresh(refreshTokens.issue(user, engine));
            HttpSession session = request.getSession(false);
            if (session != null && !preserveSession) {
                session.invalidate();
            }
        }
        cookies.access(principal);
        authenticator.forget(request);
        return ServiceContext.json(settings.includeJwtInConvertSessionToTokenResponse()
                ? JsonCodec.write(Map.of("accessToken", principal.token().raw())) : "{}");
    }

    /** Whether the caller came with a token of its own, or refreshed into one: the session's and Basic's are not the client's. */
    private static boolean hasToken(Caller.Authenticated caller) {
        return caller.source() == Caller.Source.TOKEN || caller.source() == Caller.Source.REFRESH;
    }
}
