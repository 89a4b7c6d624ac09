package dev.jwtauth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.config.JwtEngine;
import dev.jwtauth.security.Caller;
import dev.jwtauth.security.JwtPrincipal;
import dev.jwtauth.security.PresentedToken;
import dev.jwtauth.security.RequestAuthenticator;
import dev.jwtauth.security.TenantEngines;
import dev.jwtauth.security.TokenIssuer;
import dev.jwtauth.security.TokenSource;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.VerifiedToken;
import dev.jwtauth.user.RefreshTokens;
import dev.jwtauth.user.User;

/**
 * jwtauth for application code (ServiceStack's ad hoc API): inject it ({@code @Inject JwtAuth jwt}) into a resource,
 * servlet or bean that serves a request. Everything happens as for the request being served: its tenant's keys and
 * settings, the application's filters and validators — the same answers the mechanism gives.
 */
@ApplicationScoped
public class JwtAuth {
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

    /**
     * The token the current request presents (header, cookie, or the opt-in query/form field), not yet checked; none
     * when it presents two different ones of a kind.
     */
    public Optional<String> currentToken() {
        try {
            return TokenSource.find(request, engine().settings()).map(PresentedToken::value);
        } catch (TokenException ambiguous) {
            return Optional.empty();
        }
    }

    /** The caller of the current request if it authenticated with a token (or a transparent refresh). */
    public Optional<JwtPrincipal> currentCaller() {
        return authenticator.caller(request) instanceof Caller.Authenticated authenticated
                ? Optional.of(authenticated.principal()) : Optional.empty();
    }

    /** The caller {@code token} stands for, or why it is refused ({@link TokenException#failure()}). */
    public JwtPrincipal callerOf(String token) throws TokenException {
        return authenticator.verify(token, engine(), request);
    }

    /** Whether {@code token} would authenticate the current request. */
    public boolean isValid(String token) {
        return validPayload(token).isPresent();
    }

    /** The checked header and claims of {@code token}, or empty if it would not authenticate the current request. */
    public Optional<VerifiedToken> validPayload(String token) {
        try {
            return Optional.of(callerOf(token).token());
        } catch (TokenException e) {
            return Optional.empty();
        }
    }

    /** A new access token for {@code user}, as sign-in would issue it (filters and listeners included). */
    public String createAccessToken(User user) {
        return issuer.issue(engine(), user.toTokenUser()).token().raw();
    }

    /**
     * A new refresh token for {@code user} (a new family: one per device), redeemable at {@code /access-token} of the
     * current request's tenant. With a {@code UserSource}, {@link User#id()} is what it will be asked for.
     */
    public RefreshTokens.Issued createRefreshToken(User user) {
        return refreshTokens.issue(user, engine());
    }

    private JwtEngine engine() {
        TenantEngines.Resolution tenant = tenantEngines.resolve(request);
        if (tenant instanceof TenantEngines.Refused refused) {
            throw new IllegalStateException("the current request has no usable tenant: " + refused.message());
        }
        return ((TenantEngines.Resolved) tenant).engine();
    }
}
