package dev.jwtauth.internal.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;

/**
 * Finds the token of a request in ServiceStack's order: the {@code ss-tok} form
 * field and query parameter when allowed, then {@code Authorization: Bearer}, then the {@code ss-tok} cookie. A
 * request with two different credentials of one kind has none: no order of headers or cookies decides which counts.
 */
public final class TokenSource {
    public static final String TOKEN_COOKIE = "ss-tok";
    private static final String BEARER = "Bearer ";
    private static final String FORM_CONTENT = "application/x-www-form-urlencoded";

    private TokenSource() {
    }

    /**
     * The request's token, if it has one.
     *
     * @throws TokenException {@link TokenFailure#AMBIGUOUS} for two different bearer tokens or {@code ss-tok} cookies
     */
    public static Optional<PresentedToken> find(HttpServletRequest request, JwtSettings settings) throws TokenException {
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
        Optional<String> bearer = bearer(request);
        if (bearer.isPresent()) {
            return Optional.of(new PresentedToken(bearer.get(), PresentedToken.Origin.HEADER));
        }
        return only(cookies(request, TOKEN_COOKIE), PresentedToken.Origin.COOKIE)
                .map(value -> new PresentedToken(value, PresentedToken.Origin.COOKIE));
    }

    /**
     * The request's one non-empty cookie {@code name}; none when it has two with different values, because which one
     * a server picks then decides whose session the request continues (a cookie set for a sub-path or by a sibling
     * domain comes first).
     */
    public static Optional<String> cookie(HttpServletRequest request, String name) {
        List<String> values = cookies(request, name);
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** The bearer token of the {@code Authorization} header; refused when there are two different ones. */
    private static Optional<String> bearer(HttpServletRequest request) throws TokenException {
        Enumeration<String> headers = request.getHeaders("Authorization");
        List<String> tokens = new ArrayList<>(1);
        while (headers != null && headers.hasMoreElements()) {
            String authorization = headers.nextElement();
            if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                String token = authorization.substring(BEARER.length()).strip();
                if (!token.isEmpty() && !tokens.contains(token)) {
                    tokens.add(token);
                }
            }
        }
        return only(tokens, PresentedToken.Origin.HEADER);
    }

    /** The one value, or none; two different ones are refused, so no order of headers or cookies can pick one. */
    private static Optional<String> only(List<String> values, PresentedToken.Origin origin) throws TokenException {
        if (values.size() > 1) {
            throw new TokenException(TokenFailure.AMBIGUOUS, origin == PresentedToken.Origin.HEADER ? "Authorization headers" : "cookies");
        }
        return values.stream().findFirst();
    }

    /**
     * The distinct non-empty values of cookie {@code name}. Empty ones ({@code ss-tok=}, or quoted {@code ss-tok=""})
     * are what clients replay after a deletion; RFC 6265 §4.1.1 allows a value in double quotes.
     */
    private static List<String> cookies(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (name.equals(cookie.getName()) && value != null) {
                value = value.strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty() && !values.contains(value)) {
                    values.add(value);
                }
            }
        }
        return values;
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
