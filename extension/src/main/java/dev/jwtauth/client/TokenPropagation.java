package dev.jwtauth.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * A MicroProfile Rest Client {@link ClientHeadersFactory} that passes the caller of the current incoming request on
 * to a downstream service: its token, from the incoming {@code Authorization: Bearer} header, else from its
 * {@code ss-tok} cookie, goes out as {@code Authorization: Bearer}. A request without a token (or with two different
 * ones) propagates none, and a call that sets its own {@code Authorization} keeps it.
 *
 * <pre>{@code
 * @RegisterRestClient
 * @RegisterClientHeaders(TokenPropagation.class)
 * public interface Orders { ... }
 * }</pre>
 *
 * It reads only the incoming headers the Rest Client implementation hands it: it needs no jwtauth on the server, and
 * propagates the token as it came, unverified (the downstream service verifies it). A caller the server refreshed
 * transparently from {@code ss-reftok} (no valid {@code ss-tok} came) has no token to propagate.
 */
public class TokenPropagation implements ClientHeadersFactory {
    private static final String BEARER = "bearer ";
    private static final String COOKIE = "ss-tok";

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
                                                 MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> propagated = new MultivaluedHashMap<>();
        if (incomingHeaders == null || present(clientOutgoingHeaders, HttpHeaders.AUTHORIZATION)) {
            return propagated;
        }
        Set<String> bearer = bearerTokens(incomingHeaders);
        Set<String> tokens = bearer.isEmpty() ? cookieTokens(incomingHeaders) : bearer;
        if (tokens.size() == 1) {
            propagated.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.iterator().next());
        }
        return propagated;
    }

    private static Set<String> bearerTokens(MultivaluedMap<String, String> headers) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String value : values(headers, HttpHeaders.AUTHORIZATION)) {
            if (value.regionMatches(true, 0, BEARER, 0, BEARER.length()) && !value.substring(BEARER.length()).isBlank()) {
                tokens.add(value.substring(BEARER.length()).strip());
            }
        }
        return tokens;
    }

    /** The non-empty {@code ss-tok} values of the {@code Cookie} headers ({@code name=value; name=value}). */
    private static Set<String> cookieTokens(MultivaluedMap<String, String> headers) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String header : values(headers, HttpHeaders.COOKIE)) {
            for (String cookie : header.split("[;,]")) {
                int eq = cookie.indexOf('=');
                if (eq > 0 && cookie.substring(0, eq).strip().equals(COOKIE)) {
                    String value = unquoted(cookie.substring(eq + 1).strip());
                    if (!value.isEmpty()) {
                        tokens.add(value);
                    }
                }
            }
        }
        return tokens;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** The values of a header, whatever the case of its name in the map. */
    private static List<String> values(MultivaluedMap<String, String> headers, String name) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).filter(Objects::nonNull).flatMap(List::stream).toList();
    }

    private static boolean present(MultivaluedMap<String, String> headers, String name) {
        return headers != null && !values(headers, name).isEmpty();
    }
}
