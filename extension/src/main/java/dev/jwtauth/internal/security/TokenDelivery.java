package dev.jwtauth.internal.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.IssuedRefreshToken;
import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.JwtSettings;

/**
 * Where one request's new tokens go: the {@code ss-tok} / {@code ss-reftok} cookies, or the answer's body. The rule
 * for each way tokens are handed out is a factory here, and every cookie jwtauth sets or deletes goes through an
 * instance, so the services and the transparent refresh cannot disagree about it.
 */
public final class TokenDelivery {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final JwtSettings settings;
    private final Instant now;
    private final boolean accessCookie;
    private final boolean refreshCookie;
    private final List<String> cookiesSet = new ArrayList<>(2);

    private TokenDelivery(HttpServletRequest request, HttpServletResponse response, JwtEngine engine,
                          boolean accessCookie, boolean refreshCookie) {
        this.request = request;
        this.response = response;
        this.settings = engine.settings();
        this.now = Instant.now(engine.clock());
        this.accessCookie = accessCookie;
        this.refreshCookie = refreshCookie;
    }

    /** Both tokens as cookies: the transparent refresh, session-to-token, logout, a refused cookie. */
    public static TokenDelivery cookies(HttpServletRequest request, HttpServletResponse response, JwtEngine engine) {
        return new TokenDelivery(request, response, engine, true, true);
    }

    /**
     * Sign-in: the access token as a cookie when the request's {@code useTokenCookie} (else
     * {@code jwt.UseTokenCookie}) says so; then the refresh token too, when {@code useTokenCookie} (else
     * {@code jwt.UseRefreshTokenCookie}) says so. Whatever is not a cookie goes into the body.
     */
    public static TokenDelivery signIn(HttpServletRequest request, HttpServletResponse response, JwtEngine engine,
                                       Optional<Boolean> useTokenCookie) {
        boolean access = useTokenCookie.orElse(engine.settings().cookies().useTokenCookie());
        boolean refresh = access && useTokenCookie.orElse(engine.settings().cookies().useRefreshTokenCookie());
        return new TokenDelivery(request, response, engine, access, refresh);
    }

    /**
     * {@code /access-token}: a refresh token from the cookie is answered in cookies (the client's cookie jar takes
     * the successor without knowing); one from the body is answered in the body unless {@code useTokenCookie}.
     */
    public static TokenDelivery refresh(HttpServletRequest request, HttpServletResponse response, JwtEngine engine,
                                        boolean fromCookie, boolean useTokenCookie) {
        return new TokenDelivery(request, response, engine, fromCookie || useTokenCookie, fromCookie);
    }

    /** Whether this delivery sets cookies, which a browser then sends by itself: another site must not cause that. */
    public boolean usesCookies() {
        return accessCookie;
    }

    /** Sets {@code ss-tok} if the access token goes into a cookie; false when the body must carry it. */
    public boolean access(JwtPrincipal principal) {
        if (!accessCookie) {
            return false;
        }
        set(TokenCookies.ACCESS, principal.token().raw(), Instant.ofEpochSecond(principal.token().expiresAt()));
        return true;
    }

    /** Sets {@code ss-reftok} if the refresh token goes into a cookie; false when the body must carry it. */
    public boolean refresh(IssuedRefreshToken token) {
        if (!refreshCookie) {
            return false;
        }
        set(TokenCookies.REFRESH, token.token(), token.expiresAt());
        return true;
    }

    /** The cookies set so far, in order: the {@code X-Cookies} header ServiceStack's clients read. */
    public List<String> cookiesSet() {
        return List.copyOf(cookiesSet);
    }

    /** Deletes cookie {@code name} ({@link TokenCookies#ACCESS} or {@link TokenCookies#REFRESH}). */
    public void delete(String name) {
        TokenCookies.delete(request, response, settings, name);
    }

    private void set(String name, String token, Instant expiresAt) {
        TokenCookies.set(request, response, settings, name, token, expiresAt, now);
        cookiesSet.add(name);
    }
}
