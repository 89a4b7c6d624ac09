package dev.jwtauth.internal.security;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.spi.StoreUnavailableException;
import dev.jwtauth.spi.TokenValidator;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;
import dev.jwtauth.token.TokenPolicy;

/**
 * Decides who the caller of a request is, once per request and only when somebody asks: the application (through
 * {@link JwtRequest}), the container (through {@link JwtAuthMechanism}) or a {@code JsonWebToken} injection. A
 * request whose caller nobody asks about costs no token verification at all.
 * <p>
 * The caller is, in this order: the user of a presented token; with {@code jwt.AuthenticateBasicRequests}, the user
 * of the request's HTTP Basic credentials, checked as a sign-in would ({@link PasswordCheck}); the user a sign-in
 * kept in the HTTP session; the user of a valid {@code ss-reftok} cookie when no token or an expired {@code ss-tok}
 * cookie came (transparent refresh); nobody.
 */
@ApplicationScoped
public class RequestAuthenticator {
    /** The session attribute holding the caller of a sign-in that asked for a session instead of tokens. */
    public static final String SESSION_CALLER = JwtPrincipal.class.getName();
    /** The request attribute holding the response, for the cookies a transparent refresh sets. */
    static final String RESPONSE = RequestAuthenticator.class.getName() + ".response";
    private static final String CALLER = Caller.class.getName();
    private static final String COOKIE_DELETED = Caller.class.getName() + ".cookieDeleted";

    @Inject
    TenantEngines tenantEngines;

    @Inject
    TokenVerifier tokenVerifier;

    @Inject
    Instance<Refresher> refresher;

    @Inject
    Instance<PasswordCheck> passwordCheck;

    @Inject
    Instance<TokenValidator> validatorBeans;

    @Inject
    Metrics metrics;

    /** Looked up once: resolving beans through an {@code Instance} on every request costs more than a token check. */
    private List<TokenValidator> validators;

    @PostConstruct
    void prepare() {
        validators = validatorBeans.stream().toList();
    }

    /** The caller of {@code request}, decided on the first call and remembered in the request. */
    public Caller caller(HttpServletRequest request) {
        if (request.getAttribute(CALLER) instanceof Caller known) {
            return known;
        }
        Caller caller = decide(request);
        request.setAttribute(CALLER, caller);
        return caller;
    }

    /**
     * MicroProfile JWT's rule, where its settings are used ({@link JwtSettings#refuseInvalidTokens}): a request that
     * presents a token which is refused fails with the token's 401, whatever it asks for, not only where a caller is
     * needed. Elsewhere (jwtauth's own settings, ServiceStack's way) such a token is looked at only when the
     * application asks for the caller, and public resources answer as to anyone.
     */
    public Optional<RefusalAnswer> refusedToken(HttpServletRequest request) {
        if (!tenantEngines.mayRefuseInvalidTokens() || !(tenantEngines.resolve(request) instanceof TenantEngines.Resolved resolved)
                || !resolved.engine().settings().refuseInvalidTokens()) {
            return Optional.empty();
        }
        try {
            if (TokenSource.find(request, resolved.engine().settings()).isEmpty()) {
                return Optional.empty();
            }
        } catch (TokenException ambiguous) {
            // decided by the caller below
        }
        return caller(request) instanceof Caller.Refused refused ? Optional.of(refused.refusal()) : Optional.empty();
    }

    /**
     * The caller a token stands for at {@code engine}'s tenant, if the token checks out and every application
     * {@link TokenValidator} accepts it for this request.
     */
    public JwtPrincipal verify(String token, JwtEngine engine, HttpServletRequest request) throws TokenException {
        JwtPrincipal principal;
        try {
            principal = tokenVerifier.verify(new JwtCredential(token, engine));
        } catch (TokenException refused) {
            metrics.token(engine, refused.failure().name());
            throw refused;
        }
        for (TokenValidator validator : validators) {
            if (!validator.isValid(principal.token(), request)) {
                metrics.token(engine, TokenFailure.REJECTED.name());
                throw new TokenException(TokenFailure.REJECTED);
            }
        }
        metrics.token(engine, Metrics.ACCEPTED);
        return principal;
    }

    /**
     * The caller of the application's own login on {@code request} ({@code SecurityContext.authenticate} with a user
     * name and password), checked as a sign-in would be; the browser's request must come from an allowed site, since
     * the caller is then kept in its session ({@link #keepInSession}).
     */
    public Caller login(String userName, String password, HttpServletRequest request) {
        TenantEngines.Resolution tenant = tenantEngines.resolve(request);
        if (tenant instanceof TenantEngines.Refused refused) {
            return new Caller.NoTenant(refused.message());
        }
        JwtEngine engine = tenant.engineOr(IllegalStateException::new);
        if (engine.settings().requireSecureConnection() && !request.isSecure()) {
            return new Caller.Insecure();
        }
        if (CrossSiteGuard.isCrossSite(request, engine.settings().cookies())) {
            return new Caller.CrossSite();
        }
        return passwordCheck.get().caller(userName, password, engine, request);
    }

    /**
     * Keeps {@code principal} in the request's HTTP session as its caller, under a new session id (an id an attacker
     * may have planted is not the signed-in one), until the session ends or {@code /session-to-token} converts it.
     */
    public void keepInSession(HttpServletRequest request, JwtPrincipal principal) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(SESSION_CALLER, principal);
        request.setAttribute(CALLER, new Caller.Authenticated(principal, Caller.Source.SESSION));
    }

    /**
     * Whether the caller's token may be in the request's body ({@code jwt.AllowInRequestDto},
     * {@code jwt.AllowInFormData}): then the body is read through {@link RequestBody}, by whoever reads it first.
     */
    boolean looksInBody(HttpServletRequest request) {
        return tenantEngines.resolve(request) instanceof TenantEngines.Resolved resolved
                && TokenSource.looksInBody(request, resolved.engine().settings());
    }

    /** Forgets what was decided, for a request whose credentials just changed (sign-in, logout). */
    public void forget(HttpServletRequest request) {
        request.removeAttribute(CALLER);
    }

    private Caller decide(HttpServletRequest request) {
        TenantEngines.Resolution tenant = tenantEngines.resolve(request);
        if (tenant instanceof TenantEngines.Refused refused) {
            return new Caller.NoTenant(refused.message());
        }
        JwtEngine engine = tenant.engineOr(IllegalStateException::new);
        JwtSettings settings = engine.settings();
        Optional<PresentedToken> presented;
        try {
            presented = TokenSource.find(request, settings);
        } catch (TokenException ambiguous) {
            return new Caller.Refused(ambiguous, PresentedToken.Origin.SEVERAL);
        }
        boolean basic = settings.passwords().basicOnRequests() && BasicCredentials.presented(request);
        // Only unsafe requests carrying what a browser sends by itself (cookies, the session id, remembered Basic
        // credentials) are checked.
        if (CrossSiteGuard.isUnsafe(request) && (basic || hasBrowserCredentials(request, presented))
                && CrossSiteGuard.isCrossSite(request, settings.cookies())) {
            return new Caller.CrossSite();
        }
        if (presented.isPresent()) {
            if (settings.requireSecureConnection() && !request.isSecure()) {
                metrics.token(engine, Refusal.INSECURE_CONNECTION.name());
                return new Caller.Insecure();
            }
            try {
                return new Caller.Authenticated(verify(presented.get().value(), engine, request), Caller.Source.TOKEN);
            } catch (TokenException refused) {
                // Only an expired cookie is refreshed over: an invalid token, or one in a header (possibly another
                // user's than the cookie's), fails as it is.
                boolean refreshable = refused.failure() == TokenFailure.EXPIRED && presented.get().origin() == PresentedToken.Origin.COOKIE;
                Caller failed = new Caller.Refused(refused, presented.get().origin());
                return refreshable ? refreshed(request, engine).orElse(failed) : failed;
            }
        }
        if (settings.requireSecureConnection() && !request.isSecure() && (basic
                || request.getRequestedSessionId() != null || TokenSource.cookie(request, TokenCookies.REFRESH).isPresent())) {
            // A password, a session id or a refresh token sent in clear text is as exposed as a token: none is looked at.
            return new Caller.Insecure();
        }
        if (basic) {
            return BasicCredentials.of(request)
                    .map(credentials -> passwordCheck.get().caller(credentials.userName(), credentials.password(), engine, request))
                    .orElseGet(() -> new Caller.PasswordRefused(Refusal.INVALID_BASIC_CREDENTIALS.answer()));
        }
        HttpSession session = request.getSession(false);
        // A session sign-in counts only for its own tenant (its principal's token carries the tenant claim).
        if (session != null && session.getAttribute(SESSION_CALLER) instanceof JwtPrincipal signedIn
                && signedIn.token().string(TokenPolicy.TENANT_CLAIM).equals(settings.tokens().tenant())) {
            return new Caller.Authenticated(signedIn, Caller.Source.SESSION);
        }
        return refreshed(request, engine).orElseGet(Caller.Anonymous::new);
    }

    private static boolean hasBrowserCredentials(HttpServletRequest request, Optional<PresentedToken> presented) {
        return presented.map(token -> token.origin() == PresentedToken.Origin.COOKIE)
                .orElseGet(() -> request.getRequestedSessionId() != null || TokenSource.cookie(request, TokenCookies.REFRESH).isPresent());
    }

    /**
     * The transparent refresh: a request whose {@code ss-tok} is missing or expired but whose {@code ss-reftok}
     * cookie is valid is served as that user, and its response carries the fresh cookies. A refused refresh token is
     * deleted; a failed store leaves it and answers 503.
     */
    private Optional<Caller> refreshed(HttpServletRequest request, JwtEngine engine) {
        Optional<String> refreshToken = TokenSource.cookie(request, TokenCookies.REFRESH);
        if (!(request.getAttribute(RESPONSE) instanceof HttpServletResponse response) || refreshToken.isEmpty()
                || engine.writer().isEmpty() || response.isCommitted() || !refresher.isResolvable()) {
            return Optional.empty();
        }
        try {
            JwtPrincipal principal = refresher.get().refresh(refreshToken.get(), true, engine,
                    TokenDelivery.cookies(request, response, engine), request);
            return Optional.of(new Caller.Authenticated(principal, Caller.Source.REFRESH));
        } catch (RefreshException e) {
            return Optional.empty();
        } catch (StoreUnavailableException e) {
            return Optional.of(new Caller.Unavailable());
        }
    }

    /**
     * Deletes a refused {@code ss-tok} cookie, once per request, so the browser stops sending it.
     */
    public void forgetRefusedCookie(HttpServletRequest request, HttpServletResponse response, Caller caller) {
        if (caller instanceof Caller.Refused refused && refused.origin() == PresentedToken.Origin.COOKIE
                && request.getAttribute(COOKIE_DELETED) == null && !response.isCommitted()) {
            request.setAttribute(COOKIE_DELETED, Boolean.TRUE);
            JwtEngine engine = tenantEngines.resolve(request).engineOr(IllegalStateException::new);
            TokenDelivery.cookies(request, response, engine).delete(TokenCookies.ACCESS);
        }
    }
}
