package dev.jwtauth.internal.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.internal.config.CookieSettings;

/**
 * Tells a browser's cross-site request from the rest, so a page of another site cannot make a signed-in browser act
 * with its cookies (sign out, change data) nor sign it in as the attacker (login CSRF). {@code SameSite=Lax} covers
 * neither a top-level GET nor a browser that sends cookies on cross-site POSTs for a while after they were set.
 * <p>
 * The request's site is taken from what browsers send and pages cannot forge: {@code Origin} (every cross-origin
 * request but a GET navigation), else {@code Sec-Fetch-Site}, else the origin of {@code Referer}. A request with
 * none of them does not come from a browser page — curl, the ServiceStack Java client, Node.js — and is not
 * cross-site. Only the request's own origin and {@code jwt.AllowedOrigins} count as the same site; a sibling
 * sub-domain ({@code Sec-Fetch-Site: same-site}) does not, since it may be someone else's.
 */
public final class CrossSiteGuard {
    private CrossSiteGuard() {
    }

    /** Whether a browser page of another origin than the request's own, and not an allowed one, sent it. */
    public static boolean isCrossSite(HttpServletRequest request, CookieSettings cookies) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return !isOwn(origin, request, cookies.allowedOrigins());
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
        }
        String referer = request.getHeader("Referer");
        return referer != null && !originOf(referer).filter(o -> isOwn(o, request, cookies.allowedOrigins())).isPresent();
    }

    /** Whether the method may change something: the ones a guard protects. */
    public static boolean isUnsafe(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> true;
        };
    }

    private static boolean isOwn(String origin, HttpServletRequest request, Set<String> allowed) {
        return origin.equalsIgnoreCase(ownOrigin(request)) || allowed.stream().anyMatch(origin::equalsIgnoreCase);
    }

    /** The origin the request was sent to, as the server sees it (behind a proxy: configure the public one). */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = scheme.equals("https") ? port == 443 : port == 80;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
