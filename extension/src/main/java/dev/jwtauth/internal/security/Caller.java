package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import dev.jwtauth.token.TokenException;

/**
 * What the credentials of one request amount to. Decided at most once per request (by whichever asks first: the
 * application through the request, the mechanism, or the {@code JsonWebToken} producer) and shared by all.
 */
public sealed interface Caller {

    /**
     * Why this caller is refused where a caller is needed: the one answer the mechanism, the services and the
     * permission checks send for it. An authenticated caller has none.
     */
    default RefusalAnswer refusal() {
        if (this instanceof Authenticated) {
            throw new IllegalStateException("an authenticated caller is not refused");
        }
        if (this instanceof Refused refused) {
            return Refusal.refusedToken(refused.failure());
        }
        if (this instanceof PasswordRefused password) {
            return password.answer();
        }
        if (this instanceof NoTenant noTenant) {
            return Refusal.NO_TENANT.answer(noTenant.message());
        }
        if (this instanceof CrossSite) {
            return Refusal.CROSS_SITE.answer();
        }
        if (this instanceof Unavailable) {
            return Refusal.STORE_UNAVAILABLE.answer();
        }
        if (this instanceof Insecure) {
            return Refusal.INSECURE_CONNECTION.answer();
        }
        return Refusal.NOT_AUTHENTICATED.answer();
    }

    /** Where an authenticated caller's token came from. */
    enum Source {
        /** Presented with the request: header, cookie, or the opt-in query or form field. */
        TOKEN,
        /** Kept in the HTTP session by a sign-in that asked for no tokens ({@code meta: {"ignore":"jwt"}}). */
        SESSION,
        /** Issued for this request from its {@code ss-reftok} cookie (transparent refresh). */
        REFRESH,
        /**
         * Issued for this request alone, which carried a user name and password in {@code Authorization: Basic}
         * ({@code jwt.AuthenticateBasicRequests}); it is never sent.
         */
        BASIC
    }

    /** No credentials on the request. */
    record Anonymous() implements Caller {
    }

    /** A token came over plain HTTP while {@code jwt.RequireSecureConnection} is on: it is not looked at. */
    record Insecure() implements Caller {
    }

    /**
     * A page of another site sent an unsafe request (POST, PUT, DELETE, ...) that carries the browser's cookie or
     * session credentials: they are not looked at, so another site cannot act with them.
     */
    record CrossSite() implements Caller {
    }

    /** The request's tenant is unknown, or required and missing: nothing else is looked at. */
    record NoTenant(String message) implements Caller {
    }

    /** A valid token. */
    record Authenticated(JwtPrincipal principal, Source source) implements Caller {
    }

    /**
     * The request's refresh cookie could not be redeemed because the store failed: protected resources answer 503,
     * and the cookie is kept, because nothing was decided about it.
     */
    record Unavailable() implements Caller {
    }

    /**
     * HTTP Basic credentials ({@code jwt.AuthenticateBasicRequests}) that were refused as a sign-in would be: wrong,
     * locked out, throttled, or malformed; where a caller is needed, the request is answered with the refusal.
     */
    record PasswordRefused(RefusalAnswer answer) implements Caller {
    }

    /** A token that was refused, and where it came from. */
    record Refused(TokenException failure, PresentedToken.Origin origin) implements Caller {
    }
}
