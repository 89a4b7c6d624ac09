package dev.jwtauth.internal.rest;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.security.RefreshException;
import dev.jwtauth.internal.security.Refresher;
import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.TokenCookies;
import dev.jwtauth.internal.security.TokenDelivery;
import dev.jwtauth.internal.security.TokenSource;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;

/** {@code GetAccessToken}, whichever route a client used. */
@ApplicationScoped
public class AccessTokenService {
    @Inject
    ServiceContext context;

    @Inject
    Refresher refresher;

    /**
     * {@code GetAccessToken}: a new access token for a refresh token from the body or the {@code ss-reftok} cookie,
     * delivered as {@link TokenDelivery#refresh} says.
     */
    Response refresh(RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        JwtEngine engine = context.issuingEngine(request);
        Optional<String> fromBody = fields.string("refreshToken");
        String refreshToken = fromBody.or(() -> TokenSource.cookie(request, TokenCookies.REFRESH)).orElseThrow(
                () -> ServiceError.about(Refusal.MISSING_REFRESH_TOKEN, "refreshToken"));
        boolean fromCookie = fromBody.isEmpty();
        TokenDelivery delivery = TokenDelivery.refresh(request, response, engine, fromCookie,
                fields.bool("useTokenCookie").orElse(false));
        if (delivery.usesCookies()) {
            ServiceContext.requireSameSite(request, engine.settings());
        }
        JwtPrincipal principal;
        try {
            principal = refresher.refresh(refreshToken, fromCookie, engine, delivery, request);
        } catch (RefreshException e) {
            throw refused(e);
        }
        return ServiceContext.json(delivery.usesCookies() ? "{}" : JsonCodec.write(Map.of("accessToken", principal.token().raw())));
    }

    /** An expired or revoked refresh token is a refused token like an access token: its answer, and its challenge. */
    private static ServiceError refused(RefreshException e) {
        return switch (e.reason()) {
            case INVALID, REJECTED -> ServiceError.about(Refusal.INVALID_REFRESH_TOKEN, "refreshToken");
            case EXPIRED -> new ServiceError(Refusal.refusedToken(new TokenException(TokenFailure.EXPIRED)));
            case REVOKED -> new ServiceError(Refusal.refusedToken(new TokenException(TokenFailure.INVALIDATED)));
            case LOCKED_OUT -> ServiceError.of(Refusal.LOCKED_OUT);
        };
    }
}
