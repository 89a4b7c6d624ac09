package dev.jwtauth.internal.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;

/**
 * Every refusal jwtauth answers, and what it looks like on the wire: status, {@code errorCode}, message and
 * {@code WWW-Authenticate} challenge. The mechanism, the token services and the exception mappers all answer from
 * this one table (through {@link RefusalAnswer}), so a refusal looks the same whichever of them sends it.
 * <p>
 * A message with {@code %s} takes the occasion's details, in order; any other message is the whole text. The
 * refusals about one request field also name the field in {@code errors}, as ServiceStack does for argument errors.
 */
public enum Refusal {
    // 401: no caller. The challenge says whether a presented token was the problem (RFC 6750 §3.1).
    NOT_AUTHENTICATED(401, "Unauthorized", "Not Authenticated", Challenge.BEARER),
    /** A presented access or refresh token that was refused: the body has the detail, the challenge the fixed reason. */
    REFUSED_TOKEN(401, "TokenException", "%s", Challenge.INVALID_TOKEN),
    /** Unknown user, wrong password, or a lockout by failed sign-ins: one answer for all, nothing can be probed. */
    INVALID_CREDENTIALS(401, "Unauthorized", "Invalid Username or Password", Challenge.BEARER),
    INVALID_BASIC_CREDENTIALS(401, "Unauthorized", "Invalid BasicAuth Credentials", Challenge.BEARER),
    LOCKED_OUT(401, "AuthenticationException", "This account has been locked", Challenge.BEARER),

    // 403: the caller, or the way it came, may not do this.
    /** A valid token the application's {@code TokenValidator} refused. */
    REJECTED_TOKEN(403, "Forbidden", "%s"),
    INVALID_ROLE(403, "Forbidden", "Invalid Role"),
    /** A {@code @RequiresPermission} the caller's {@code perms} do not grant. */
    INVALID_PERMISSION(403, "Forbidden", "Invalid Permission"),
    /** An application's own {@code ForbiddenException}, with its message. */
    FORBIDDEN(403, "Forbidden", "%s"),
    INSECURE_CONNECTION(403, "Forbidden",
            "Sending JWT over insecure connection forbidden when RequireSecureConnection=true"),
    /** A token service over plain HTTP that was sent no token: a sign-in's password, a refresh token, a session. */
    INSECURE_CREDENTIALS(403, "Forbidden",
            "Sending credentials over insecure connection forbidden when RequireSecureConnection=true"),
    CROSS_SITE(403, "Forbidden", "Cross-site request refused: its origin is not allowed (jwt.AllowedOrigins)"),

    // 400: the request cannot be served as it is.
    /** The request's tenant is unknown, or required and missing; the detail says which. */
    NO_TENANT(400, "ArgumentException", "%s"),
    MISSING_REFRESH_TOKEN(400, "ArgumentNullException", "Value cannot be null. (Parameter 'refreshToken')",
            Field.saying("Value cannot be null.")),
    /** Malformed, unknown, its user gone, or refused by the application's {@code RefreshTokenValidator}. */
    INVALID_REFRESH_TOKEN(400, "ArgumentException", "RefreshToken is Invalid", Field.SAME_MESSAGE),
    CREDENTIALS_IN_URL(400, "ArgumentException", "Credentials belong in the request body, never in the URL",
            Field.saying("not allowed in the URL")),
    /** A form sign-in's {@code continue} that leads off this origin. Details: the field. */
    EXTERNAL_REDIRECT(400, "ArgumentException", "External Redirects are not permitted (Parameter '%s')",
            Field.saying("External Redirects are not permitted")),
    /** Details: the field's label. */
    EMPTY_FIELD(400, "NotEmpty", "'%s' must not be empty.", Field.SAME_MESSAGE),
    /** Details: the field's name, what it must be. */
    WRONG_TYPE(400, "SerializationException", "'%s' must be %s", Field.SAME_MESSAGE),
    NOT_A_JSON_OBJECT(400, "SerializationException", "The request body is not a JSON object"),
    NOT_URL_ENCODED(400, "SerializationException", "The form is not URL-encoded"),
    UNREADABLE_BODY(400, "SerializationException", "The request body could not be read"),
    NOT_UTF8(400, "SerializationException", "The request body is not UTF-8"),

    /** Details: the provider. */
    UNKNOWN_PROVIDER(404, "NotFound", "No configuration was added for OAuth provider '%s'"),
    /** A reader-only deployment has no key to issue tokens with. */
    READER_ONLY(405, "NotSupportedException", "This server only validates tokens: it has no key to issue them"),
    GET_SIGN_IN_DISABLED(405, "NotSupportedException",
            "GET Authenticate requests are disabled, to enable set AllowGetAuthenticateRequests=true"),
    /**
     * Details: the route (or DTO), the methods it accepts. Those whose fields are credentials (a refresh token)
     * accept only POST: credentials do not belong in URLs and server logs.
     */
    METHOD_NOT_ALLOWED(405, "NotSupportedException", "%s only accepts %s"),
    /** Details: the limit in bytes. */
    BODY_TOO_LARGE(413, "RequestEntityTooLarge", "The request body is larger than %s bytes"),
    /** {@code text/plain} (or multipart) is what a page of another site can post without a CORS preflight. */
    UNSUPPORTED_MEDIA_TYPE(415, "NotSupportedException",
            "The request body must be JSON (application/json) or a form (application/x-www-form-urlencoded)"),
    /** Throttled sign-in; the occasion says when to try again ({@link #throttled}). */
    TOO_MANY_REQUESTS(429, "TooManyRequests", "Too many failed sign-ins; try again later"),
    /**
     * The store failed while deciding: the client may try again. What the database said is in the server log,
     * never here.
     */
    STORE_UNAVAILABLE(503, "ServiceUnavailable", "The user store is unavailable; try again later");

    /**
     * How long a client waits after a store failure before it tries again: the one wait the table fixes (a
     * throttled sign-in's comes from the throttle).
     */
    private static final Duration STORE_RETRY = Duration.ofSeconds(5);

    private final int status;
    private final String errorCode;
    private final String message;
    private final Challenge challenge;
    private final Optional<Field> field;

    Refusal(int status, String errorCode, String message) {
        this(status, errorCode, message, Challenge.NONE, Optional.empty());
    }

    Refusal(int status, String errorCode, String message, Challenge challenge) {
        this(status, errorCode, message, challenge, Optional.empty());
    }

    Refusal(int status, String errorCode, String message, Field field) {
        this(status, errorCode, message, Challenge.NONE, Optional.of(field));
    }

    Refusal(int status, String errorCode, String message, Challenge challenge, Optional<Field> field) {
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
        this.challenge = challenge;
        this.field = field;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    Challenge challenge() {
        return challenge;
    }

    /** Whether the answer names a request field. */
    boolean aboutField() {
        return field.isPresent();
    }

    /** The answer to this refusal; {@code details} fill the message's {@code %s}, in order. */
    public RefusalAnswer answer(Object... details) {
        if (aboutField() || challenge == Challenge.INVALID_TOKEN) {
            throw new IllegalStateException(this + " needs its field or its token: see about() and refusedToken()");
        }
        return new RefusalAnswer(this, message(details), Optional.empty(), Optional.empty(),
                this == STORE_UNAVAILABLE ? Optional.of(STORE_RETRY) : Optional.empty());
    }

    /** The answer to this refusal of request field {@code name}; {@code details} fill the message's {@code %s}. */
    public RefusalAnswer about(String name, Object... details) {
        Field spec = field.orElseThrow(() -> new IllegalStateException(this + " is not about a field"));
        String text = message(details);
        return new RefusalAnswer(this, text, Optional.of(new RefusalAnswer.FieldError(name, spec.message().orElse(text))),
                Optional.empty(), Optional.empty());
    }

    /**
     * A refused token: 401 with the {@code invalid_token} challenge, or 403 {@code Token is invalid} when it was
     * valid but the application rejected it (a new token would not help).
     */
    public static RefusalAnswer refusedToken(TokenException failure) {
        return failure.failure() == TokenFailure.REJECTED
                ? REJECTED_TOKEN.answer(failure.getMessage())
                : new RefusalAnswer(REFUSED_TOKEN, REFUSED_TOKEN.message(failure.getMessage()), Optional.empty(),
                        Optional.of(failure.failure()), Optional.empty());
    }

    /** A throttled sign-in: 429, to be tried again after {@code retryAfter}. */
    public static RefusalAnswer throttled(Duration retryAfter) {
        return new RefusalAnswer(TOO_MANY_REQUESTS, TOO_MANY_REQUESTS.message(), Optional.empty(), Optional.empty(),
                Optional.of(retryAfter));
    }

    private String message(Object... details) {
        return String.format(Locale.ROOT, message, details);
    }

    /** The {@code WWW-Authenticate} challenge of a 401: the one header a client learns how to authenticate from. */
    enum Challenge {
        /** Not a 401: no challenge. */
        NONE,
        /** No (usable) credentials, or credentials that are not a token: {@code Bearer}, with no error. */
        BEARER,
        /** A presented token was refused: {@code Bearer error="invalid_token", error_description="<reason>"}. */
        INVALID_TOKEN
    }

    /** What the {@code errors} entry of a field refusal says; its field is the occasion's. */
    record Field(Optional<String> message) {
        /** The entry repeats the refusal's message. */
        static final Field SAME_MESSAGE = new Field(Optional.empty());

        static Field saying(String text) {
            return new Field(Optional.of(text));
        }
    }
}
