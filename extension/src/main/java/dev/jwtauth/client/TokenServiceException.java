package dev.jwtauth.client;

import jakarta.ws.rs.client.ResponseProcessingException;
import jakarta.ws.rs.core.Response;

/**
 * A token service of the server refused: the sign-in of a {@link TokenSession}, or (as its subclass
 * {@link TokenRefreshException}) a refresh. Carries the server's answer: its HTTP status and the {@code errorCode} and
 * {@code message} of its {@code responseStatus} (docs/http.md).
 *
 * <p>A {@link ResponseProcessingException}, so that the JAX-RS runtime passes it on to the caller of a request as it
 * is when a filter throws it, rather than wrapped (Jersey does: JavaClientIT); a runtime that wraps it anyway keeps it
 * as the cause.
 */
public class TokenServiceException extends ResponseProcessingException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String reason;

    TokenServiceException(String route, int status, ResponseStatus answer) {
        super(Response.status(status).build(), route + " answered " + status + " " + answer.errorCode() + ": " + answer.message());
        this.status = status;
        this.errorCode = answer.errorCode();
        this.reason = answer.message();
    }

    /** The HTTP status of the token service's answer, e.g. 401. */
    public int status() {
        return status;
    }

    /** The {@code responseStatus.errorCode} of the answer, e.g. {@code TokenException}; empty when it had none. */
    public String errorCode() {
        return errorCode;
    }

    /** The {@code responseStatus.message} of the answer, e.g. {@code Token has been invalidated}; empty when it had none. */
    public String reason() {
        return reason;
    }
}
