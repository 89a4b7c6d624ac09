package dev.jwtauth.internal.security;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.internal.config.JwtSettings;

/**
 * The {@code ss-tok} and {@code ss-reftok} cookies with these attributes: HttpOnly; Secure on
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
        response.addHeader("Set-Cookie", header(request, settings, name, token, seconds, now.plusSeconds(seconds)));
    }

    /** Deletes cookie {@code name}. */
    public static void delete(HttpServletRequest request, HttpServletResponse response, JwtSettings settings, String name) {
        response.addHeader("Set-Cookie", header(request, settings, name, "", 0, Instant.EPOCH));
    }

    /**
     * Written by hand rather than with {@code jakarta.servlet.http.Cookie}: Liberty quotes an empty value
     * ({@code ss-tok=""}), which clients then replay as a two-character token.
     */
    private static String header(HttpServletRequest request, JwtSettings settings, String name, String value,
                                 long maxAge, Instant expires) {
        StringBuilder header = new StringBuilder(name).append('=').append(value)
                .append("; Max-Age=").append(maxAge)
                .append("; Expires=").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(expires.atOffset(ZoneOffset.UTC)))
                .append("; Path=").append(settings.cookies().path());
        if (request.isSecure() || settings.requireSecureConnection()) {
            header.append("; Secure");
        }
        return header.append("; HttpOnly; SameSite=").append(settings.cookies().sameSite()).toString();
    }
}
