package dev.jwtauth.internal.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.spi.StoreUnavailableException;

/** The one refresh flow, for {@code /access-token} and the transparent refresh alike. */
@ApplicationScoped
public class Refresher {
    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    Metrics metrics;

    /**
     * The caller of {@code refreshToken} with a new access token, delivered with the successor (if this request
     * rotated it) as {@code delivery} says. A refused token that came in the cookie is deleted from it.
     *
     * @param fromCookie whether the token came in the {@code ss-reftok} cookie; only such a token is rotated (when
     *                   {@code jwt.RotateRefreshTokens}), since ServiceStack's clients keep sending the one they got
     *                   at sign-in
     * @throws RefreshException          refused
     * @throws StoreUnavailableException the store failed: nothing was decided, and the cookie is left as it is
     */
    public JwtPrincipal refresh(String refreshToken, boolean fromCookie, JwtEngine engine, TokenDelivery delivery,
                                HttpServletRequest request) {
        RefreshTokens.Redeemed redeemed;
        try {
            redeemed = refreshTokens.redeem(refreshToken, engine, fromCookie && engine.settings().refreshTokens().rotate(),
                    request);
        } catch (RefreshException e) {
            metrics.refresh(engine, e.reason().name());
            if (fromCookie) {
                delivery.delete(TokenCookies.REFRESH);
            }
            throw e;
        } catch (StoreUnavailableException e) {
            metrics.refresh(engine, Refusal.STORE_UNAVAILABLE.name());
            throw e;
        }
        metrics.refresh(engine, Metrics.SUCCESS);
        JwtPrincipal principal = issuer.issue(engine, redeemed.user().toTokenUser());
        delivery.access(principal);
        redeemed.successor().ifPresent(delivery::refresh);
        return principal;
    }
}
