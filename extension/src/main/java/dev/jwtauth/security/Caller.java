package dev.jwtauth.security;

import dev.jwtauth.token.TokenException;

/**
 * What the token of one request amounts to. Decided at most once per request (by whichever asks first: the
 * application through the request, the mechanism, or the {@code JsonWebToken} producer) and shared by all.
 */
public sealed interface Caller {

    /** No token on the request. */
    record Anonymous() implements Caller {
    }

    /** A token came over plain HTTP while {@code jwt.RequireSecureConnection} is on: it is not looked at. */
    record Insecure() implements Caller {
    }

    /** A valid token. */
    record Authenticated(JwtPrincipal principal) implements Caller {
    }

    /** A token that was refused, and where it came from. */
    record Refused(TokenException failure, PresentedToken.Origin origin) implements Caller {
    }
}
