package dev.jwtauth.internal.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.IssuedRefreshToken;
import dev.jwtauth.JwtAuth;
import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.User;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.token.TokenException;

/** {@link JwtAuth} for the request being served. */
@ApplicationScoped
public class CurrentRequestJwtAuth implements JwtAuth {
    @Inject
    HttpServletRequest request;

    @Inject
    TenantEngines tenantEngines;

    @Inject
    RequestAuthenticator authenticator;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshTokens refreshTokens;

    @Override
    public Optional<String> currentToken() {
        try {
            return TokenSource.find(request, engine().settings()).map(PresentedToken::value);
        } catch (TokenException ambiguous) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<JwtPrincipal> currentCaller() {
        return authenticator.caller(request) instanceof Caller.Authenticated authenticated
                ? Optional.of(authenticated.principal()) : Optional.empty();
    }

    @Override
    public JwtPrincipal callerOf(String token) throws TokenException {
        return authenticator.verify(token, engine(), request);
    }

    @Override
    public String createAccessToken(User user) {
        return issuer.issue(engine(), user.toTokenUser()).token().raw();
    }

    @Override
    public IssuedRefreshToken createRefreshToken(User user) {
        return refreshTokens.issue(user, engine());
    }

    @Override
    public int revokeRefreshTokens(User user) {
        return refreshTokens.revokeAll(user.id(), engine());
    }

    private JwtEngine engine() {
        return tenantEngines.resolve(request)
                .engineOr(refusal -> new IllegalStateException("the current request has no usable tenant: " + refusal));
    }
}
