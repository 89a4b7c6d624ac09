package dev.jwtauth.internal.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;

/**
 * Writes the documented errors: {@code {"responseStatus":{"errorCode","message","errors"}}} with its
 * status, and for refused tokens the RFC 6750 §3 {@code WWW-Authenticate} challenge. The one place where a failure
 * becomes bytes on the wire.
 */
public final class ErrorResponses {
    public static final String NOT_AUTHENTICATED = "Not Authenticated";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    public static final String STORE_UNAVAILABLE = "The user store is unavailable; try again later";
    public static final String RETRY_AFTER_SECONDS = "5";
    public static final String CROSS_SITE = "Cross-site request refused: its origin is not allowed (jwt.AllowedOrigins)";
    public static final String INSECURE_CONNECTION =
            "Sending JWT over insecure connection forbidden when RequireSecureConnection=true";

    private ErrorResponses() {
    }

    /** 401 for a request that carried no credentials at all. */
    public static void notAuthenticated(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", NOT_AUTHENTICATED);
    }

    /**
     * 401 for a presented token that was refused; 403 {@code Token is invalid} when it was valid but the
     * application's {@code TokenValidator} rejected it.
     */
    public static void invalidToken(HttpServletResponse response, TokenException failure) throws IOException {
        if (failure.failure() == TokenFailure.REJECTED) {
            forbidden(response, failure.getMessage());
            return;
        }
        // Only the fixed text of the reason goes into the header: the detail can hold what a token said (its alg, its
        // aud), and control characters or CR LF there would break or split the header. The body has the detail.
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\""
                + failure.failure().message() + "\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "TokenException", failure.getMessage());
    }

    /**
     * 403 with the {@code Forbidden} error code. On a failed authentication Liberty sets the status to 401 unless the
     * response is already committed, so this one is committed (Liberty then logs SRVE8115W once).
     */
    public static void forbidden(HttpServletResponse response, String message) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", message);
        response.flushBuffer();
    }

    /** 400 for a request that cannot be authenticated as it is (no or an unknown tenant); committed, as above. */
    public static void badRequest(HttpServletResponse response, String message) throws IOException {
        write(response, HttpServletResponse.SC_BAD_REQUEST, "ArgumentException", message);
        response.flushBuffer();
    }

    /**
     * 503 when the store failed while deciding (a transparent refresh): the client may try again; committed, as
     * above. The database's own message is in the server log, never here.
     */
    public static void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, STORE_UNAVAILABLE);
        response.flushBuffer();
    }

    private static void write(HttpServletResponse response, int status, String errorCode, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body(errorCode, message));
    }

    /** The JSON of an error, e.g. for a JAX-RS response. */
    public static String body(String errorCode, String message) {
        return body(errorCode, message, Optional.empty(), message);
    }

    /**
     * The JSON of an error about one request field: ServiceStack adds {@code {errorCode, fieldName, message}} to
     * {@code errors} for argument errors, which clients show next to the field.
     */
    public static String body(String errorCode, String message, Optional<String> field, String fieldMessage) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("errorCode", errorCode);
        status.put("message", message);
        status.put("errors", field.map(name -> List.of(Map.of("errorCode", errorCode, "fieldName", name, "message", fieldMessage)))
                .orElse(List.of()));
        return JsonCodec.write(Map.of("responseStatus", status));
    }
}
