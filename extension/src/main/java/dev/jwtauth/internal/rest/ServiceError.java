package dev.jwtauth.internal.rest;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import dev.jwtauth.internal.security.ErrorResponses;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;

/**
 * An error answer of the token services, in the documented {@code responseStatus} shape; {@link ServiceErrorMapper} writes it.
 * Thrown only to leave a resource method: never logged, no stack trace.
 *
 * @see ErrorResponses
 */
public final class ServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final Optional<String> field;
    private final String fieldMessage;
    private final Optional<String> retryAfter;

    private ServiceError(int status, String errorCode, String message, Optional<String> field, String fieldMessage,
                         Optional<String> retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.field = field;
        this.fieldMessage = fieldMessage;
        this.retryAfter = retryAfter;
    }

    static ServiceError of(Response.Status status, String errorCode, String message) {
        return new ServiceError(status.getStatusCode(), errorCode, message, Optional.empty(), message, Optional.empty());
    }

    /** An error about one request field. */
    static ServiceError field(Response.Status status, String errorCode, String message, String field, String fieldMessage) {
        return new ServiceError(status.getStatusCode(), errorCode, message, Optional.of(field), fieldMessage, Optional.empty());
    }

    /** 503 for a request the store failed to decide; the client may try again. */
    static ServiceError unavailable() {
        return new ServiceError(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), ErrorResponses.SERVICE_UNAVAILABLE,
                ErrorResponses.STORE_UNAVAILABLE, Optional.empty(), ErrorResponses.STORE_UNAVAILABLE,
                Optional.of(ErrorResponses.RETRY_AFTER_SECONDS));
    }

    /** 429 {@code TooManyRequests}: try again after {@code retryAfter}, in whole seconds rounded up. */
    static ServiceError tooManyRequests(String message, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).getSeconds());
        return new ServiceError(Response.Status.TOO_MANY_REQUESTS.getStatusCode(), "TooManyRequests", message,
                Optional.empty(), message, Optional.of(Long.toString(seconds)));
    }

    /** A refused token: 401 {@code TokenException}, or 403 {@code Token is invalid} when the application rejected it. */
    static ServiceError refused(TokenException failure) {
        return failure.failure() == TokenFailure.REJECTED
                ? of(Response.Status.FORBIDDEN, "Forbidden", failure.getMessage())
                : of(Response.Status.UNAUTHORIZED, "TokenException", failure.getMessage());
    }

    int status() {
        return status;
    }

    /** The {@code Retry-After} header's value, in seconds, for an error that passes. */
    Optional<String> retryAfter() {
        return retryAfter;
    }

    String json() {
        return ErrorResponses.body(errorCode, getMessage(), field, fieldMessage);
    }
}
