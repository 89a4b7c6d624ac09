package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.security.RefreshException;
import dev.jwtauth.internal.security.RefreshTokens;
import dev.jwtauth.spi.StoreUnavailableException;

/**
 * Transparent refresh: a request whose {@code ss-tok} is missing or expired but
 * whose {@code ss-reftok} cookie is valid is served as that user, and its response carries a fresh {@code ss-tok}
 * (and, when the refresh token rotates, a fresh {@code ss-reftok}). A refresh token that fails is deleted.
 */
@ApplicationScoped
public class CookieRefresh {
    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshTokens refreshTokens;

    /**
     * The caller the request's {@code ss-reftok} cookie stands for, if it has a valid one.
     *
     * @throws StoreUnavailableException when the store failed: the cookie is left as it is
     */
    Optional<JwtPrincipal> refresh(HttpServletRequest request, HttpServletResponse response, JwtEngine engine) {
        Optional<String> refreshToken = TokenSource.cookie(request, TokenCookies.REFRESH);
        if (refreshToken.isEmpty() || engine.writer().isEmpty() || response.isCommitted()) {
            return Optional.empty();
        }
        try {
            RefreshTokens.Redeemed redeemed = refreshTokens.redeem(refreshToken.get(), engine,
                    engine.settings().refreshTokens().rotate(), request);
            JwtPrincipal principal = issuer.issue(engine, redeemed.user().toTokenUser());
            String token = principal.token().raw();
            Instant now = Instant.now(engine.clock());
            TokenCookies.set(request, response, engine.settings(), TokenCookies.ACCESS, token,
                    Instant.ofEpochSecond(principal.token().expiresAt()), now);
            redeemed.successor().ifPresent(successor -> TokenCookies.set(request, response, engine.settings(),
                    TokenCookies.REFRESH, successor.token(), successor.expiresAt(), now));
            return Optional.of(principal);
        } catch (RefreshException e) {
            TokenCookies.delete(request, response, engine.settings(), TokenCookies.REFRESH);
            return Optional.empty();
        }
    }
}
