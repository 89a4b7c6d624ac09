package dev.jwtauth.internal.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.User;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.security.Caller;
import dev.jwtauth.internal.security.Metrics;
import dev.jwtauth.internal.security.PasswordCheck;
import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.TokenIssuer;
import dev.jwtauth.spi.StoreUnavailableException;
import dev.jwtauth.user.Accounts;
import dev.jwtauth.user.SignInException;

/**
 * The one way a user name and password are checked — for the sign-in services, HTTP Basic credentials on any
 * request ({@code jwt.AuthenticateBasicRequests}) and the application's own login ({@code SecurityContext.authenticate})
 * alike: the throttle first, then the stores ({@link Accounts}), and every refusal answered as the sign-in answers it.
 */
@ApplicationScoped
public class PasswordSignIn implements PasswordCheck {
    @Inject
    SignInThrottle throttle;

    @Inject
    Accounts accounts;

    @Inject
    TokenIssuer issuer;

    @Inject
    Metrics metrics;

    /** The user of a right password; else the refusal, as a {@link ServiceError}. */
    User signIn(String userName, String password, HttpServletRequest request) {
        long started = metrics.signInStarted();
        try {
            // before the user is looked up or any password hashed: a refused flood costs no hashing
            SignInThrottle.Attempt attempt = throttle.admit(request.getRemoteAddr(), userName);
            User user = accounts.signIn(userName, password);
            attempt.succeeded();
            metrics.signIn(Metrics.SUCCESS, started);
            return user;
        } catch (StoreUnavailableException e) {
            metrics.signIn(Refusal.STORE_UNAVAILABLE.name(), started);
            throw e;
        } catch (SignInException e) {
            metrics.signIn(e.reason().name(), started);
            throw switch (e.reason()) {
                case INVALID_CREDENTIALS -> ServiceError.of(Refusal.INVALID_CREDENTIALS);
                case LOCKED_OUT -> ServiceError.of(Refusal.LOCKED_OUT);
                case TOO_MANY_ATTEMPTS -> new ServiceError(Refusal.throttled(e.retryAfter().orElseThrow()));
            };
        }
    }

    /**
     * The caller is the user of a token issued for it alone, as a sign-in would issue it (so the application's
     * filters and listeners see it), which never leaves the server.
     */
    @Override
    public Caller caller(String userName, String password, JwtEngine engine, HttpServletRequest request) {
        if (engine.writer().isEmpty()) {
            return new Caller.PasswordRefused(Refusal.READER_ONLY.answer());
        }
        if (userName == null || userName.isBlank() || password == null) {
            // what an application's login may pass on from a form that lacked a field
            return new Caller.PasswordRefused(Refusal.INVALID_CREDENTIALS.answer());
        }
        try {
            User user = signIn(userName, password, request);
            return new Caller.Authenticated(issuer.issue(engine, user.toTokenUser()), Caller.Source.BASIC);
        } catch (ServiceError refused) {
            return new Caller.PasswordRefused(refused.answer());
        } catch (StoreUnavailableException e) {
            return new Caller.Unavailable();
        }
    }
}
