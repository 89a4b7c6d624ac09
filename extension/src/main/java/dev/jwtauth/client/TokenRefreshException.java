package dev.jwtauth.client;

/**
 * {@code POST /access-token} refused the session's refresh token (expired, revoked, the user locked out or deleted:
 * 400 or 401), or failed (5xx). A refusal is final: the {@link TokenSession} asks no more, and every later call that
 * needs a new access token fails with the same answer. A failure of the server is not: the next expiry tries again.
 */
public class TokenRefreshException extends TokenServiceException {
    private static final long serialVersionUID = 1L;

    TokenRefreshException(int status, ResponseStatus answer) {
        super(TokenServices.ACCESS_TOKEN, status, answer);
    }

    /** The same answer, thrown anew for another caller (each gets its own stack trace). */
    TokenRefreshException again() {
        return new TokenRefreshException(status(), new ResponseStatus(errorCode(), reason()));
    }

    /** Whether the server refused the refresh token (4xx), rather than failed to answer (5xx). */
    public boolean refused() {
        return status() < 500;
    }
}
