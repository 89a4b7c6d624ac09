package dev.jwtauth.rest;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.config.JwtEngine;
import dev.jwtauth.config.JwtSettings;
import dev.jwtauth.security.Caller;
import dev.jwtauth.security.ErrorResponses;
import dev.jwtauth.security.JwtPrincipal;
import dev.jwtauth.security.RequestAuthenticator;
import dev.jwtauth.security.TenantEngines;
import dev.jwtauth.security.TokenCookies;
import dev.jwtauth.security.TokenIssuer;
import dev.jwtauth.security.TokenSource;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.user.RefreshException;
import dev.jwtauth.user.RefreshTokens;
import dev.jwtauth.user.SignInException;
import dev.jwtauth.user.User;
import dev.jwtauth.user.UserStore;

/**
 * The four token services of wire-protocol.md — authenticate (sign in, who am I, logout), session to token, and
 * access token — whichever route a client used. Tokens are issued only by requests that authenticate the user.
 */
@ApplicationScoped
public class TokenServices {
    private static final String BASIC = "Basic ";

    @Inject
    TenantEngines tenantEngines;

    @Inject
    RequestAuthenticator authenticator;

    @Inject
    TokenIssuer issuer;

    @Inject
    UserStore users;

    @Inject
    RefreshTokens refreshTokens;

    /** {@code Authenticate}: the provider from the path, else from the body; none means "who am I". */
    Response authenticate(Optional<String> pathProvider, RequestFields fields, boolean get,
                          HttpServletRequest request, HttpServletResponse response) {
        JwtEngine engine = engine(request);
        Optional<String> provider = pathProvider.or(() -> fields.string("provider")).map(p -> p.strip().toLowerCase(Locale.ROOT));
        boolean basicHeader = basicCredentials(request).isPresent();
        String name = provider.orElse(basicHeader && !get ? "basic" : "");
        switch (name) {
            case "":
                return whoAmI(request);
            case "logout":
                return logout(engine, fields, request, response);
            case "credentials":
            case "login":
            case "basic":
                if (get) {
                    throw ServiceError.of(Response.Status.METHOD_NOT_ALLOWED, "NotSupportedException",
                            "GET Authenticate requests are disabled, to enable set AllowGetAuthenticateRequests=true");
                }
                return name.equals("basic") ? basic(engine, fields, request, response) : credentials(engine, fields, request, response);
            default:
                throw ServiceError.of(Response.Status.NOT_FOUND, "NotFound",
                        "No configuration was added for OAuth provider '" + provider.get() + "'");
        }
    }

    private Response credentials(JwtEngine engine, RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        String userName = required(fields, "userName", "User Name");
        String password = required(fields, "password", "Password");
        return signIn(engine, userName, password, "credentials", fields, request, response);
    }

    private Response basic(JwtEngine engine, RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        String[] credentials = basicCredentials(request).orElseThrow(() -> ServiceError.of(Response.Status.UNAUTHORIZED,
                "Unauthorized", "Invalid BasicAuth Credentials"));
        return signIn(engine, credentials[0], credentials[1], "basic", fields, request, response);
    }

    private Response signIn(JwtEngine engine, String userName, String password, String provider, RequestFields fields,
                            HttpServletRequest request, HttpServletResponse response) {
        requireIssuing(engine);
        Map<String, String> meta = fields.meta();
        Optional<Boolean> useTokenCookie = fields.bool("useTokenCookie");
        User user;
        try {
            user = users.signIn(userName, password);
        } catch (SignInException e) {
            throw e.reason() == SignInException.Reason.LOCKED_OUT
                    ? ServiceError.of(Response.Status.UNAUTHORIZED, "AuthenticationException", e.getMessage())
                    : ServiceError.of(Response.Status.UNAUTHORIZED, "Unauthorized", e.getMessage());
        }
        JwtPrincipal principal = issuer.issue(engine, user.toTokenUser());
        if ("jwt".equalsIgnoreCase(meta.get("ignore"))) {
            return sessionSignIn(user, principal, provider, fields, request);
        }
        AuthenticateResponse body = AuthenticateResponse.of(user, principal.token().string("jti").orElse(""), provider)
                .referrerUrl(fields.string("returnUrl"));
        RefreshTokens.Issued refresh = refreshTokens.issue(user, engine);
        JwtSettings settings = engine.settings();
        Instant now = now(engine);
        Response.ResponseBuilder answer = Response.ok().header("Cache-Control", "no-store");
        if (useTokenCookie.orElse(settings.cookies().useTokenCookie())) {
            TokenCookies.set(request, response, settings, TokenCookies.ACCESS, principal.token().raw(), expiry(principal), now);
            if (useTokenCookie.orElse(settings.cookies().useRefreshTokenCookie())) {
                TokenCookies.set(request, response, settings, TokenCookies.REFRESH, refresh.token(), refresh.expiresAt(), now);
                answer.header("X-Cookies", TokenCookies.ACCESS + "," + TokenCookies.REFRESH);
            } else {
                body.refreshToken(refresh.token(), refresh.expiresAt());
                answer.header("X-Cookies", TokenCookies.ACCESS);
            }
        } else {
            body.bearerToken(principal.token().raw()).refreshToken(refresh.token(), refresh.expiresAt());
        }
        authenticator.forget(request);
        return answer.type(MediaType.APPLICATION_JSON_TYPE).entity(body.json()).build();
    }

    /** {@code meta: {"ignore":"jwt"}}: no tokens; the caller is kept in the HTTP session until converted. */
    private Response sessionSignIn(User user, JwtPrincipal principal, String provider, RequestFields fields,
                                   HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        request.changeSessionId(); // no session fixation: the id an attacker may have planted is not the signed-in one
        session.setAttribute(RequestAuthenticator.SESSION_CALLER, principal);
        authenticator.forget(request);
        AuthenticateResponse body = AuthenticateResponse.of(user, session.getId(), provider).referrerUrl(fields.string("returnUrl"));
        return json(body.json());
    }

    private Response whoAmI(HttpServletRequest request) {
        Caller caller = authenticator.caller(request);
        if (caller instanceof Caller.Authenticated authenticated) {
            JwtPrincipal principal = authenticated.principal();
            boolean session = authenticated.source() == Caller.Source.SESSION;
            String sessionId = session ? request.getSession().getId() : principal.token().string("jti").orElse("");
            return json(AuthenticateResponse.of(principal, sessionId, session ? "credentials" : "jwt").json());
        }
        if (caller instanceof Caller.Refused refused) {
            throw ServiceError.refused(refused.failure());
        }
        Optional<User> containerUser = containerCaller(request).flatMap(p -> users.find(p.getName()));
        if (containerUser.isPresent()) {
            return json(AuthenticateResponse.of(containerUser.get(), request.getSession().getId(), "session").json());
        }
        throw notAuthenticated();
    }

    private Response logout(JwtEngine engine, RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        JwtSettings settings = engine.settings();
        if (settings.refreshTokens().invalidateOnLogout()) {
            fields.string("refreshToken").or(() -> TokenSource.cookie(request, TokenCookies.REFRESH))
                    .ifPresent(token -> refreshTokens.revoke(token, engine));
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        TokenCookies.delete(request, response, settings, TokenCookies.ACCESS);
        TokenCookies.delete(request, response, settings, TokenCookies.REFRESH);
        authenticator.forget(request);
        return json("{}");
    }

    /** {@code AuthenticateLogout}. */
    Response logout(HttpServletRequest request, HttpServletResponse response, RequestFields fields) {
        return logout(engine(request), fields, request, response);
    }

    /**
     * {@code ConvertSessionToToken}: the caller of the request's session — a sign-in that asked for no tokens, or a
     * login of another mechanism kept in the session — gets an {@code ss-tok} (and an {@code ss-reftok}) cookie;
     * the session ends unless {@code preserveSession}. A caller that already has a token gets it as a cookie.
     */
    Response convertSessionToToken(RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        JwtEngine engine = engine(request);
        boolean preserveSession = fields.bool("preserveSession").orElse(false);
        JwtSettings settings = engine.settings();
        Caller caller = authenticator.caller(request);
        if (caller instanceof Caller.Refused refused) {
            throw ServiceError.refused(refused.failure());
        }
        Instant now = now(engine);
        JwtPrincipal principal;
        if (caller instanceof Caller.Authenticated authenticated && authenticated.source() != Caller.Source.SESSION) {
            principal = authenticated.principal();
        } else {
            Optional<User> sessionUser = caller instanceof Caller.Authenticated authenticated
                    ? users.findById(authenticated.principal().getSubject())
                    : containerCaller(request).flatMap(p -> users.find(p.getName()));
            User user = sessionUser.orElseThrow(TokenServices::notAuthenticated);
            if (user.isLockedAt(now)) {
                throw ServiceError.of(Response.Status.UNAUTHORIZED, "AuthenticationException", "This account has been locked");
            }
            requireIssuing(engine);
            principal = issuer.issue(engine, user.toTokenUser());
            RefreshTokens.Issued refresh = refreshTokens.issue(user, engine);
            TokenCookies.set(request, response, settings, TokenCookies.REFRESH, refresh.token(), refresh.expiresAt(), now);
            HttpSession session = request.getSession(false);
            if (session != null && !preserveSession) {
                session.invalidate();
            }
        }
        TokenCookies.set(request, response, settings, TokenCookies.ACCESS, principal.token().raw(), expiry(principal), now);
        authenticator.forget(request);
        return json(settings.includeJwtInConvertSessionToTokenResponse()
                ? JsonCodec.write(Map.of("accessToken", principal.token().raw())) : "{}");
    }

    /**
     * {@code GetAccessToken}: a new access token for a refresh token from the body or the {@code ss-reftok} cookie.
     * A cookie's refresh token is rotated (the client's cookie jar takes the successor without knowing); one from
     * the body is not, because ServiceStack's clients keep sending the refresh token they were given at sign-in.
     */
    Response accessToken(RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        JwtEngine engine = engine(request);
        Optional<String> fromBody = fields.string("refreshToken");
        Optional<String> fromCookie = TokenSource.cookie(request, TokenCookies.REFRESH);
        String refreshToken = fromBody.or(() -> fromCookie).orElseThrow(() -> ServiceError.field(Response.Status.BAD_REQUEST,
                "ArgumentNullException", "Value cannot be null. (Parameter 'refreshToken')", "refreshToken", "Value cannot be null."));
        boolean cookie = fromBody.isEmpty();
        requireIssuing(engine);
        JwtSettings settings = engine.settings();
        RefreshTokens.Redeemed redeemed;
        try {
            redeemed = refreshTokens.redeem(refreshToken, engine, cookie && settings.refreshTokens().rotate(), request);
        } catch (RefreshException e) {
            if (cookie) {
                TokenCookies.delete(request, response, settings, TokenCookies.REFRESH);
            }
            throw refused(e);
        }
        JwtPrincipal principal = issuer.issue(engine, redeemed.user().toTokenUser());
        if (!cookie && !fields.bool("useTokenCookie").orElse(false)) {
            return json(JsonCodec.write(Map.of("accessToken", principal.token().raw())));
        }
        Instant now = now(engine);
        TokenCookies.set(request, response, settings, TokenCookies.ACCESS, principal.token().raw(), expiry(principal), now);
        redeemed.successor().ifPresent(next ->
                TokenCookies.set(request, response, settings, TokenCookies.REFRESH, next.token(), next.expiresAt(), now));
        return json("{}");
    }

    private static ServiceError refused(RefreshException e) {
        return switch (e.reason()) {
            case INVALID, REJECTED -> ServiceError.field(Response.Status.BAD_REQUEST, "ArgumentException", "RefreshToken is Invalid",
                    "refreshToken", "RefreshToken is Invalid");
            case EXPIRED -> ServiceError.of(Response.Status.UNAUTHORIZED, "TokenException", "Token has expired");
            case REVOKED -> ServiceError.of(Response.Status.UNAUTHORIZED, "TokenException", "Token has been invalidated");
            case LOCKED_OUT -> ServiceError.of(Response.Status.UNAUTHORIZED, "AuthenticationException", "This account has been locked");
        };
    }

    /** A caller the container knows from another mechanism's login kept in the HTTP session. */
    private static Optional<Principal> containerCaller(HttpServletRequest request) {
        return request.getSession(false) == null ? Optional.empty() : Optional.ofNullable(request.getUserPrincipal());
    }

    private static void requireIssuing(JwtEngine engine) {
        if (engine.writer().isEmpty()) {
            throw ServiceError.of(Response.Status.METHOD_NOT_ALLOWED, "NotSupportedException",
                    "This server only validates tokens: it has no key to issue them");
        }
    }

    /** The engine of the request's tenant, if it may use the services: known tenant, secure connection. */
    private JwtEngine engine(HttpServletRequest request) {
        TenantEngines.Resolution tenant = tenantEngines.resolve(request);
        if (tenant instanceof TenantEngines.Refused refused) {
            throw ServiceError.of(Response.Status.BAD_REQUEST, "ArgumentException", refused.message());
        }
        JwtEngine engine = ((TenantEngines.Resolved) tenant).engine();
        if (engine.settings().requireSecureConnection() && !request.isSecure()) {
            throw ServiceError.of(Response.Status.FORBIDDEN, "Forbidden", ErrorResponses.INSECURE_CONNECTION);
        }
        return engine;
    }

    private static String required(RequestFields fields, String name, String label) {
        return fields.string(name).orElseThrow(() -> ServiceError.field(Response.Status.BAD_REQUEST, "NotEmpty",
                "'" + label + "' must not be empty.", Character.toUpperCase(name.charAt(0)) + name.substring(1),
                "'" + label + "' must not be empty."));
    }

    /** {@code user:password} of an {@code Authorization: Basic} header (RFC 7617), if well-formed. */
    private static Optional<String[]> basicCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ServiceError notAuthenticated() {
        return ServiceError.of(Response.Status.UNAUTHORIZED, "Unauthorized", ErrorResponses.NOT_AUTHENTICATED);
    }

    private static Instant expiry(JwtPrincipal principal) {
        return Instant.ofEpochSecond(principal.token().expiresAt());
    }

    private static Instant now(JwtEngine engine) {
        return Instant.now(engine.clock());
    }

    private static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
