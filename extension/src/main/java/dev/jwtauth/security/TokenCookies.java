package dev.jwtauth.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.config.JwtSettings;

/**
 * The {@code ss-tok} and {@code ss-reftok} cookies with the attributes of wire-protocol.md: HttpOnly; Secure on
 * secure requests and always under RequireSecureConnection; the configured SameSite and Path; a lifetime equal to
 * the token's. A deletion repeats the attributes, so the browser matches it to the cookie it holds.
 */
public final class TokenCookies {
    public static final String ACCESS = TokenSource.TOKEN_COOKIE;
    public static final String REFRESH = "ss-reftok";

    private TokenCookies() {
    }

    /** Sets cookie {@code name} to a token valid until {@code expiresAt}. */
    public static void set(HttpServletRequest request, HttpServletResponse response, JwtSettings settings,
                           String name, String token, Instant expiresAt, Instant now) {
        long seconds = Math.max(1, Duration.between(now, expiresAt).toSeconds());
        response.addCookie(cookie(request, settings, name, token, (int) Math.min(Integer.MAX_VALUE, seconds)));
    }

    /** Deletes cookie {@code name}. */
    public static void delete(HttpServletRequest request, HttpServletResponse response, JwtSettings settings, String name) {
        response.addCookie(cookie(request, settings, name, "", 0));
    }

    private static Cookie cookie(HttpServletRequest request, JwtSettings settings, String name, String value, int maxAge) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(settings.cookies().path());
        cookie.setMaxAge(maxAge);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure() || settings.requireSecureConnection());
        cookie.setAttribute("SameSite", settings.cookies().sameSite());
        return cookie;
    }
}
