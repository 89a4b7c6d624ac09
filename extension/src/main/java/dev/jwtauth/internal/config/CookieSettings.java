package dev.jwtauth.internal.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where signed-in clients keep their tokens, and the attributes of the {@code ss-tok} / {@code ss-reftok} cookies.
 *
 * @param useTokenCookie        sign-in puts the access token in the HttpOnly {@code ss-tok} cookie instead of the
 *                              body ({@code jwt.UseTokenCookie}); a request may ask otherwise
 *                              with {@code useTokenCookie}
 * @param useRefreshTokenCookie the refresh token goes in the {@code ss-reftok} cookie whenever the access token
 *                              goes in {@code ss-tok} ({@code jwt.UseRefreshTokenCookie})
 * @param sameSite              {@code SameSite} of both cookies: Lax, Strict or None ({@code jwt.CookieSameSite})
 * @param path                  {@code Path} of both cookies ({@code jwt.CookiePath})
 * @param allowedOrigins        other origins ({@code https://app.example.com}) whose pages may make requests that use or
 *                              set the cookies ({@code jwt.AllowedOrigins}, comma-separated): a
 *                              cross-site request from any other is refused, against cross-site request forgery
 */
public record CookieSettings(boolean useTokenCookie, boolean useRefreshTokenCookie, String sameSite, String path,
                             Set<String> allowedOrigins) {

    /** RFC 6454 serialised origin, as browsers send it in {@code Origin}. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

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
        for (String origin : allowedOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new InvalidConfigurationException("jwt.AllowedOrigins",
                        "'" + origin + "' is not an origin: scheme://host[:port], nothing after it");
            }
        }
        allowedOrigins = Set.copyOf(allowedOrigins);
    }
}
