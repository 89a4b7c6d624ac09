package dev.jwtauth.internal.security;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.TokenFailure;

/**
 * One occasion's answer to a {@link Refusal}: its status, headers and documented
 * {@code {"responseStatus":{"errorCode","message","errors"}}} body. The servlet side sends it with {@link #send};
 * the JAX-RS side builds its response from the same {@link #status}, {@link #headers} and {@link #json}, so both
 * put the same bytes on the wire.
 */
public final class RefusalAnswer {
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    private static final Logger LOG = Logger.getLogger(RefusalAnswer.class.getName());

    private final Refusal refusal;
    private final String message;
    private final Optional<FieldError> field;
    private final Optional<TokenFailure> token;
    private final Optional<Duration> retryAfter;

    RefusalAnswer(Refusal refusal, String message, Optional<FieldError> field, Optional<TokenFailure> token,
                  Optional<Duration> retryAfter) {
        if ((refusal.challenge() == Refusal.Challenge.INVALID_TOKEN) != token.isPresent()) {
            throw new IllegalArgumentException(refusal + ": the invalid_token challenge, and only it, names the token's failure");
        }
        if ((refusal.status() == 429 || refusal.status() == 503) != retryAfter.isPresent()) {
            throw new IllegalArgumentException(refusal + ": 429 and 503, and only they, say when to try again");
        }
        this.refusal = refusal;
        this.message = message;
        this.field = field;
        this.token = token;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return refusal.status();
    }

    /** Every header of the answer but {@code Content-Type} ({@link #CONTENT_TYPE}), in the order they are set. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        // an answer may be about credentials: no cache keeps it
        headers.put("Cache-Control", "no-store");
        challenge().ifPresent(challenge -> headers.put("WWW-Authenticate", challenge));
        retryAfter.ifPresent(wait -> headers.put("Retry-After", Long.toString(wholeSecondsUp(wait))));
        return headers;
    }

    public String json() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("errorCode", refusal.errorCode());
        status.put("message", message);
        status.put("errors", field.map(f -> List.of(f.json(refusal.errorCode()))).orElse(List.of()));
        return JsonCodec.write(Map.of("responseStatus", status));
    }

    /**
     * Writes the answer to a servlet response. On a failed authentication Liberty sets the status to 401 unless
     * the response is already committed, so an answer of any other status is committed (Liberty then logs
     * SRVE8115W once); a 401 is not, and so causes no warning.
     */
    public void send(HttpServletResponse response) throws IOException {
        logSent();
        response.setStatus(status());
        response.setContentType(CONTENT_TYPE);
        headers().forEach(response::setHeader);
        response.getWriter().write(json());
        if (status() != HttpServletResponse.SC_UNAUTHORIZED) {
            response.flushBuffer();
        }
    }

    /**
     * Logs the answer at FINE as it is sent, by its refusal's name: what an operator traces to learn why requests
     * are refused. The message is the one the client gets, which never holds a token or a password.
     */
    public void logSent() {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("JWTAUTH0010I: refused (" + refusal + token.map(failure -> " " + failure).orElse("") + "): " + this);
        }
    }

    private Optional<String> challenge() {
        return switch (refusal.challenge()) {
            case NONE -> Optional.empty();
            case BEARER -> Optional.of("Bearer");
            // Only the fixed text of the reason goes into the header: the detail can hold what a token said (its
            // alg, its aud), and control characters or CR LF there would break or split the header. The body has it.
            case INVALID_TOKEN -> Optional.of("Bearer error=\"invalid_token\", error_description=\""
                    + token.orElseThrow().message() + "\"");
        };
    }

    /** {@code Retry-After} counts whole seconds: rounded up, so a client never comes back too early, and at least 1. */
    private static long wholeSecondsUp(Duration wait) {
        return Math.max(1, wait.plusNanos(999_999_999).getSeconds());
    }

    @Override
    public String toString() {
        return status() + " " + refusal.errorCode() + ": " + message;
    }

    /**
     * The {@code errors} entry of a refusal about one request field: ServiceStack lists {@code {errorCode,
     * fieldName, message}} for argument errors, which clients show next to the field.
     */
    record FieldError(String name, String message) {
        Map<String, Object> json(String errorCode) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("errorCode", errorCode);
            entry.put("fieldName", name);
            entry.put("message", message);
            return entry;
        }
    }
}
