package dev.jwtauth.internal.security;

/** Why a refresh token earned no new access token. */
public class RefreshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not one of ours: malformed, unknown, or its user is gone. */
        INVALID,
        EXPIRED,
        /** Revoked by logout, or by reuse of a rotated token. */
        REVOKED,
        LOCKED_OUT,
        /** The application's {@code RefreshTokenValidator} said no. */
        REJECTED
    }

    private final Reason reason;

    public RefreshException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
