package dev.jwtauth.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts the session's access token on every request that has no {@code Authorization} header of its own, and notes
 * on the request which token it sent, for {@link ExpiredTokenRetry}.
 */
final class BearerTokenFilter implements ClientRequestFilter {
    /** The request property naming the access token this filter sent. */
    static final String SENT_TOKEN = "dev.jwtauth.client.sentToken";

    private final TokenSession session;

    BearerTokenFilter(TokenSession session) {
        this.session = session;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getProperty(TokenServices.REQUEST_PROPERTY) != null
                || request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        session.accessToken().ifPresent(token -> {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            request.setProperty(SENT_TOKEN, token);
        });
    }
}
