package dev.jwtauth.token;

import java.util.Objects;

/**
 * A token was refused, for exactly one {@link TokenFailure reason}. The detail is for logs and for the few messages
 * the wire protocol defines with a value (e.g. {@code Invalid Audience: x}); it never holds key material.
 * No stack trace is captured: refusing a token is an expected outcome on a hot path, not a bug.
 */
public final class TokenException extends Exception {
    private static final long serialVersionUID = 1L;

    private final TokenFailure failure;
    private final String detail;

    public TokenException(TokenFailure failure) {
        this(failure, "");
    }

    public TokenException(TokenFailure failure, String detail) {
        super(detail.isEmpty() ? failure.message() : failure.message() + ": " + detail, null, false, false);
        this.failure = Objects.requireNonNull(failure);
        this.detail = detail;
    }

    public TokenFailure failure() {
        return failure;
    }

    /** Extra context (e.g. the offending audience), or empty. */
    public String detail() {
        return detail;
    }
}
