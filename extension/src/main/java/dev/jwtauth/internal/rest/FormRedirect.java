package dev.jwtauth.internal.rest;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.internal.security.Refusal;

/**
 * Where a successful HTML form sign-in goes next: ServiceStack's {@code continue}, {@code ReturnUrl} or
 * {@code redirect}, from the form or the query string of its action. Only a place on the request's own origin is
 * followed — a path, or an absolute URL of this very scheme, host and port — and anything else is refused before
 * the password is looked at: jwtauth never redirects a browser to another site (an open redirect would lend this
 * site's name to a phishing link).
 */
final class FormRedirect {
    /** The fields that name the next place, first found first (ServiceStack's order). */
    private static final List<String> FIELDS = List.of("continue", "returnUrl", "redirect");
    private static final String FORM = "application/x-www-form-urlencoded";

    private FormRedirect() {
    }

    /**
     * Where a form sign-in goes when it succeeds; none for other sign-ins, or a form naming no place.
     *
     * @throws ServiceError 400 {@code External Redirects are not permitted} for a place off this origin
     */
    static Optional<String> of(RequestFields fields, HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.regionMatches(true, 0, FORM, 0, FORM.length())) {
            return Optional.empty();
        }
        for (String field : FIELDS) {
            Optional<String> value = fields.string(field).or(() -> fromQuery(request.getQueryString(), field));
            if (value.isPresent()) {
                return Optional.of(sameOrigin(value.get(), origin(request))
                        .orElseThrow(() -> ServiceError.about(Refusal.EXTERNAL_REDIRECT, field, field)));
            }
        }
        return Optional.empty();
    }

    /** The sign-in's answer sent on to {@code next}: 303, so the browser follows with a GET. */
    static Response follow(Response answer, Optional<String> next) {
        return next.map(location -> Response.fromResponse(answer).status(Response.Status.SEE_OTHER)
                .header(HttpHeaders.LOCATION, location).build()).orElse(answer);
    }

    /**
     * {@code target} as a {@code Location} on {@code origin} ({@code https://host:port}), or none when it could lead
     * anywhere else. Refused: anything not printable ASCII (control characters, CR and LF, spaces: browsers drop or
     * mend them), a backslash (browsers read it as a slash), a network path ({@code //host}), a relative
     * reference or another scheme ({@code javascript:}), an absolute URL of another origin or with user
     * information; and each of those hidden behind percent-encoding, which a later hop might decode.
     */
    static Optional<String> sameOrigin(String target, String origin) {
        if (!printable(target)) {
            return Optional.empty();
        }
        String location;
        if (target.startsWith("/")) {
            location = target;
        } else {
            URI uri;
            try {
                uri = new URI(target);
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            if (!uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getHost() == null
                    || !origin.equalsIgnoreCase(uri.getScheme() + "://" + uri.getHost() + port(uri))) {
                return Optional.empty();
            }
            location = (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        }
        return isLocalPath(location) && validUri(location) && percentDecoded(location).filter(FormRedirect::isLocalPath).isPresent()
                ? Optional.of(location) : Optional.empty();
    }

    /** {@code scheme://host[:port]} of the request, as its browser named it. */
    private static String origin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = scheme.equals("https") ? port == 443 : port == 80;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    /** The explicit port, or none for the scheme's default (as the request's origin is written). */
    private static String port(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port < 0 || port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return defaultPort ? "" : ":" + port;
    }

    /**
     * A path on this origin: one slash first, never two, no backslash, no control character (which a browser
     * strips); text beyond ASCII only where it was percent-encoded.
     */
    private static boolean isLocalPath(String path) {
        return path.startsWith("/") && !path.startsWith("//") && path.chars().noneMatch(c -> c == '\\' || c < 0x20 || c == 0x7f);
    }

    private static boolean printable(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static boolean validUri(String location) {
        try {
            new URI(location);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code %XX} decoded as UTF-8 ({@code +} stays); none when an escape is broken. */
    private static Optional<String> percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                return Optional.empty();
            }
            bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
            i += 2;
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    /** The first value of {@code name} (any case) in a query string. */
    private static Optional<String> fromQuery(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            try {
                if (nameAndValue.length == 2 && URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8).equalsIgnoreCase(name)
                        && !nameAndValue[1].isEmpty()) {
                    return Optional.of(URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                throw ServiceError.of(Refusal.NOT_URL_ENCODED);
            }
        }
        return Optional.empty();
    }
}
