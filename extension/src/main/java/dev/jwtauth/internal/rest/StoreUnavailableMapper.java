package dev.jwtauth.internal.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.spi.StoreUnavailableException;

/**
 * A failure of the store under one of the application's resources (a {@code UserStore} call) is answered 503 with
 * the documented {@code responseStatus}, as the token services answer theirs; what the database said was logged
 * where it happened.
 */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {

    @Override
    public Response toResponse(StoreUnavailableException failure) {
        return RefusalResponse.of(Refusal.STORE_UNAVAILABLE.answer());
    }
}
