package dev.jwtauth.internal.rest;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.internal.security.CrossSiteGuard;
import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.TenantEngines;
import dev.jwtauth.internal.security.TokenCookies;
import dev.jwtauth.internal.security.TokenSource;
import dev.jwtauth.token.TokenException;

/** What every token service needs first: the request's engine, and the answers they share. */
@ApplicationScoped
public class ServiceContext {
    @Inject
    TenantEngines tenantEngines;

    /** The engine of the request's tenant; 400 for an unknown tenant, or a missing one that is required. */
    JwtEngine tenantEngine(HttpServletRequest request) {
        return tenantEngines.resolve(request)
                .engineOr(refusal -> ServiceError.of(Refusal.NO_TENANT, refusal));
    }

    /**
     * The engine of the request's tenant, if it may use the services: known tenant, secure connection. Over plain
     * HTTP the refusal names what was sent: a token, as the mechanism says, else credentials.
     */
    JwtEngine engine(HttpServletRequest request) {
        JwtEngine engine = tenantEngine(request);
        if (engine.settings().requireSecureConnection() && !request.isSecure()) {
            throw ServiceError.of(sendsToken(request, engine) ? Refusal.INSECURE_CONNECTION : Refusal.INSECURE_CREDENTIALS);
        }
        return engine;
    }

    /** Whether the request carries an access token where the mechanism looks for one (two count too). */
    private static boolean sendsToken(HttpServletRequest request, JwtEngine engine) {
        try {
            return TokenSource.find(request, engine.settings()).isPresent();
        } catch (TokenException ambiguous) {
            return true;
        }
    }

    /** The engine of a request that is about to issue tokens. */
    JwtEngine issuingEngine(HttpServletRequest request) {
        return requireIssuing(engine(request));
    }

    /** {@code engine}, if it holds a key to issue tokens with (a reader-only deployment does not). */
    static JwtEngine requireIssuing(JwtEngine engine) {
        if (engine.writer().isEmpty()) {
            throw ServiceError.of(Refusal.READER_ONLY);
        }
        return engine;
    }

    /**
     * Refuses a browser page of another site (not in {@code jwt.AllowedOrigins}) a service that would use or set
     * the browser's token cookies or session: it could sign the browser out, or in as someone else.
     */
    static void requireSameSite(HttpServletRequest request, JwtSettings settings) {
        if (CrossSiteGuard.isCrossSite(request, settings.cookies())) {
            throw ServiceError.of(Refusal.CROSS_SITE);
        }
    }

    /** Whether the request carries a credential a browser sends by itself: a token cookie or a session id. */
    static boolean hasBrowserCredentials(HttpServletRequest request) {
        return request.getRequestedSessionId() != null || TokenSource.cookie(request, TokenCookies.REFRESH).isPresent()
                || TokenSource.cookie(request, TokenSource.TOKEN_COOKIE).isPresent();
    }

    /** A caller the container knows from another mechanism's login kept in the HTTP session. */
    static Optional<Principal> containerCaller(HttpServletRequest request) {
        return request.getSession(false) == null ? Optional.empty() : Optional.ofNullable(request.getUserPrincipal());
    }

    static Instant now(JwtEngine engine) {
        return Instant.now(engine.clock());
    }

    /** A JSON answer; never cached, since it may carry or set credentials. */
    static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
