package dev.jwtauth.internal.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;

/**
 * Finds the token of a request in ServiceStack's order: the {@code ss-tok} form field and query parameter when
 * allowed, then the request DTO's {@code BearerToken} field when allowed, or {@code Authorization: Bearer}, then the
 * {@code ss-tok} cookie; or, under MicroProfile JWT's {@code mp.jwt.token.header=Cookie}, only its cookie. A request with two different credentials of one kind — or a {@code BearerToken} and an
 * {@code Authorization} header that differ — has none: no order of headers, fields or cookies decides which counts.
 * Fields in a body are read through {@link RequestBody}, so the application can still read it.
 */
public final class TokenSource {
    public static final String TOKEN_COOKIE = "ss-tok";
    private static final String BEARER = "Bearer ";
    /** ServiceStack's {@code IHasBearerToken.BearerToken}, bound in any case as its DTO fields are. */
    private static final String DTO_FIELD = "bearertoken";
    /** The methods whose body ServiceStack binds to a request DTO. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private TokenSource() {
    }

    /**
     * The request's token, if it has one.
     *
     * @throws TokenException {@link TokenFailure#AMBIGUOUS} for two different bearer tokens, {@code BearerToken}
     *                        fields or {@code ss-tok} cookies, or a {@code BearerToken} field and a different header
     */
    public static Optional<PresentedToken> find(HttpServletRequest request, JwtSettings settings) throws TokenException {
        if (settings.mpTokenCookie().isPresent()) {
            return only(cookies(request, settings.mpTokenCookie().get()), PresentedToken.Origin.COOKIE)
                    .map(value -> new PresentedToken(value, PresentedToken.Origin.COOKIE));
        }
        if (settings.allowInFormData() && "POST".equals(request.getMethod())) {
            Optional<String> form = bodyForm(request).flatMap(fields -> fields.getOrDefault(TOKEN_COOKIE, List.of()).stream()
                    .map(String::strip).filter(value -> !value.isEmpty()).findFirst());
            if (form.isPresent()) {
                return Optional.of(new PresentedToken(form.get(), PresentedToken.Origin.FORM));
            }
        }
        if (settings.allowInQueryString()) {
            Optional<String> query = queryParameter(request.getQueryString());
            if (query.isPresent()) {
                return Optional.of(new PresentedToken(query.get(), PresentedToken.Origin.QUERY));
            }
        }
        Optional<String> bearer = bearer(request);
        if (settings.allowInRequestDto()) {
            List<String> fields = dtoFields(request);
            if (!fields.isEmpty()) {
                bearer.filter(header -> !fields.contains(header)).ifPresent(fields::add);
                if (fields.size() > 1) {
                    throw new TokenException(TokenFailure.AMBIGUOUS, bearer.isPresent()
                            ? "a BearerToken field and an Authorization header" : "BearerToken fields");
                }
                return Optional.of(new PresentedToken(fields.get(0), PresentedToken.Origin.DTO));
            }
        }
        if (bearer.isPresent()) {
            return Optional.of(new PresentedToken(bearer.get(), PresentedToken.Origin.HEADER));
        }
        return only(cookies(request, TOKEN_COOKIE), PresentedToken.Origin.COOKIE)
                .map(value -> new PresentedToken(value, PresentedToken.Origin.COOKIE));
    }

    /**
     * Whether a token may be in the request's body under {@code settings}: then jwtauth reads the body, and keeps it
     * for the application ({@link JwtRequest}).
     */
    static boolean looksInBody(HttpServletRequest request, JwtSettings settings) {
        return settings.allowInFormData() && "POST".equals(request.getMethod()) && RequestBody.isForm(request)
                || settings.allowInRequestDto() && BODY_METHODS.contains(request.getMethod())
                && (RequestBody.isForm(request) || isJson(request.getContentType()));
    }

    /**
     * The distinct non-empty values of the {@code BearerToken} field (any case) in the query string and in a JSON
     * or form body of at most {@value RequestBody#LIMIT} bytes. A body that is not such JSON or form has none: it is
     * the application's to judge, not jwtauth's.
     */
    private static List<String> dtoFields(HttpServletRequest request) {
        List<String> values = new ArrayList<>(1);
        if (request.getQueryString() != null) {
            for (String pair : request.getQueryString().split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                try {
                    if (nameAndValue.length == 2 && DTO_FIELD.equalsIgnoreCase(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8))) {
                        add(values, URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
                    }
                } catch (IllegalArgumentException brokenEscape) {
                    // not a field at all
                }
            }
        }
        if (!BODY_METHODS.contains(request.getMethod())) {
            return values;
        }
        if (RequestBody.isForm(request)) {
            bodyForm(request).ifPresent(fields -> fields.forEach((name, fieldValues) -> {
                if (DTO_FIELD.equalsIgnoreCase(name)) {
                    fieldValues.forEach(value -> add(values, value));
                }
            }));
        } else if (isJson(request.getContentType())) {
            jsonBody(request).ifPresent(json -> json.forEach((name, value) -> {
                if (DTO_FIELD.equalsIgnoreCase(name) && value instanceof JsonString text) {
                    add(values, text.getString());
                }
            }));
        }
        return values;
    }

    private static void add(List<String> values, String value) {
        String token = value.strip();
        if (!token.isEmpty() && !values.contains(token)) {
            values.add(token);
        }
    }

    private static Optional<Map<String, List<String>>> bodyForm(HttpServletRequest request) {
        if (!RequestBody.isForm(request)) {
            return Optional.empty();
        }
        try {
            return RequestBody.of(request).form(request);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonObject> jsonBody(HttpServletRequest request) {
        try {
            Optional<String> text = RequestBody.of(request).text();
            return text.isEmpty() || text.get().isBlank() ? Optional.empty() : Optional.of(JsonCodec.parseObject(text.get()));
        } catch (IOException | JsonException e) {
            return Optional.empty();
        }
    }

    /** {@code application/json}, or a {@code +json} type such as {@code application/vnd.api+json}. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
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
