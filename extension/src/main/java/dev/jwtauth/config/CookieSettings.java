package dev.jwtauth.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Where signed-in clients keep their tokens, and the attributes of the {@code ss-tok} / {@code ss-reftok} cookies.
 *
 * @param useTokenCookie        sign-in puts the access token in the HttpOnly {@code ss-tok} cookie instead of the
 *                              body ({@code jwt.UseTokenCookie}, default true); a request may ask otherwise
 *                              with {@code useTokenCookie}
 * @param useRefreshTokenCookie the refresh token goes in the {@code ss-reftok} cookie whenever the access token
 *                              goes in {@code ss-tok} ({@code jwt.UseRefreshTokenCookie}, default true)
 * @param sameSite              {@code SameSite} of both cookies: Lax, Strict or None ({@code jwt.CookieSameSite})
 * @param path                  {@code Path} of both cookies ({@code jwt.CookiePath}, default {@code /})
 */
public record CookieSettings(boolean useTokenCookie, boolean useRefreshTokenCookie, String sameSite, String path) {

    public CookieSettings {
        Objects.requireNonNull(sameSite, "sameSite");
        sameSite = switch (sameSite.strip().toLowerCase(Locale.ROOT)) {
            case "lax" -> "Lax";
            case "strict" -> "Strict";
            case "none" -> "None";
            default -> throw new InvalidConfigurationException("jwt.CookieSameSite", "'" + sameSite + "' is not Lax, Strict or None");
        };
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c == ';' || c < 0x21 || c > 0x7e)) {
            throw new InvalidConfigurationException("jwt.CookiePath", "'" + path + "' is not a cookie path starting with /");
        }
    }
}
