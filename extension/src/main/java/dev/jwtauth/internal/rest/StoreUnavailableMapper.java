package dev.jwtauth.internal.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.jwtauth.spi.StoreUnavailableException;

/**
 * A failure of the store under a token service (sign-in, refresh, logout, session-to-token) is answered 503 with
 * the documented {@code responseStatus}; what the database said was logged where it happened.
 */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {
    private final ServiceErrorMapper errors = new ServiceErrorMapper();

    @Override
    public Response toResponse(StoreUnavailableException failure) {
        return errors.toResponse(ServiceError.unavailable());
    }
}
