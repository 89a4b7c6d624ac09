package dev.jwtauth.internal.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes a {@link ServiceError} as its status and {@code responseStatus} body. */
@Provider
public class ServiceErrorMapper implements ExceptionMapper<ServiceError> {

    @Override
    public Response toResponse(ServiceError error) {
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(error.json());
        if (error.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            response.header("WWW-Authenticate", "Bearer");
        }
        error.retryAfter().ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }
}
