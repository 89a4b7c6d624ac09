package dev.jwtauth.internal.rest;

import java.util.Set;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.jwtauth.internal.security.Refusal;

/**
 * A {@code @RolesAllowed} check that fails for an authenticated caller answers 403 {@code Invalid Role} in the
 * {@code responseStatus} shape of the token services instead of the server's empty body. Found by the JAX-RS
 * runtime's provider scanning of WEB-INF/lib; an application whose {@code Application.getClasses()} lists its
 * classes explicitly must list this one too.
 */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {
    /** What the JAX-RS runtime says when its role check fails; an application's own message is kept. */
    private static final Set<String> CONTAINER_MESSAGES = Set.of("Unauthorized", "HTTP 403 Forbidden", "Forbidden");

    @Override
    public Response toResponse(ForbiddenException exception) {
        if (exception.getResponse().hasEntity()) {
            return exception.getResponse();
        }
        String message = exception.getMessage();
        return RefusalResponse.of(message == null || CONTAINER_MESSAGES.contains(message)
                ? Refusal.INVALID_ROLE.answer() : Refusal.FORBIDDEN.answer(message));
    }
}
