package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.spi.TokenCreatedListener;
import dev.jwtauth.spi.TokenHeaderFilter;
import dev.jwtauth.spi.TokenPayloadFilter;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;

/**
 * The one place access tokens are issued — sign-in, refresh, transparent refresh, session to token and the ad hoc
 * API — so the application's header and payload filters and its listeners see every one.
 */
@ApplicationScoped
public class TokenIssuer {
    @Inject
    Instance<TokenHeaderFilter> headerFilters;

    @Inject
    Instance<TokenPayloadFilter> payloadFilters;

    @Inject
    Instance<TokenCreatedListener> listeners;

    @Inject
    TokenVerifier tokenVerifier;

    /** A new access token of {@code engine}'s tenant for {@code user}, as the caller it stands for. */
    public JwtPrincipal issue(JwtEngine engine, TokenUser user) {
        TokenWriter writer = engine.writer().orElseThrow(() -> new IllegalStateException(
                "this deployment only reads tokens: it has no key to issue them"));
        Map<String, Object> header = writer.header();
        headerFilters.forEach(filter -> filter.filter(header, user));
        Map<String, Object> payload = writer.payload(user);
        payloadFilters.forEach(filter -> filter.filter(payload, user));
        JwtPrincipal principal;
        try {
            principal = tokenVerifier.verify(new JwtCredential(writer.sign(header, payload), engine));
        } catch (TokenException e) {
            // A filter broke the token, or a configuration refuses its own tokens: the application's error.
            throw new IllegalStateException("jwtauth issued a token it refuses itself: " + e.getMessage(), e);
        }
        listeners.forEach(listener -> listener.created(principal.token(), user));
        return principal;
    }
}
