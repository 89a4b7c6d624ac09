package dev.jwtauth.internal.rest;

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

import dev.jwtauth.IssuedRefreshToken;
import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.User;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.internal.security.BasicCredentials;
import dev.jwtauth.internal.security.Caller;
import dev.jwtauth.internal.security.RefreshTokens;
import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.RequestAuthenticator;
import dev.jwtauth.internal.security.TokenCookies;
import dev.jwtauth.internal.security.TokenDelivery;
import dev.jwtauth.internal.security.TokenIssuer;
import dev.jwtauth.internal.security.TokenSource;
import dev.jwtauth.user.UserStore;

/**
 * {@code Authenticate}: sign-in with credentials or HTTP Basic, who am I, and logout, whichever route a client used.
 * Tokens are issued only by requests that authenticate the user.
 */
@ApplicationScoped
public class AuthenticateService {
    @Inject
    ServiceContext context;

    @Inject
    RequestAuthenticator authenticator;

    @Inject
    TokenIssuer issuer;

    @Inject
    UserStore users;

    @Inject
    PasswordSignIn passwords;

    @Inject
    RefreshTokens refreshTokens;

    /** {@code Authenticate}: the provider from the path, else from the body; none means "who am I". */
    Response authenticate(Optional<String> pathProvider, RequestFields fields, boolean get,
                          HttpServletRequest request, HttpServletResponse response) {
        JwtEngine engine = context.engine(request);
        Optional<String> provider = pathProvider.or(() -> fields.string("provider")).map(p -> p.strip().toLowerCase(Locale.ROOT));
        boolean basicHeader = BasicCredentials.of(request).isPresent();
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
                    throw ServiceError.of(Refusal.GET_SIGN_IN_DISABLED);
                }
                return name.equals("basic") ? basic(engine, fields, request, response) : credentials(engine, fields, request, response);
            default:
                throw ServiceError.of(Refusal.UNKNOWN_PROVIDER, provider.get());
        }
    }

    private Response credentials(JwtEngine engine, RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        String userName = required(fields, "userName", "User Name");
        String password = required(fields, "password", "Password");
        return signIn(engine, userName, password, "credentials", fields, request, response);
    }

    private Response basic(JwtEngine engine, RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        BasicCredentials credentials = BasicCredentials.of(request).orElseThrow(() -> ServiceError.of(Refusal.INVALID_BASIC_CREDENTIALS));
        return signIn(engine, credentials.userName(), credentials.password(), "basic", fields, request, response);
    }

    private Response signIn(JwtEngine engine, String userName, String password, String provider, RequestFields fields,
                            HttpServletRequest request, HttpServletResponse response) {
        ServiceContext.requireIssuing(engine);
        Optional<String> next = FormRedirect.of(fields, request);
        Map<String, String> meta = fields.meta();
        TokenDelivery delivery = TokenDelivery.signIn(request, response, engine, fields.bool("useTokenCookie"));
        boolean session = "jwt".equalsIgnoreCase(meta.get("ignore"));
        if (session || delivery.usesCookies()) {
            // before the password is looked at: another site must not sign this browser in (as its own user)
            ServiceContext.requireSameSite(request, engine.settings());
        }
        User user = passwords.signIn(userName, password, request);
        JwtPrincipal principal = issuer.issue(engine, user.toTokenUser());
        if (session) {
            return FormRedirect.follow(sessionSignIn(user, principal, provider, fields, request), next);
        }
        AuthenticateResponse body = AuthenticateResponse.of(user, principal.token().string("jti").orElse(""), provider)
                .referrerUrl(fields.string("returnUrl"));
        IssuedRefreshToken refresh = refreshTokens.issue(user, engine);
        if (!delivery.access(principal) || engine.settings().services().bearerTokenOnAuthenticateResponse()) {
            body.bearerToken(principal.token().raw());
        }
        if (!delivery.refresh(refresh)) {
            body.refreshToken(refresh.token(), refresh.expiresAt());
        }
        Response.ResponseBuilder answer = Response.ok().header("Cache-Control", "no-store");
        if (delivery.usesCookies()) {
            answer.header("X-Cookies", String.join(",", delivery.cookiesSet()));
        }
        authenticator.forget(request);
        return FormRedirect.follow(answer.type(MediaType.APPLICATION_JSON_TYPE).entity(body.json()).build(), next);
    }

    /** {@code meta: {"ignore":"jwt"}}: no tokens; the caller is kept in the HTTP session until converted. */
    private Response sessionSignIn(User user, JwtPrincipal principal, String provider, RequestFields fields,
                                   HttpServletRequest request) {
        authenticator.keepInSession(request, principal);
        AuthenticateResponse body = AuthenticateResponse.of(user, request.getSession().getId(), provider).referrerUrl(fields.string("returnUrl"));
        return ServiceContext.json(body.json());
    }

    private Response whoAmI(HttpServletRequest request) {
        Caller caller = authenticator.caller(request);
        if (caller instanceof Caller.Authenticated authenticated) {
            JwtPrincipal principal = authenticated.principal();
            boolean session = authenticated.source() == Caller.Source.SESSION;
            String sessionId = session ? request.getSession().getId() : principal.token().string("jti").orElse("");
            String provider = session ? "credentials" : authenticated.source() == Caller.Source.BASIC ? "basic" : "jwt";
            return ServiceContext.json(AuthenticateResponse.of(principal, sessionId, provider).json());
        }
        if (caller instanceof Caller.Refused || caller instanceof Caller.PasswordRefused) {
            throw new ServiceError(caller.refusal());
        }
        Optional<User> containerUser = ServiceContext.containerCaller(request).flatMap(p -> users.find(p.getName()));
        if (containerUser.isPresent()) {
            return ServiceContext.json(AuthenticateResponse.of(containerUser.get(), request.getSession().getId(), "session").json());
        }
        throw ServiceError.of(Refusal.NOT_AUTHENTICATED);
    }

    private Response logout(JwtEngine engine, RequestFields fields, HttpServletRequest request, HttpServletResponse response) {
        JwtSettings settings = engine.settings();
        if (ServiceContext.hasBrowserCredentials(request)) {
            ServiceContext.requireSameSite(request, settings);
        }
        if (fields.bool("everywhere").orElse(false)) {
            refreshTokens.revokeAll(callerId(request), engine);
        }
        if (settings.refreshTokens().invalidateOnLogout()) {
            fields.string("refreshToken").or(() -> TokenSource.cookie(request, TokenCookies.REFRESH))
                    .ifPresent(token -> refreshTokens.revoke(token, engine));
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        TokenDelivery cookies = TokenDelivery.cookies(request, response, engine);
        cookies.delete(TokenCookies.ACCESS);
        cookies.delete(TokenCookies.REFRESH);
        authenticator.forget(request);
        return ServiceContext.json("{}");
    }

    /**
     * The user id of the request's caller, whom {@code everywhere} signs out: a caller of a token, of a session
     * sign-in or of another mechanism's login; else the caller's refusal (401 without one).
     */
    private String callerId(HttpServletRequest request) {
        Caller caller = authenticator.caller(request);
        if (caller instanceof Caller.Authenticated authenticated) {
            return authenticated.principal().getSubject();
        }
        if (!(caller instanceof Caller.Anonymous)) {
            throw new ServiceError(caller.refusal());
        }
        return ServiceContext.containerCaller(request).flatMap(p -> users.find(p.getName())).map(User::id)
                .orElseThrow(() -> new ServiceError(caller.refusal()));
    }

    /** {@code AuthenticateLogout}. */
    Response logout(HttpServletRequest request, HttpServletResponse response, RequestFields fields) {
        return logout(context.engine(request), fields, request, response);
    }

    private static String required(RequestFields fields, String name, String label) {
        return fields.string(name).orElseThrow(() ->
                ServiceError.about(Refusal.EMPTY_FIELD, Character.toUpperCase(name.charAt(0)) + name.substring(1), label));
    }
}
