package dev.jwtauth.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.config.JwtSettings;

/**
 * Finds the token of a request in ServiceStack's order (servicestack-reference.md §3.2): the {@code ss-tok} form
 * field and query parameter when allowed, then {@code Authorization: Bearer}, then the {@code ss-tok} cookie.
 */
public final class TokenSource {
    public static final String TOKEN_COOKIE = "ss-tok";
    private static final String BEARER = "Bearer ";
    private static final String FORM_CONTENT = "application/x-www-form-urlencoded";

    private TokenSource() {
    }

    public static Optional<PresentedToken> find(HttpServletRequest request, JwtSettings settings) {
        if (settings.allowInFormData() && isForm(request)) {
            // Only for form posts: reading parameters of other requests would consume their bodies.
            String form = request.getParameter(TOKEN_COOKIE);
            if (form != null && !form.isBlank()) {
                return Optional.of(new PresentedToken(form.strip(), PresentedToken.Origin.FORM));
            }
        }
        if (settings.allowInQueryString()) {
            Optional<String> query = queryParameter(request.getQueryString());
            if (query.isPresent()) {
                return Optional.of(new PresentedToken(query.get(), PresentedToken.Origin.QUERY));
            }
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            if (!token.isEmpty()) {
                return Optional.of(new PresentedToken(token, PresentedToken.Origin.HEADER));
            }
        }
        return cookie(request, TOKEN_COOKIE).map(value -> new PresentedToken(value, PresentedToken.Origin.COOKIE));
    }

    /**
     * A non-empty cookie value. Empty ones ({@code ss-tok=}, or quoted {@code ss-tok=""}) are what clients replay
     * after a deletion; RFC 6265 §4.1.1 allows a value in double quotes.
     */
    public static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                String value = cookie.getValue();
                if (name.equals(cookie.getName()) && value != null) {
                    value = value.strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        return "POST".equals(request.getMethod()) && contentType != null
                && contentType.regionMatches(true, 0, FORM_CONTENT, 0, FORM_CONTENT.length());
    }

    private static Optional<String> queryParameter(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(TOKEN_COOKIE + "=") && pair.length() > TOKEN_COOKIE.length() + 1) {
                return Optional.of(URLDecoder.decode(pair.substring(TOKEN_COOKIE.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
