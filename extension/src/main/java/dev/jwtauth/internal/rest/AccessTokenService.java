package dev.jwtauth.internal.rest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.internal.security.TokenCookies;
import dev.jwtauth.internal.security.TokenIssuer;
import dev.jwtauth.internal.security.TokenSource;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;
import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.RefreshException;
import dev.jwtauth.internal.security.RefreshTokens;

/** {@code GetAccessToken}, whichever route a client used. */
@ApplicationScoped
public class AccessTokenService {
    @Inject
    ServiceContext context;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshTokens refreshTokens;

    /**
     * {@code GetAccessToken}: a new access token for a refresh token from the body or the {@code ss-reftok} cookie.
     * A cookie's refresh token is rotated (the client's cookie jar takes the successor without knowing); one from
     * the body is not, because ServiceStack's clients keep sending the refresh token they were given at sign-in.
     */
    Response refresh(RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        JwtEngine engine = context.issuingEngine(request);
        Optional<String> fromBody = fields.string("refreshToken");
        Optional<String> fromCookie = TokenSource.cookie(request, TokenCookies.REFRESH);
        String refreshToken = fromBody.or(() -> fromCookie)
                .orElseThrow(() -> ServiceError.about(Refusal.MISSING_REFRESH_TOKEN, "refreshToken"));
        boolean cookie = fromBody.isEmpty();
        JwtSettings settings = engine.settings();
        if (cookie || fields.bool("useTokenCookie").orElse(false)) {
            ServiceContext.requireSameSite(request, settings);
        }
        RefreshTokens.Redeemed redeemed;
        try {
            redeemed = refreshTokens.redeem(refreshToken, engine, cookie && settings.refreshTokens().rotate(), request);
        } catch (RefreshException e) {
            if (cookie) {
                TokenCookies.delete(request, response, settings, TokenCookies.REFRESH);
            }
            throw refused(e);
        }
        JwtPrincipal principal = issuer.issue(engine, redeemed.user().toTokenUser());
        if (!cookie && !fields.bool("useTokenCookie").orElse(false)) {
            return ServiceContext.json(JsonCodec.write(Map.of("accessToken", principal.token().raw())));
        }
        Instant now = ServiceContext.now(engine);
        TokenCookies.set(request, response, settings, TokenCookies.ACCESS, principal.token().raw(), ServiceContext.expiry(principal), now);
        redeemed.successor().ifPresent(next ->
                TokenCookies.set(request, response, settings, TokenCookies.REFRESH, next.token(), next.expiresAt(), now));
        return ServiceContext.json("{}");
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
